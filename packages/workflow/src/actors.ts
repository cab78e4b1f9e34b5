import { nationalScopeId, type Actor as DomainActor, type Role, type ScopeType } from '@khuyencong/domain';

/** A grant as stored (`role_grants`): national grants have no scope id. */
export interface StoredGrant {
  role: string;
  scopeType: string;
  scopeId: string | null;
  /** The units the grant covers (its own and the units it succeeded), when the caller loaded them. */
  scopeIds?: readonly string[];
}

/** The platform itself, acting on timers. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

export const systemActor: DomainActor = {
  userId: SYSTEM_USER_ID,
  roles: [{ role: 'system', scope: { type: 'national', id: nationalScopeId } }],
};

/**
 * Stored grants → the engine's actor (national scope id `VN`). A grant covering several units (a province grant
 * and the provinces it succeeded) becomes one engine grant per unit, its own first, so the engine's scope rule
 * lets today's Gia Lai act on old Bình Định's records.
 */
export function toDomainActor(userId: string, grants: readonly StoredGrant[]): DomainActor {
  return {
    userId,
    roles: grants.flatMap((grant) => {
      const own = grant.scopeId ?? nationalScopeId;
      const ids = [own, ...(grant.scopeIds ?? []).filter((id) => id !== own)];
      return ids.map((id) => ({ role: grant.role as Role, scope: { type: grant.scopeType as ScopeType, id } }));
    }),
  };
}

/** The engine's scope id → the stored one (national is null). */
export function storedScopeId(type: ScopeType, id: string): string | null {
  return type === 'national' ? null : id;
}
