// Amounts typed and shown the Vietnamese way (10.000.000 đ), shared by the plan and consulting forms.
import type { FormRule, InputNumberProps } from 'antd';
import { formatVnd, type Locale } from '../../lib/format.js';
import { LABELS } from '../../i18n/labels/index.js';
import type { SessionUser } from '../../lib/session.js';

/** An InputNumber typing whole đồng with dot thousands separators; a minus sign is kept so the rule can refuse it. */
export const vndInput: InputNumberProps<number> = {
  className: 'full',
  inputMode: 'numeric',
  formatter: (value) => (value === undefined || value === null || `${value}` === '' ? '' : `${value}`.replace(/\B(?=(\d{3})+(?!\d))/g, '.')),
  parser: (text) => {
    const cleaned = (text ?? '').replace(/[^\d-]/g, '');
    return cleaned === '' || cleaned === '-' ? (undefined as unknown as number) : Number(cleaned);
  },
};

/** Required, a whole number, not negative. */
export function amountRules(message: string): FormRule[] {
  return [
    { required: true, message },
    { type: 'integer', min: 0, max: Number.MAX_SAFE_INTEGER, message },
  ];
}

/** A change with its sign: `+150.000.000 đ`, `−100.000.000 đ`. */
export function signedVnd(change: number, locale: Locale): string {
  if (change === 0) return formatVnd(0, locale);
  return `${change > 0 ? '+' : '−'}${formatVnd(Math.abs(change), locale)}`;
}

/** `2026-04` as `04/2026`. */
export function formatPeriod(period: string): string {
  return `${period.slice(5, 7)}/${period.slice(0, 4)}`;
}

/**
 * The provinces a user works on, for filters and forms: those of their province grants (of these roles), or, with a
 * national grant, every province of the year's map (the 34 since the 2025 reform, the 63 before).
 */
export function provincesOf(user: SessionUser | null | undefined, roles: readonly string[], year: number, locale: Locale): { value: string; label: string }[] {
  const grants = (user?.grants ?? []).filter((grant) => roles.includes(grant.role));
  const national = grants.some((grant) => grant.scopeType === 'national');
  const codes = national
    ? Object.keys(LABELS.province).filter((code) => year >= 2025 === code.endsWith('-2025'))
    : [...new Set(grants.filter((grant) => grant.scopeType === 'province' && grant.scopeId).map((grant) => grant.scopeId!))];
  const table: Record<string, { vi: string; en: string } | undefined> = LABELS.province;
  return codes.map((code) => ({ value: code, label: table[code]?.[locale] ?? code })).sort((a, b) => a.label.localeCompare(b.label, 'vi'));
}
