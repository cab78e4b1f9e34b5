import { type Queryable } from './queryable.js';
import { type ReportWithin, withinConditions } from './scope.js';

export interface RecognitionFilter {
  year?: number;
  level?: string;
  regionCode?: string;
  /** Only the establishments of these provinces or regions (the caller's scope); absent = everything. */
  within?: ReportWithin;
}

/** Recognised products (or product sets) and the distinct establishments behind them, per round. */
export interface RecognitionLine {
  roundId: string;
  level: string;
  year: number;
  regionCode: string | null;
  /** Products (or sets) the round's recognition decision recognised, whatever became of their certificates since. */
  products: number;
  establishments: number;
  /** The same as `products`, under the name the decision gives it. */
  recognised: number;
  /** Of those, certificates past their validity today (expired by the timer or not yet). */
  expired: number;
  /** Of those, certificates revoked since. */
  revoked: number;
}

/**
 * Counted from the recognition decisions as issued: one certificate per entry the decision recognised, grouped by
 * round. A certificate that later expires or is revoked still counts for the year it was recognised in; it is
 * also counted in `expired` or `revoked` (never from the entry's current stage, which moves on).
 */
export async function recognisedPerRound(db: Queryable, filter: RecognitionFilter): Promise<RecognitionLine[]> {
  const params: unknown[] = [];
  const where = ['TRUE'];
  if (filter.year !== undefined) where.push(`r.year = $${params.push(filter.year)}`);
  if (filter.level) where.push(`r.level = $${params.push(filter.level)}`);
  if (filter.regionCode) where.push(`i.region_code = $${params.push(filter.regionCode)}`);
  if (filter.within) where.push(...withinConditions(filter.within, [{ province: 'i.province_code', region: 'i.region_code' }], params));
  const rows = await db.query<
    { round_id: string; level: string; year: number; region_code: string | null; products: number; establishments: number; expired: number; revoked: number }[]
  >(
    `SELECT r.id::text AS round_id, r.level, r.year,
            CASE WHEN COUNT(DISTINCT i.region_code) = 1 THEN MIN(i.region_code) END AS region_code,
            COUNT(*)::int AS products, COUNT(DISTINCT c.establishment_id)::int AS establishments,
            COUNT(*) FILTER (WHERE c.status = 'expired'
                                OR (c.status = 'valid' AND c.valid_until < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))::int AS expired,
            COUNT(*) FILTER (WHERE c.status = 'revoked')::int AS revoked
       FROM certificates c
       JOIN recognition_decisions d ON d.id = c.decision_id
       JOIN rounds r ON r.id = d.round_id
       JOIN workflow_instances i ON i.id = c.instance_id
      WHERE ${where.join(' AND ')}
      GROUP BY r.id, r.level, r.year
      ORDER BY r.year, r.level, r.id`,
    params,
  );
  return rows.map((row) => ({
    roundId: row.round_id,
    level: row.level,
    year: row.year,
    regionCode: row.region_code,
    products: row.products,
    establishments: row.establishments,
    recognised: row.products,
    expired: row.expired,
    revoked: row.revoked,
  }));
}
