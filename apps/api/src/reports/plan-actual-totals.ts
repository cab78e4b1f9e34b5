import { percentHundredths, sum, type PlanActualFilter, type PlanActualGrouping, type PlanActualLine, type PlanActualReport, type Queryable } from '@khuyencong/reports';

// The same lines as `planVsActual` of @khuyencong/reports (which sums every scheme and disbursement of the year:
// ~175 ms at 100,000 schemes), read from the running totals the ReadPathAggregates migration keeps by trigger:
// scheme_group_totals (schemes and allocations per year, province, source, programme, content group, region) and
// scheme_group_disbursed_days (disbursed per group and day). A request reads a few hundred rows. The totals carry
// the schemes' own columns under the same names, so the grouping SQL below is the package's with `s` a group row;
// test/reports-totals.int-spec.ts checks both agree after changes made through the API.

const KEY_SQL: Record<PlanActualGrouping, { key: string; label: string; join: string }> = {
  region: { key: `COALESCE(s.region_code, '-')`, label: `COALESCE(r.name, '-')`, join: 'LEFT JOIN regions r ON r.code = s.region_code' },
  province: { key: 's.province_code', label: 'u.name', join: 'JOIN administrative_units u ON u.code = s.province_code' },
  funding_source: { key: 's.funding_source_code', label: 'f.name', join: 'JOIN funding_sources f ON f.code = s.funding_source_code' },
  content_group: {
    key: 's.content_group_code',
    label: 'g.name',
    join: 'JOIN content_groups g ON g.programme_code = s.programme_code AND g.code = s.content_group_code',
  },
};

export async function planVsActualFromTotals(db: Queryable, filter: PlanActualFilter): Promise<PlanActualReport> {
  const until = filter.until ?? `${filter.year}-12-31`;
  const grouping = KEY_SQL[filter.groupBy];
  const params: unknown[] = [filter.year, until];
  // A group whose schemes have all moved away (or been deleted) keeps its row with schemes = 0: not a line.
  const where: string[] = ['s.year = $1', 's.schemes > 0'];
  const planWhere: string[] = ['p.year = $1', 'p.province_code IS NOT NULL'];
  if (filter.regionCode) {
    params.push(filter.regionCode);
    where.push(`s.region_code = $${params.length}`);
    planWhere.push(`pr.region_code = $${params.length}`);
  }
  if (filter.provinceCode) {
    params.push(filter.provinceCode);
    where.push(`s.province_code = $${params.length}`);
    planWhere.push(`p.province_code = $${params.length}`);
  }
  if (filter.fundingSource) {
    params.push(filter.fundingSource);
    where.push(`s.funding_source_code = $${params.length}`);
    planWhere.push(`p.funding_source_code = $${params.length}`);
  }
  const actualRows = await db.query<{ key: string; label: string; actual: string }[]>(
    `SELECT ${grouping.key} AS key, ${grouping.label} AS label, COALESCE(SUM(d.amount), 0)::text AS actual
       FROM scheme_group_totals s ${grouping.join}
       LEFT JOIN scheme_group_disbursed_days d ON d.scheme_group_id = s.id AND d.paid_on <= $2::date
      WHERE ${where.join(' AND ')}
      GROUP BY 1, 2`,
    params,
  );
  const planRows =
    filter.groupBy === 'content_group'
      ? await db.query<{ key: string; label: string; plan: string }[]>(
          `SELECT ${grouping.key} AS key, ${grouping.label} AS label, COALESCE(SUM(s.allocated_amount), 0)::text AS plan
             FROM scheme_group_totals s ${grouping.join}
            WHERE ${where.join(' AND ')} AND $2::date IS NOT NULL
            GROUP BY 1, 2`,
          params,
        )
      : await plansBy(db, filter.groupBy, planWhere, params);
  const byKey = new Map<string, PlanActualLine>();
  for (const row of planRows) byKey.set(row.key, { key: row.key, label: row.label, planVnd: BigInt(row.plan), actualVnd: 0n, percent: null });
  for (const row of actualRows) {
    const line = byKey.get(row.key) ?? { key: row.key, label: row.label, planVnd: 0n, actualVnd: 0n, percent: null };
    line.actualVnd = BigInt(row.actual);
    byKey.set(row.key, line);
  }
  const lines = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const line of lines) line.percent = percentHundredths(line.actualVnd, line.planVnd);
  const planVnd = sum(lines.map((line) => line.planVnd));
  const actualVnd = sum(lines.map((line) => line.actualVnd));
  return {
    filter: { ...filter, until },
    lines,
    total: { key: 'TOTAL', label: 'Tổng cộng', planVnd, actualVnd, percent: percentHundredths(actualVnd, planVnd) },
  };
}

/** The current version of the annual plans (a handful of rows: read as the package reads them). */
async function plansBy(db: Queryable, groupBy: Exclude<PlanActualGrouping, 'content_group'>, where: string[], params: unknown[]) {
  const key = { region: 'pr.region_code', province: 'p.province_code', funding_source: 'p.funding_source_code' }[groupBy];
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
