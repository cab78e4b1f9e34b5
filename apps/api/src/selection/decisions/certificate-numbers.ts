import { certificateNumber, type CertificateLevel } from '@khuyencong/certificates';
import { type EntityManager } from 'typeorm';

/**
 * Reserves `count` consecutive sequence numbers of a (level, year) counter inside the caller's transaction and
 * formats them. The row lock taken by the upsert serialises concurrent decisions, and a rolled-back decision
 * releases its numbers with it, so the numbers have no gaps.
 */
export async function reserveCertificateNumbers(manager: EntityManager, level: CertificateLevel, year: number, count: number, unitCode?: string): Promise<string[]> {
  const [row] = await manager.query<{ last_value: number }[]>(
    `INSERT INTO certificate_counters (level, year, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (level, year) DO UPDATE SET last_value = certificate_counters.last_value + EXCLUDED.last_value
     RETURNING last_value`,
    [level, year, count],
  );
  const first = row!.last_value - count + 1;
  return Array.from({ length: count }, (_, index) => certificateNumber(level, year, first + index, unitCode));
}

/** The body named on certificates when the decision does not say. */
export const DEFAULT_ISSUER: Readonly<Record<CertificateLevel, string>> = {
  commune: 'Ủy ban nhân dân xã',
  province: 'Sở Công Thương',
  region: 'Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công',
  national: 'Bộ Công Thương',
};
