import { type Actor, type Grant } from '../../common/actor.js';
import { type Role } from '../../common/access.js';

/** Where a record sits: an establishment, its commune, province and contest region. */
export interface UnitChain {
  establishmentId?: string | null;
  communeCode?: string | null;
  provinceCode?: string | null;
  regionCode?: string | null;
}

/** Whether one grant covers the unit chain: national covers all, otherwise the grant's unit must be a link. */
export function grantCovers(grant: Grant, chain: UnitChain): boolean {
  switch (grant.scopeType) {
    case 'national':
      return true;
    case 'establishment':
      return grant.scopeId !== null && grant.scopeId === chain.establishmentId;
    case 'commune':
      return grant.scopeId !== null && grant.scopeId === chain.communeCode;
    case 'province':
      return grant.scopeId !== null && grant.scopeId === chain.provinceCode;
    case 'region':
      return grant.scopeId !== null && grant.scopeId === chain.regionCode;
  }
}

/** Whether the actor holds one of the roles over the unit chain. */
export function holds(actor: Actor, roles: readonly Role[], chain: UnitChain): boolean {
  return actor.grants.some((grant) => roles.includes(grant.role) && grantCovers(grant, chain));
}

/** Grants of the given roles, for building SQL filters. */
export function grantsOf(actor: Actor, roles: readonly Role[]): Grant[] {
  return actor.grants.filter((grant) => roles.includes(grant.role));
}

/**
 * The SQL condition "one of these grants covers the row", given the row's column expressions, with parameters
 * numbered from `firstParam`. No grant → FALSE.
 */
export function coverageCondition(
  grants: readonly Grant[],
  columns: { establishment: string; commune: string; province: string; region: string },
  firstParam: number,
): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const grant of grants) {
    if (grant.scopeType === 'national') return { sql: 'TRUE', params: [] };
    params.push(grant.scopeId);
    clauses.push(`${columns[grant.scopeType]} = $${firstParam + params.length - 1}`);
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}
