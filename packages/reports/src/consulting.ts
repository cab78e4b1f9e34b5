import { changeHundredths, percentHundredths, sum } from './arithmetic.js';
import { type Queryable } from './queryable.js';
import { type ReportWithin, withinConditions } from './scope.js';
import { type CurrentUnits, type ReportUnits, loadCurrentUnits } from './units.js';

export interface ConsultingFilter {
  year: number;
  /** Months 1..untilMonth of the year (period-to-date); 12 = the whole year. */
  untilMonth: number;
  regionCode?: string;
  provinceCode?: string;
  /** Only the centres of these provinces or regions (the caller's scope); absent = everything. */
  within?: ReportWithin;
  /**
   * Province lines by the units of their time (default) or rolled up to today's units (units.ts). The filters
   * select the same centres either way (a region by the province's own region that year; a province with the
   * provinces it succeeded), so the totals are the same.
   */
  units?: ReportUnits;
}

export interface ConsultingLine {
  provinceCode: string;
  provinceName: string;
  projects: number;
  revenueVnd: bigint;
  planVnd: bigint;
  percent: bigint | null;
}

/** Consulting revenue of the provincial centres against their yearly plans, and against the same period last year. */
export interface ConsultingReport {
  filter: ConsultingFilter;
  lines: ConsultingLine[];
  /** Engagements with revenue in the period. */
  projects: number;
  revenueVnd: bigint;
  planVnd: bigint;
  percent: bigint | null;
  previousRevenueVnd: bigint;
  /** revenue / previous revenue − 1, in hundredths of a percent. */
  changePercent: bigint | null;
}

function period(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export async function consultingVsPlan(db: Queryable, filter: ConsultingFilter): Promise<ConsultingReport> {
  const params: unknown[] = [period(filter.year, 1), period(filter.year, filter.untilMonth), filter.year];
  const where: string[] = [];
  if (filter.regionCode) {
    params.push(filter.regionCode);
    where.push(`pr.region_code = $${params.length}`);
  }
  if (filter.provinceCode) {
    // A province and the provinces it succeeded (today's Gia Lai: old Gia Lai and Bình Định too).
    params.push(filter.provinceCode);
    where.push(
      `u.code IN (WITH RECURSIVE covered(code) AS (SELECT $${params.length}::text UNION SELECT us.from_code FROM unit_successions us JOIN covered c ON us.to_code = c.code) SELECT code FROM covered)`,
    );
  }
  if (filter.within) where.push(...withinConditions(filter.within, [{ province: 'u.code', region: 'pr.region_code' }], params));
  const rows = await db.query<{ province_code: string; province_name: string; projects: number; revenue: string; previous: string; plan: string }[]>(
    `WITH provinces AS (
       SELECT u.code, u.name FROM administrative_units u
         LEFT JOIN LATERAL (
           SELECT m.region_code FROM region_memberships m
            WHERE m.unit_code = u.code AND m.valid_from <= make_date($3, 12, 31) AND (m.valid_to IS NULL OR m.valid_to >= make_date($3, 1, 1))
            ORDER BY m.valid_from DESC LIMIT 1
         ) pr ON TRUE
        WHERE u.level = 'province' ${where.length > 0 ? `AND ${where.join(' AND ')}` : ''}
     )
     SELECT p.code AS province_code, p.name AS province_name,
            (SELECT COUNT(DISTINCT e.id)::int FROM consulting_engagements e JOIN consulting_revenues r ON r.engagement_id = e.id
              WHERE e.province_code = p.code AND r.period BETWEEN $1 AND $2 AND r.amount > 0) AS projects,
            (SELECT COALESCE(SUM(r.amount), 0)::text FROM consulting_engagements e JOIN consulting_revenues r ON r.engagement_id = e.id
              WHERE e.province_code = p.code AND r.period BETWEEN $1 AND $2) AS revenue,
            (SELECT COALESCE(SUM(r.amount), 0)::text FROM consulting_engagements e JOIN consulting_revenues r ON r.engagement_id = e.id
              WHERE e.province_code = p.code
                AND r.period BETWEEN to_char(make_date($3 - 1, 1, 1), 'YYYY-MM') AND ($3 - 1)::text || substr($2, 5)) AS previous,
            (SELECT COALESCE(SUM(c.amount), 0)::text FROM consulting_plans c WHERE c.province_code = p.code AND c.year = $3) AS plan
       FROM provinces p
      ORDER BY p.code`,
    params,
  );
  const own = rows
    .map((row) => ({
      provinceCode: row.province_code,
      provinceName: row.province_name,
      projects: row.projects,
      revenueVnd: BigInt(row.revenue),
      planVnd: BigInt(row.plan),
      percent: percentHundredths(BigInt(row.revenue), BigInt(row.plan)),
      previous: BigInt(row.previous),
    }))
    .filter((line) => line.planVnd > 0n || line.revenueVnd > 0n || line.previous > 0n);
  const lines = filter.units === 'current' ? rollUp(own, await loadCurrentUnits(db)) : own;
  const revenueVnd = sum(lines.map((line) => line.revenueVnd));
  const planVnd = sum(lines.map((line) => line.planVnd));
  const previousRevenueVnd = sum(lines.map((line) => line.previous));
  return {
    filter,
    lines: lines.map(({ previous: _previous, ...line }) => line),
    projects: lines.reduce((total, line) => total + line.projects, 0),
    revenueVnd,
    planVnd,
    percent: percentHundredths(revenueVnd, planVnd),
    previousRevenueVnd,
    changePercent: changeHundredths(revenueVnd, previousRevenueVnd),
  };
}

type OwnLine = ConsultingLine & { previous: bigint };

/** Province lines → lines of today's units (every line lands in exactly one: the same totals). */
function rollUp(lines: readonly OwnLine[], units: CurrentUnits): OwnLine[] {
  const merged = new Map<string, OwnLine>();
  for (const line of lines) {
    const unit = units.get(line.provinceCode);
    const code = unit?.code ?? line.provinceCode;
    const into = merged.get(code) ?? {
      provinceCode: code,
      provinceName: unit?.name ?? line.provinceName,
      projects: 0,
      revenueVnd: 0n,
      planVnd: 0n,
      percent: null,
      previous: 0n,
    };
    into.projects += line.projects;
    into.revenueVnd += line.revenueVnd;
    into.planVnd += line.planVnd;
    into.previous += line.previous;
    merged.set(code, into);
  }
  const result = [...merged.values()].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode));
  for (const line of result) line.percent = percentHundredths(line.revenueVnd, line.planVnd);
  return result;
}
