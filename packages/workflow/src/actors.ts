import { nationalScopeId, type Actor as DomainActor, type Role, type ScopeType } from '@khuyencong/domain';

/** A grant as stored (`role_grants`): national grants have no scope id. */
export interface StoredGrant {
  role: string;
  scopeType: string;
  scopeId: string | null;
}

/** The platform itself, acting on timers. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

export const systemActor: DomainActor = {
  userId: SYSTEM_USER_ID,
  roles: [{ role: 'system', scope: { type: 'national', id: nationalScopeId } }],
};

/** Stored grants → the engine's actor (national scope id `VN`). */
export function toDomainActor(userId: string, grants: readonly StoredGrant[]): DomainActor {
  return {
    userId,
    roles: grants.map((grant) => ({
      role: grant.role as Role,
      scope: { type: grant.scopeType as ScopeType, id: grant.scopeId ?? nationalScopeId },
    })),
  };
}

/** The engine's scope id → the stored one (national is null). */
export function storedScopeId(type: ScopeType, id: string): string | null {
  return type === 'national' ? null : id;
}
