/**
 * What one grant lets a caller read in the selection lists: everything (a national grant), or the rows whose unit
 * of the grant's kind is one of `units` (its own unit and those it succeeded). The API decides which grants count
 * (roles, succession); the stores turn them into a WHERE condition.
 */
export type SelectionReach = { scopeType: 'national' } | { scopeType: 'establishment' | 'commune' | 'province' | 'region'; units: readonly string[] };

/** The row's column expression for each kind of unit a grant can name. */
export interface SelectionReachColumns {
  establishment: string;
  commune: string;
  province: string;
  region: string;
}

/**
 * The SQL condition "one of these grants covers the row", with parameters numbered from `firstParam`. No grant →
 * FALSE; a national grant → TRUE.
 */
export function selectionReachSql(reach: readonly SelectionReach[], columns: SelectionReachColumns, firstParam: number): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const grant of reach) {
    if (grant.scopeType === 'national') return { sql: 'TRUE', params: [] };
    params.push([...grant.units]);
    clauses.push(`${columns[grant.scopeType]} = ANY($${firstParam + params.length - 1}::text[])`);
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}
