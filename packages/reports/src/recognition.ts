import { type Queryable } from './queryable.js';
import { type ReportWithin, withinConditions } from './scope.js';
import { type CurrentUnits, type ReportUnits, loadCurrentUnits } from './units.js';

export interface RecognitionFilter {
  year?: number;
  level?: string;
  regionCode?: string;
  /** Only the establishments of these provinces or regions (the caller's scope); absent = everything. */
  within?: ReportWithin;
  /**
   * Province lines (and a round's region) by the units of their time (default) or rolled up to today's units and
   * today's regions (units.ts). The filters select the same certificates either way (a region by the entries'
   * own region), so the totals are the same.
   */
  units?: ReportUnits;
}

/** Recognitions per province of the entries (of their time, or today's unit they became). */
export interface RecognitionProvinceLine {
  provinceCode: string | null;
  provinceName: string | null;
  /** The entries' own region (historical) or the region of today's unit (current); null when mixed or unknown. */
  regionCode: string | null;
  products: number;
  establishments: number;
  expired: number;
  revoked: number;
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
function conditions(filter: RecognitionFilter): { params: unknown[]; where: string[] } {
  const params: unknown[] = [];
  const where = ['TRUE'];
  if (filter.year !== undefined) where.push(`r.year = $${params.push(filter.year)}`);
  if (filter.level) where.push(`r.level = $${params.push(filter.level)}`);
  if (filter.regionCode) where.push(`i.region_code = $${params.push(filter.regionCode)}`);
  if (filter.within) where.push(...withinConditions(filter.within, [{ province: 'i.province_code', region: 'i.region_code' }], params));
  return { params, where };
}

/**
 * The counts of a group of certificates (products, establishments, expired, revoked) and the tables they come from:
 * certificates as issued under a round's recognition decision, with the entry's instance for its geography.
 */
const CERTIFICATE_COUNTS = `COUNT(*)::int AS products, COUNT(DISTINCT c.establishment_id)::int AS establishments,
  COUNT(*) FILTER (WHERE c.status = 'expired'
                      OR (c.status = 'valid' AND c.valid_until < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))::int AS expired,
  COUNT(*) FILTER (WHERE c.status = 'revoked')::int AS revoked
  FROM certificates c
  JOIN recognition_decisions d ON d.id = c.decision_id
  JOIN rounds r ON r.id = d.round_id
  JOIN workflow_instances i ON i.id = c.instance_id`;

/** Today's unit of each entry's province, as a join (`cu.code` → `cu.current_code`, `cu.region_code`). */
function currentJoin(units: CurrentUnits, params: unknown[]): string {
  const entries = [...units.entries()];
  const codes = `$${params.push(entries.map(([code]) => code))}::text[]`;
  const current = `$${params.push(entries.map(([, unit]) => unit.code))}::text[]`;
  const regions = `$${params.push(entries.map(([, unit]) => unit.regionCode))}::text[]`;
  return `LEFT JOIN unnest(${codes}, ${current}, ${regions}) AS cu(code, current_code, region_code) ON cu.code = i.province_code`;
}

export async function recognisedPerRound(db: Queryable, filter: RecognitionFilter): Promise<RecognitionLine[]> {
  const { params, where } = conditions(filter);
  // Under `current`, a round's region is that of today's units of its entries (the same certificates either way).
  const join = filter.units === 'current' ? currentJoin(await loadCurrentUnits(db), params) : '';
  const region = filter.units === 'current' ? 'COALESCE(cu.region_code, i.region_code)' : 'i.region_code';
  const rows = await db.query<
    { round_id: string; level: string; year: number; region_code: string | null; products: number; establishments: number; expired: number; revoked: number }[]
  >(
    `SELECT r.id::text AS round_id, r.level, r.year,
            CASE WHEN COUNT(DISTINCT ${region}) = 1 THEN MIN(${region}) END AS region_code,
            ${CERTIFICATE_COUNTS}
       ${join}
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

/**
 * The same certificates as recognisedPerRound, per province of the entries: by the province of their time, or
 * (`units: 'current'`) by the unit it is today, with that unit's region today. Establishments are counted distinct
 * within each line.
 */
export async function recognisedPerProvince(db: Queryable, filter: RecognitionFilter): Promise<RecognitionProvinceLine[]> {
  const { params, where } = conditions(filter);
  const current = filter.units === 'current';
  const join = current ? currentJoin(await loadCurrentUnits(db), params) : '';
  const province = current ? 'COALESCE(cu.current_code, i.province_code)' : 'i.province_code';
  const region = current ? 'COALESCE(cu.region_code, i.region_code)' : 'i.region_code';
  const rows = await db.query<
    {
      province_code: string | null;
      province_name: string | null;
      region_code: string | null;
      products: number;
      establishments: number;
      expired: number;
      revoked: number;
    }[]
  >(
    `SELECT q.province_code, u.name AS province_name, q.region_code, q.products, q.establishments, q.expired, q.revoked
       FROM (
         SELECT ${province} AS province_code,
                CASE WHEN COUNT(DISTINCT ${region}) = 1 THEN MIN(${region}) END AS region_code,
                ${CERTIFICATE_COUNTS}
           ${join}
          WHERE ${where.join(' AND ')}
          GROUP BY 1
       ) q
       LEFT JOIN administrative_units u ON u.code = q.province_code
      ORDER BY q.province_code NULLS LAST`,
    params,
  );
  return rows.map((row) => ({
    provinceCode: row.province_code,
    provinceName: row.province_name,
    regionCode: row.region_code,
    products: row.products,
    establishments: row.establishments,
    expired: row.expired,
    revoked: row.revoked,
  }));
}
