import { type Actor, type Grant } from '../../common/actor.js';
import { type Role } from '../../common/access.js';

/** Where a record sits: an establishment, its commune, province and contest region. */
export interface UnitChain {
  establishmentId?: string | null;
  communeCode?: string | null;
  provinceCode?: string | null;
  regionCode?: string | null;
}

/**
 * Whether one grant covers the unit chain: national covers all, otherwise one of the grant's units (its own and,
 * for a province or commune, the units it succeeded: `Grant.scopeIds`) must be a link of the chain.
 */
export function grantCovers(grant: Grant, chain: UnitChain): boolean {
  if (grant.scopeType === 'national') return true;
  const link = { establishment: chain.establishmentId, commune: chain.communeCode, province: chain.provinceCode, region: chain.regionCode }[grant.scopeType];
  return link !== null && link !== undefined && coveredUnits(grant).includes(link);
}

/** The units a (non-national) grant covers: `scopeIds`, or its own unit alone for a grant built without them. */
export function coveredUnits(grant: Grant): readonly string[] {
  if (grant.scopeIds.length > 0) return grant.scopeIds;
  return grant.scopeId === null ? [] : [grant.scopeId];
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
    params.push([...coveredUnits(grant)]);
    clauses.push(`${columns[grant.scopeType]} = ANY($${firstParam + params.length - 1}::text[])`);
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}
