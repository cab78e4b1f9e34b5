import { type InstanceState, type Role } from '@khuyencong/domain';
import { type Actor } from '../common/actor.js';
import { coveredUnits, grantCovers } from '../selection/shared/scope.js';

/** Roles whose grants make instances visible by scope; judges and council members see only what they are assigned. */
const SCOPED_ROLES: ReadonlySet<Role> = new Set(['applicant', 'commune_officer', 'provincial_officer', 'central_officer', 'signer', 'admin']);

/** Whether an actor may see an instance at all (otherwise: 404, so its existence does not leak). */
export function canSee(actor: Actor, state: InstanceState): boolean {
  const byScope = actor.grants.some(
    (grant) => SCOPED_ROLES.has(grant.role) && grantCovers(grant, state.subject),
  );
  if (byScope) return true;
  const assignedJudge = state.jury?.judges.includes(actor.userId) ?? false;
  const assignedMember = state.council?.members.includes(actor.userId) ?? false;
  return (assignedJudge && actor.grants.some((grant) => grant.role === 'judge')) ||
    (assignedMember && actor.grants.some((grant) => grant.role === 'council_member' || grant.role === 'council_chair'));
}

/** Whether a national grant of a scoped role lets the actor see every instance (lists then need no scope condition). */
export function seesEverything(actor: Actor): boolean {
  return actor.grants.some((grant) => SCOPED_ROLES.has(grant.role) && grant.scopeType === 'national');
}

/** The SQL condition "the actor's grants cover this instance row" (alias `i`), with its parameters. */
export function coverageSql(actor: Actor, firstParam: number, roleColumn?: string): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const column: Record<string, string> = {
    establishment: 'i.establishment_id::text',
    commune: 'i.commune_code',
    province: 'i.province_code',
    region: 'i.region_code',
  };
  for (const grant of actor.grants) {
    const rolePart = roleColumn ? `${roleColumn} = $${firstParam + params.length}` : 'TRUE';
    if (roleColumn) params.push(grant.role);
    else if (!SCOPED_ROLES.has(grant.role)) continue;
    if (grant.scopeType === 'national') {
      clauses.push(`(${rolePart})`);
    } else {
      // The grant's unit and the units it succeeded (an officer of today's Gia Lai sees old Bình Định's records).
      clauses.push(`(${rolePart} AND ${column[grant.scopeType]} = ANY($${firstParam + params.length}::text[]))`);
      params.push([...coveredUnits(grant)]);
    }
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}
