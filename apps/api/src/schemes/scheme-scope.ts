import { type Actor } from '../common/actor.js';
import { coveredUnits } from '../selection/shared/scope.js';

/** Roles that see schemes by scope; council members see the schemes whose acceptance council they sit on. */
const SCOPED = new Set(['provincial_officer', 'central_officer', 'signer', 'admin', 'commune_officer']);

/** SQL "the actor may see scheme s" (aliases s = schemes, i = workflow_instances), parameters from `$first`. */
export function schemeCoverageSql(actor: Actor, first: number): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const grant of actor.grants) {
    if (!SCOPED.has(grant.role)) continue;
    if (grant.scopeType === 'national') clauses.push('TRUE');
    else if (grant.scopeType === 'province' || grant.scopeType === 'region') {
      // A province grant covers the provinces it succeeded too (Grant.scopeIds).
      params.push([...coveredUnits(grant)]);
      clauses.push(`${grant.scopeType === 'province' ? 's.province_code' : 's.region_code'} = ANY($${first + params.length - 1}::text[])`);
    }
  }
  if (actor.grants.some((grant) => grant.role === 'council_member' || grant.role === 'council_chair')) {
    params.push(actor.userId);
    clauses.push(`(i.state -> 'council' -> 'members') @> jsonb_build_array($${first + params.length - 1}::text)`);
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}
