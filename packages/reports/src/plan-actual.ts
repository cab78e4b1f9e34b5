import { percentHundredths, sum } from './arithmetic.js';
import { type IsoDate, type Queryable } from './queryable.js';
import { type ReportWithin, withinConditions } from './scope.js';
import { type CurrentUnits, type ReportUnits, loadCurrentUnits } from './units.js';

/** How a plan-vs-actual report groups its lines. */
export const PLAN_ACTUAL_GROUPINGS = ['region', 'province', 'funding_source', 'content_group'] as const;
export type PlanActualGrouping = (typeof PLAN_ACTUAL_GROUPINGS)[number];

export interface PlanActualFilter {
  year: number;
  /** Period-to-date: disbursements dated up to and including this day (default 31 December of the year). */
  until?: IsoDate;
  groupBy: PlanActualGrouping;
  regionCode?: string;
  provinceCode?: string;
  fundingSource?: string;
  /** Only the schemes and plans of these provinces or regions (the caller's scope); absent = everything. */
  within?: ReportWithin;
  /**
   * Province and region lines by the units of their time (default) or rolled up to today's units. The filters
   * select the same records either way (a region by the records' own region; a province with the provinces it
   * succeeded), so the totals are the same.
   */
  units?: ReportUnits;
}

/** One line: the plan, what was disbursed up to the cut-off, and the execution rate. */
export interface PlanActualLine {
  key: string;
  label: string;
  planVnd: bigint;
  actualVnd: bigint;
  /** actual / plan in hundredths of a percent; null without a plan. */
  percent: bigint | null;
}

export interface PlanActualReport {
  filter: Required<Pick<PlanActualFilter, 'year' | 'until' | 'groupBy'>> & Omit<PlanActualFilter, 'year' | 'until' | 'groupBy'>;
  lines: PlanActualLine[];
  /** The sum of the lines (the report never prints a total that is not the sum of what it shows). */
  total: PlanActualLine;
}

const KEY_SQL: Record<PlanActualGrouping, { key: string; label: string; join: string }> = {
  region: { key: "COALESCE(s.region_code, '-')", label: "COALESCE(r.name, '-')", join: 'LEFT JOIN regions r ON r.code = s.region_code' },
  province: { key: 's.province_code', label: 'u.name', join: 'JOIN administrative_units u ON u.code = s.province_code' },
  funding_source: { key: 's.funding_source_code', label: 'f.name', join: 'JOIN funding_sources f ON f.code = s.funding_source_code' },
  content_group: {
    key: 's.content_group_code',
    label: 'g.name',
    join: 'JOIN content_groups g ON g.programme_code = s.programme_code AND g.code = s.content_group_code',
  },
};

/**
 * Where the scheme side of the report is read from. `rows`: every scheme and disbursement of the year. `totals`:
 * the running totals the database keeps of them by trigger (migration ReadPathAggregates): scheme_group_totals
 * (schemes and allocations per year, province, source, programme, content group and region, under the schemes'
 * own column names) and scheme_group_disbursed_days (disbursed per group and day) — a few hundred rows instead of
 * every scheme (2–3 ms against ~140 ms at 100,000 schemes). Both give the same report; the API's
 * test/reports-totals.int-spec.ts checks it after changes through the API and in SQL.
 */
export type PlanActualSource = 'rows' | 'totals';

const SOURCES: Record<PlanActualSource, { schemes: string; disbursed: string; where: string[] }> = {
  rows: { schemes: 'schemes s', disbursed: 'disbursements d ON d.scheme_id = s.id', where: [] },
  // A group whose schemes have all moved away (or been deleted) keeps its row with schemes = 0: not a line.
  totals: { schemes: 'scheme_group_totals s', disbursed: 'scheme_group_disbursed_days d ON d.scheme_group_id = s.id', where: ['s.schemes > 0'] },
};

/**
 * Plan = the current version of the annual plans of the provinces in the filter (a content-group line has no plan
 * of its own: it is the allocations of its schemes, which is what the plans are derived from).
 * Actual = disbursements of the year's schemes dated on or before `until`.
 */
export async function planVsActual(db: Queryable, filter: PlanActualFilter, source: PlanActualSource = 'rows'): Promise<PlanActualReport> {
  const until = filter.until ?? `${filter.year}-12-31`;
  let lines: PlanActualLine[];
  if (filter.units === 'current') {
    // The same records, read by their own units, then rolled up: the filters select the same rows either way.
    lines = rollUp(await linesOf(db, { ...filter, until }, source, true), filter, await loadCurrentUnits(db));
  } else {
    lines = await linesOf(db, { ...filter, until }, source, false);
  }
  lines.sort((a, b) => a.key.localeCompare(b.key));
  for (const line of lines) line.percent = percentHundredths(line.actualVnd, line.planVnd);
  const planVnd = sum(lines.map((line) => line.planVnd));
  const actualVnd = sum(lines.map((line) => line.actualVnd));
  return {
    filter: { ...filter, until },
    lines,
    total: { key: 'TOTAL', label: 'Tổng cộng', planVnd, actualVnd, percent: percentHundredths(actualVnd, planVnd) },
  };
}

/**
 * The lines by the records' own units. `split`: each key also carries the record's province and region
 * (`key|province|region`), for the roll-up to today's units.
 */
async function linesOf(db: Queryable, filter: PlanActualFilter & { until: IsoDate }, source: PlanActualSource, split: boolean): Promise<PlanActualLine[]> {
  const until = filter.until;
  const grouping = KEY_SQL[filter.groupBy];
  const key = split ? `${grouping.key} || '|' || COALESCE(s.province_code, '') || '|' || COALESCE(s.region_code, '')` : grouping.key;
  const from = SOURCES[source];
  const params: unknown[] = [filter.year, until];
  const where: string[] = ['s.year = $1', ...from.where];
  const planWhere: string[] = ['p.year = $1', 'p.province_code IS NOT NULL'];
  if (filter.regionCode) {
    params.push(filter.regionCode);
    where.push(`s.region_code = $${params.length}`);
    planWhere.push(`pr.region_code = $${params.length}`);
  }
  if (filter.provinceCode) {
    // A province and the provinces it succeeded (today's Gia Lai: old Gia Lai and Bình Định too).
    params.push(filter.provinceCode);
    const covered = `(WITH RECURSIVE covered(code) AS (SELECT $${params.length}::text UNION SELECT us.from_code FROM unit_successions us JOIN covered c ON us.to_code = c.code) SELECT code FROM covered)`;
    where.push(`s.province_code IN ${covered}`);
    planWhere.push(`p.province_code IN ${covered}`);
  }
  if (filter.fundingSource) {
    params.push(filter.fundingSource);
    where.push(`s.funding_source_code = $${params.length}`);
    planWhere.push(`p.funding_source_code = $${params.length}`);
  }
  if (filter.within) {
    // One parameter list serves both queries: the scheme side and the plan side each name their own columns.
    const [schemes, plans] = withinConditions(
      filter.within,
      [
        { province: 's.province_code', region: 's.region_code' },
        { province: 'p.province_code', region: 'pr.region_code' },
      ],
      params,
    );
    where.push(schemes!);
    planWhere.push(plans!);
  }
  const actualRows = await db.query<{ key: string; label: string; actual: string }[]>(
    `SELECT ${key} AS key, ${grouping.label} AS label, COALESCE(SUM(d.amount), 0)::text AS actual
       FROM ${from.schemes} ${grouping.join}
       LEFT JOIN ${from.disbursed} AND d.paid_on <= $2::date
      WHERE ${where.join(' AND ')}
      GROUP BY 1, 2`,
    params,
  );
  const planRows =
    filter.groupBy === 'content_group'
      ? await db.query<{ key: string; label: string; plan: string }[]>(
          `SELECT ${key} AS key, ${grouping.label} AS label, COALESCE(SUM(s.allocated_amount), 0)::text AS plan
             FROM ${from.schemes} ${grouping.join}
            WHERE ${where.join(' AND ')} AND $2::date IS NOT NULL
            GROUP BY 1, 2`,
          params,
        )
      : await plansBy(db, filter.groupBy, planWhere, params, split);
  const byKey = new Map<string, PlanActualLine>();
  for (const row of planRows) byKey.set(row.key, { key: row.key, label: row.label, planVnd: BigInt(row.plan), actualVnd: 0n, percent: null });
  for (const row of actualRows) {
    const line = byKey.get(row.key) ?? { key: row.key, label: row.label, planVnd: 0n, actualVnd: 0n, percent: null };
    line.actualVnd = BigInt(row.actual);
    byKey.set(row.key, line);
  }
  return [...byKey.values()];
}

async function plansBy(db: Queryable, groupBy: Exclude<PlanActualGrouping, 'content_group'>, where: string[], params: unknown[], split: boolean) {
  const own = { region: 'pr.region_code', province: 'p.province_code', funding_source: 'p.funding_source_code' }[groupBy];
  const key = split ? `COALESCE(${own}, '-') || '|' || p.province_code || '|' || COALESCE(pr.region_code, '')` : own;
  const label = { region: 'r.name', province: 'u.name', funding_source: 'f.name' }[groupBy];
  // $2 (the cut-off) is not used by plans; reference it so the parameter list stays the same.
  return db.query<{ key: string; label: string; plan: string }[]>(
    `SELECT ${key} AS key, ${label} AS label, SUM(v.amount)::text AS plan
       FROM annual_plans p
       JOIN annual_plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
       JOIN administrative_units u ON u.code = p.province_code
       JOIN funding_sources f ON f.code = p.funding_source_code
       LEFT JOIN LATERAL (
         SELECT m.region_code FROM region_memberships m
          WHERE m.unit_code = p.province_code AND m.valid_from <= make_date(p.year, 12, 31)
            AND (m.valid_to IS NULL OR m.valid_to >= make_date(p.year, 1, 1))
          ORDER BY m.valid_from DESC LIMIT 1
       ) pr ON TRUE
       LEFT JOIN regions r ON r.code = pr.region_code
      WHERE ${where.join(' AND ')} AND $2::date IS NOT NULL
      GROUP BY 1, 2`,
    params,
  );
}

/**
 * Split lines (`key|province|region`) → lines by today's units: a province line goes to the unit its province
 * became, a region line to that unit's region today (a line without a province keeps its own region). Every split
 * line lands in exactly one line: the same totals as by the units of their time.
 */
function rollUp(split: readonly PlanActualLine[], filter: PlanActualFilter, units: CurrentUnits): PlanActualLine[] {
  const merged = new Map<string, PlanActualLine>();
  for (const line of split) {
    const regionAt = line.key.lastIndexOf('|');
    const provinceAt = line.key.lastIndexOf('|', regionAt - 1);
    const ownKey = line.key.slice(0, provinceAt);
    const province = line.key.slice(provinceAt + 1, regionAt);
    const unit = province === '' ? undefined : units.get(province);
    const currentProvince = province === '' ? null : (unit?.code ?? province);
    const currentRegion = province === '' ? line.key.slice(regionAt + 1) || '-' : (unit?.regionCode ?? '-');
    const target =
      filter.groupBy === 'province'
        ? { key: currentProvince ?? '-', label: unit?.name ?? line.label }
        : filter.groupBy === 'region'
          ? { key: currentRegion, label: province === '' ? line.label : (unit?.regionName ?? '-') }
          : { key: ownKey, label: line.label };
    const into = merged.get(target.key) ?? { ...target, planVnd: 0n, actualVnd: 0n, percent: null };
    into.planVnd += line.planVnd;
    into.actualVnd += line.actualVnd;
    merged.set(target.key, into);
  }
  return [...merged.values()];
}
