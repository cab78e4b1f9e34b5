/**
 * Vietnamese number formatting as the conference report prints it: decimal comma, thousands dot,
 * "48,79 tỷ đồng", "95,26 %".
 */
import { billionsHundredths } from './arithmetic.js';

/** A value in hundredths with two decimals: 484880n → "4.848,80", -3219n → "-32,19". */
export function formatHundredths(hundredths: bigint): string {
  const negative = hundredths < 0n;
  const magnitude = negative ? -hundredths : hundredths;
  const whole = (magnitude / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const fraction = (magnitude % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole},${fraction}`;
}

/** Integer VND as tỷ đồng with two decimals: 48_795_000_000n → "48,80 tỷ đồng". */
export function formatBillions(vnd: bigint): string {
  return `${formatHundredths(billionsHundredths(vnd))} tỷ đồng`;
}

/** A percentage in hundredths: 9526n → "95,26 %"; null (no base) → "–". */
export function formatPercent(hundredths: bigint | null): string {
  return hundredths === null ? '–' : `${formatHundredths(hundredths)} %`;
}

/** Integer VND with thousands dots: 1_000_000n → "1.000.000". */
export function formatVnd(vnd: bigint): string {
  return vnd.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A decimal number (as a JSON figure like 48.79) in the Vietnamese two-decimal form, for comparisons. */
export function formatDecimalVi(value: number): string {
  return formatHundredths(BigInt(Math.round(value * 100)));
}

/** Parses "48,79" or "1.234,56" back to hundredths; throws on anything else. */
export function parseHundredths(text: string): bigint {
  const match = /^(-?)([\d.]+),(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`not a Vietnamese two-decimal number: ${text}`);
  const value = BigInt(match[2]!.replaceAll('.', '')) * 100n + BigInt(match[3]!);
  return match[1] === '-' ? -value : value;
}
