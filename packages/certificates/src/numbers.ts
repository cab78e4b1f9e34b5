/** Contest levels a certificate can be issued at (the engine's round levels). */
export type CertificateLevel = 'commune' | 'province' | 'region' | 'national';

/** Number prefixes per level: xã (X), tỉnh (T), khu vực (KV), quốc gia (QG). */
const PREFIX: Readonly<Record<CertificateLevel, string>> = { commune: 'X', province: 'T', region: 'KV', national: 'QG' };

/** `gia-lai` → `GL`, `gia-lai-2025` → `GL`: the initials of a unit slug, digits dropped. */
export function unitInitials(unitCode: string): string {
  return unitCode
    .split('-')
    .filter((part) => part.length > 0 && !/^\d+$/.test(part))
    .map((part) => part[0]!.toUpperCase())
    .join('');
}

/**
 * A certificate number, unique per level and year because `sequence` comes from one counter per (level, year):
 * `KV-2022-0001` (region), `QG-2024-0003` (national), `T-GL-2024-0007` (province), `X-IMN-2024-0002` (commune).
 * The unit initials only help a reader; uniqueness never depends on them.
 */
export function certificateNumber(level: CertificateLevel, year: number, sequence: number, unitCode?: string): string {
  if (!Number.isSafeInteger(year) || year < 2000 || year > 9999) throw new RangeError(`year out of range: ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`sequence must be a positive integer: ${sequence}`);
  const local = level === 'commune' || level === 'province';
  const unit = local && unitCode ? `-${unitInitials(unitCode)}` : '';
  return `${PREFIX[level]}${unit}-${year}-${String(sequence).padStart(4, '0')}`;
}

/** What a certificate number may look like in a URL or a lookup (anything else is refused before a query). */
export const CERTIFICATE_NUMBER_PATTERN = /^(X|T|KV|QG)(-[A-Z]{1,8})?-\d{4}-\d{4,6}$/;

/**
 * Validity of a certificate issued on `issuedOn` (YYYY-MM-DD): 31 December of the 4th year, the year of issue
 * counting as the first (issued 2024 → valid to 2027-12-31), DESIGN.md §4.
 */
export function validUntilFor(issuedOn: string): string {
  const year = Number(issuedOn.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn) || !Number.isSafeInteger(year)) throw new RangeError(`not a date: ${issuedOn}`);
  return `${year + 3}-12-31`;
}

/** The address a certificate's QR code points to: the public verification page. */
export function verificationUrl(publicBaseUrl: string, number: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/verify/${encodeURIComponent(number)}`;
}
