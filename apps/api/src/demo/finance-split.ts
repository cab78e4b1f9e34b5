/** Splits demo totals over provinces and schemes in whole steps of 100 000 VND, so every sum stays exact. */
const STEP = 100_000;

/** `total` split by weights; the remainder goes to the first part. Sums exactly to `total` (a multiple of STEP). */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  if (total % STEP !== 0) throw new RangeError(`demo total ${total} is not a multiple of ${STEP}`);
  const steps = total / STEP;
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const parts = weights.map((weight) => Math.floor((steps * weight) / weightSum));
  parts[0]! += steps - parts.reduce((sum, part) => sum + part, 0);
  return parts.map((part) => part * STEP);
}

/** Splits plan, actual and the part of the actual paid by July together, checking july ≤ actual ≤ plan per part. */
export function splitTargets(plan: number, actual: number, byJuly: number, weights: readonly number[]): { plan: number; actual: number; byJuly: number }[] {
  const plans = splitByWeights(plan, weights);
  const actuals = splitByWeights(actual, weights);
  const julys = splitByWeights(byJuly, weights);
  return plans.map((part, index) => {
    const result = { plan: part, actual: actuals[index]!, byJuly: julys[index]! };
    if (!(result.byJuly <= result.actual && result.actual <= result.plan)) {
      throw new RangeError(`demo split breaks july ≤ actual ≤ plan: ${JSON.stringify(result)}`);
    }
    return result;
  });
}
