/**
 * The part of the country a report may show: rows of these provinces or of these regions. The API sets it from
 * the caller's grants (docs/report-access.md); absent means everything (a national reader).
 */
export interface ReportWithin {
  provinceCodes: readonly string[];
  regionCodes: readonly string[];
}

export interface ScopeColumns {
  province: string;
  region: string;
}

/**
 * The SQL conditions "the row is within", one per set of (province, region) columns, all sharing the same
 * parameters (pushed once onto `params`, so every query of a report references each of them). Nothing granted →
 * FALSE: an empty report, never everything.
 */
export function withinConditions(within: ReportWithin, columns: readonly ScopeColumns[], params: unknown[]): string[] {
  const provinces = within.provinceCodes.length > 0 ? `$${params.push([...within.provinceCodes])}::text[]` : null;
  const regions = within.regionCodes.length > 0 ? `$${params.push([...within.regionCodes])}::text[]` : null;
  return columns.map((set) => {
    const clauses: string[] = [];
    if (provinces) clauses.push(`${set.province} = ANY(${provinces})`);
    if (regions) clauses.push(`${set.region} = ANY(${regions})`);
    return clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE';
  });
}
