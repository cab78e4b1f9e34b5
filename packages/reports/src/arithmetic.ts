/**
 * Report arithmetic on integer VND. Every printed number is rounded half-up from exact integers, never from a
 * float that has already been rounded, so a report prints the same digits however its lines are grouped.
 * Results are integers in hundredths: 9526n means 95,26.
 */

/** 1 tỷ đồng (one billion VND). */
export const VND_PER_BILLION = 1_000_000_000n;

/** n / d rounded half away from zero (d > 0). */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const quotient = (magnitude * 2n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

/** A money amount in hundredths of a tỷ: 48_795_000_000 VND → 4880n (48,80 tỷ). */
export function billionsHundredths(vnd: bigint): bigint {
  return divideHalfUp(vnd, VND_PER_BILLION / 100n);
}

/** part / whole as a percentage in hundredths, or null when the whole is zero (nothing to compare with). */
export function percentHundredths(part: bigint, whole: bigint): bigint | null {
  if (whole === 0n) return null;
  return divideHalfUp(part * 10_000n, whole);
}

/**
 * How much a ratio grew against an earlier one, in hundredths of a percent:
 * (currentPart / currentWhole) / (previousPart / previousWhole) − 1. Used for "the execution rate is 62,15 %
 * higher than the same period last year" and, with wholes of 1, for plain amount changes (−32,19 %).
 */
export function ratioChangeHundredths(currentPart: bigint, currentWhole: bigint, previousPart: bigint, previousWhole: bigint): bigint | null {
  const denominator = currentWhole * previousPart;
  if (denominator === 0n) return null;
  return divideHalfUp(currentPart * previousWhole * 10_000n, denominator) - 10_000n;
}

/** current / previous − 1 in hundredths of a percent (null when there was nothing before). */
export function changeHundredths(current: bigint, previous: bigint): bigint | null {
  return ratioChangeHundredths(current, 1n, previous, 1n);
}

/** Sum of integer VND amounts. */
export function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}
