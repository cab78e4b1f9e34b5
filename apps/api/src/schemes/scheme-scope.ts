import { type SchemeCoverageClause } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { coveredUnits } from '../selection/shared/scope.js';

/** Roles that see schemes by scope; council members see the schemes whose acceptance council they sit on. */
const SCOPED = new Set(['provincial_officer', 'central_officer', 'signer', 'admin', 'commune_officer']);

/** Which schemes the actor may see (SchemeStore renders it as SQL): one clause per scoped grant, then the council's. */
export function schemeCoverage(actor: Actor): SchemeCoverageClause[] {
  const clauses: SchemeCoverageClause[] = [];
  for (const grant of actor.grants) {
    if (!SCOPED.has(grant.role)) continue;
    if (grant.scopeType === 'national') clauses.push({ kind: 'national' });
    else if (grant.scopeType === 'province' || grant.scopeType === 'region') {
      // A province grant covers the provinces it succeeded too (Grant.scopeIds).
      clauses.push({ kind: grant.scopeType, codes: [...coveredUnits(grant)] });
    }
  }
  if (actor.grants.some((grant) => grant.role === 'council_member' || grant.role === 'council_chair')) {
    clauses.push({ kind: 'council', userId: actor.userId });
  }
  return clauses;
}
