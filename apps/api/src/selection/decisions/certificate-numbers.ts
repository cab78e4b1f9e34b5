import { certificateNumber, type CertificateLevel } from '@khuyencong/certificates';
import { DecisionStore } from '@khuyencong/persistence';
import { type EntityManager } from 'typeorm';

const decisions = new DecisionStore();

/** The series of a unit's certificates: the number before its year (`T-GL`, `KV`). */
export function certificateSeries(level: CertificateLevel, unitCode?: string): string {
  return certificateNumber(level, 2000, 1, unitCode).replace(/-2000-0001$/, '');
}

/**
 * Reserves `count` consecutive sequence numbers of the (series, year) counter inside the caller's transaction
 * and formats them. The row lock taken by the upsert serialises concurrent decisions of the same series only
 * (one province's decisions, not the country's), and a rolled-back decision releases its numbers with it, so
 * the numbers have no gaps.
 */
export async function reserveCertificateNumbers(
  manager: EntityManager,
  level: CertificateLevel,
  year: number,
  count: number,
  unitCode?: string,
): Promise<string[]> {
  const last = await decisions.reserveCertificateSequence(manager, level, certificateSeries(level, unitCode), year, count);
  const first = last - count + 1;
  return Array.from({ length: count }, (_, index) => certificateNumber(level, year, first + index, unitCode));
}

/** The body named on certificates when the decision does not say. */
export const DEFAULT_ISSUER: Readonly<Record<CertificateLevel, string>> = {
  commune: 'Ủy ban nhân dân xã',
  province: 'Sở Công Thương',
  region: 'Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công',
  national: 'Bộ Công Thương',
};
