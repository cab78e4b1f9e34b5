import { type InstanceState, type Role } from '@khuyencong/domain';
import { instanceCoverageSql, type InstanceCoverageGrant } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { coveredUnits, grantCovers } from '../selection/shared/scope.js';

/** Roles whose grants make instances visible by scope; judges and council members see only what they are assigned. */
const SCOPED_ROLES: ReadonlySet<Role> = new Set(['applicant', 'commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin']);

/** Whether an actor may see an instance at all (otherwise: 404, so its existence does not leak). */
export function canSee(actor: Actor, state: InstanceState): boolean {
  const byScope = actor.grants.some((grant) => SCOPED_ROLES.has(grant.role) && grantCovers(grant, state.subject));
  if (byScope) return true;
  const assignedJudge = state.jury?.judges.includes(actor.userId) ?? false;
  const assignedMember = state.council?.members.includes(actor.userId) ?? false;
  return (
    (assignedJudge && actor.grants.some((grant) => grant.role === 'judge')) ||
    (assignedMember && actor.grants.some((grant) => grant.role === 'council_member' || grant.role === 'council_chair'))
  );
}

/** Whether a national grant of a scoped role lets the actor see every instance (lists then need no scope condition). */
export function seesEverything(actor: Actor): boolean {
  return actor.grants.some((grant) => SCOPED_ROLES.has(grant.role) && grant.scopeType === 'national');
}

/** The actor's grants as the coverage conditions take them; `scopedOnly` keeps only roles that see by scope. */
export function coverageGrants(actor: Actor, scopedOnly = false): InstanceCoverageGrant[] {
  return actor.grants
    .filter((grant) => !scopedOnly || SCOPED_ROLES.has(grant.role))
    .map((grant) => ({ role: grant.role, scopeType: grant.scopeType, units: coveredUnits(grant) }));
}

/**
 * The condition "the actor's grants cover this instance row" (alias `i`), with its parameters numbered from
 * `firstParam` (instanceCoverageSql): only the grants of roles that see by scope count.
 */
export function coverageSql(actor: Actor, firstParam: number): { sql: string; params: unknown[] } {
  return instanceCoverageSql(coverageGrants(actor, true), firstParam);
}
