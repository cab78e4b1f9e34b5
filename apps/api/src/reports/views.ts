import { billionsHundredths, formatBillions, formatHundredths, formatPercent, type PlanActualLine } from '@khuyencong/reports';

/** Money as exact VND and printed in tỷ đồng. */
export function money(vnd: bigint): { vnd: number; printed: string } {
  return { vnd: Number(vnd), printed: formatBillions(vnd) };
}

export function percent(hundredths: bigint | null): { value: number | null; printed: string } {
  return { value: hundredths === null ? null : Number(hundredths) / 100, printed: formatPercent(hundredths) };
}

export function lineView(line: PlanActualLine) {
  return { key: line.key, label: line.label, plan: money(line.planVnd), actual: money(line.actualVnd), percent: percent(line.percent) };
}

/** Hundredths of a tỷ as printed, without the unit ("48,80"). */
export function printedBillions(hundredths: bigint): string {
  return formatHundredths(hundredths);
}

export { billionsHundredths };
