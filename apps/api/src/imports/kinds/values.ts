// Cell values as provinces write them: amounts with dots, dates as dd/mm/yyyy, units by name or code.
import { type EntityManager } from 'typeorm';
import { ImportStore, type ImportUnitRow } from '@khuyencong/persistence';
import { fold } from '../../common/people.js';
import { refuse } from '../errors.js';

/** `10.000.000`, `10,000,000`, `10 000 000 đ` or 10000000 → 10000000; anything else is refused on the column. */
export function parseAmount(column: string, text: string): number {
  const cleaned = text.replace(/\s*(đồng|đ|vnd)\s*$/i, '').replace(/\s/g, '');
  if (!/^(\d+|\d{1,3}([.,]\d{3})+)$/.test(cleaned)) throw refuse(column, `"${text}" không phải số tiền (đồng, số nguyên không âm)`);
  const value = Number(cleaned.replace(/[.,]/g, ''));
  if (!Number.isSafeInteger(value)) throw refuse(column, `Số tiền "${text}" quá lớn`);
  return value;
}

/** `dd/mm/yyyy`, `yyyy-mm-dd` (an Excel date cell arrives as the latter) → `yyyy-mm-dd`. */
export function parseDate(column: string, text: string): string {
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const written = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const parts = local ? [local[3]!, local[2]!, local[1]!] : written ? [written[1]!, written[2]!, written[3]!] : null;
  if (!parts) throw refuse(column, `"${text}" không phải ngày (ghi dd/mm/yyyy)`);
  const iso = `${parts[0]}-${parts[1]!.padStart(2, '0')}-${parts[2]!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) throw refuse(column, `Ngày "${text}" không có trên lịch`);
  return iso;
}

/** `2026-03`, `03/2026` or `3/2026` → `2026-03`. */
export function parsePeriod(column: string, text: string): string {
  const iso = /^(\d{4})-(\d{1,2})$/.exec(text);
  const local = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  const [year, month] = iso ? [iso[1]!, iso[2]!] : local ? [local[2]!, local[1]!] : [undefined, undefined];
  if (!year || !month || Number(month) < 1 || Number(month) > 12) throw refuse(column, `"${text}" không phải kỳ tháng (ghi YYYY-MM, ví dụ 2026-03)`);
  return `${year}-${month.padStart(2, '0')}`;
}

export function parseYear(column: string, text: string): number {
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  if (!(year >= 2000 && year <= 2100)) throw refuse(column, `"${text}" không phải năm (2000–2100)`);
  return year;
}

export const required = (column: string, text: string): string => {
  if (text === '') throw refuse(column, 'Không được để trống');
  return text;
};

/** A unit's name without its kind ("Tỉnh Gia Lai" → "gia lai", "Xã Ia Ly" → "ia ly"), folded. */
export function unitKey(name: string): string {
  return fold(name)
    .replace(/^(tinh|thanh pho|tp\.?|xa|phuong|thi tran|dac khu)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export type UnitRow = ImportUnitRow;

const units = new ImportStore();

/** Units of a level whose validity overlaps [from, to], findable by code, official code or name. */
export async function unitIndex(manager: EntityManager, level: 'province' | 'commune', from: string, to: string) {
  const rows = await units.unitsOverlapping(manager, level, from, to);
  const byKey = new Map<string, UnitRow[]>();
  const add = (key: string, unit: UnitRow) => byKey.set(key, [...(byKey.get(key) ?? []).filter((other) => other.code !== unit.code), unit]);
  for (const unit of rows) {
    add(`#${unit.code.toLowerCase()}`, unit);
    if (unit.official_code) add(`#${unit.official_code}`, unit);
    add(unitKey(unit.name), unit);
  }
  /** The units the text names: by code first, then by name. */
  return (text: string): UnitRow[] => byKey.get(`#${text.trim().toLowerCase()}`) ?? byKey.get(unitKey(text)) ?? [];
}
