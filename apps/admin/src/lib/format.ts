// Vietnamese formats first: 48,79 tỷ đồng, 95,26 %, 18/08/2022. English is the second language.

export type Locale = 'vi' | 'en';

const BILLION = 1_000_000_000;

function decimal(locale: Locale, value: number, fractionDigits: number): string {
  return new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/** Integer VND as billions with two decimals: `48,79 tỷ đồng` / `48.79 billion VND`. */
export function formatBillions(vnd: number, locale: Locale = 'vi'): string {
  const value = decimal(locale, vnd / BILLION, 2);
  return locale === 'vi' ? `${value} tỷ đồng` : `${value} billion VND`;
}

/** Integer VND in full: `1.000.000.000 đ` / `1,000,000,000 VND`. */
export function formatVnd(vnd: number, locale: Locale = 'vi'): string {
  const value = decimal(locale, vnd, 0);
  return locale === 'vi' ? `${value} đ` : `${value} VND`;
}

/** A percentage with two decimals: `95,26 %` / `95.26%`. */
export function formatPercent(percent: number, locale: Locale = 'vi'): string {
  const value = decimal(locale, percent, 2);
  return locale === 'vi' ? `${value} %` : `${value}%`;
}

/** A calendar date (ISO `yyyy-mm-dd` or an instant) as `dd/mm/yyyy`, read in Asia/Ho_Chi_Minh. */
export function formatDate(value: string | Date, _locale: Locale = 'vi'): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(typeof value === 'string' ? new Date(value) : value);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')}`;
}

/** Milliseconds with one decimal, for latencies. */
export function formatMs(ms: number, locale: Locale = 'vi'): string {
  return `${decimal(locale, ms, 1)} ms`;
}
