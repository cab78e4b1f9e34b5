import { type SelectionReach } from '@khuyencong/persistence';
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

/** Grants of the given roles, for the lists' filters. */
export function grantsOf(actor: Actor, roles: readonly Role[]): Grant[] {
  return actor.grants.filter((grant) => roles.includes(grant.role));
}

/**
 * What the grants let a caller read in the selection lists, for the stores to filter by: a national grant reaches
 * everything, any other the units it covers (its own and those it succeeded).
 */
export function reachOf(grants: readonly Grant[]): SelectionReach[] {
  return grants.map((grant) => (grant.scopeType === 'national' ? { scopeType: 'national' } : { scopeType: grant.scopeType, units: [...coveredUnits(grant)] }));
}
