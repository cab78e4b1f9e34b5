/** A grant as the coverage condition needs it: its role, its scope type and the units it covers. */
export interface InstanceCoverageGrant {
  role: string;
  scopeType: 'national' | 'establishment' | 'commune' | 'province' | 'region';
  /** The units the grant covers (its own and, for a province or commune, those it succeeded); ignored for national. */
  units: readonly string[];
}

/** The instance column each scope type is matched against (alias `i` for workflow_instances). */
const INSTANCE_COLUMN: Record<Exclude<InstanceCoverageGrant['scopeType'], 'national'>, string> = {
  establishment: 'i.establishment_id::text',
  commune: 'i.commune_code',
  province: 'i.province_code',
  region: 'i.region_code',
};

/**
 * The SQL condition "one of these grants covers this instance row" (alias `i`), with its parameters numbered from
 * `firstParam`. With `roleColumn`, each grant also requires that column to equal the grant's role (an inbox row
 * of that role). No grant → FALSE. Which grants count (scoped roles only, say) is the caller's rule.
 */
export function instanceCoverageSql(grants: readonly InstanceCoverageGrant[], firstParam: number, roleColumn?: string): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const grant of grants) {
    const rolePart = roleColumn ? `${roleColumn} = $${firstParam + params.length}` : 'TRUE';
    if (roleColumn) params.push(grant.role);
    if (grant.scopeType === 'national') {
      clauses.push(`(${rolePart})`);
    } else {
      // The grant's unit and the units it succeeded (an officer of today's Gia Lai sees old Bình Định's records).
      clauses.push(`(${rolePart} AND ${INSTANCE_COLUMN[grant.scopeType]} = ANY($${firstParam + params.length}::text[]))`);
      params.push([...grant.units]);
    }
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}
