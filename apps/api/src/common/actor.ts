import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Role } from './access.js';

export type ScopeType = 'establishment' | 'commune' | 'province' | 'region' | 'national';

/** One role held over one scope (scopeId is null for national). */
export interface Grant {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
  /**
   * The units the grant covers: its own and, for a province or commune, every unit it succeeded (transitively
   * through unit_successions: a grant on today's Gia Lai covers old Gia Lai and Bình Định). Empty for national.
   * A grant on an abolished unit covers that unit only, never its successor.
   */
  scopeIds: readonly string[];
}

/** The signed-in user a request acts for. */
export interface Actor {
  userId: string;
  email: string;
  grants: Grant[];
}

export interface RequestWithActor {
  actor?: Actor;
  requestId?: string;
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
}

/** The signed-in user; only on routes declared `@Authenticated()` or `@Roles(...)`. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});

/** The request id (header `x-request-id`, or generated). */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => context.switchToHttp().getRequest<RequestWithActor>().requestId,
);

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.grants.some((grant) => roles.includes(grant.role));
}
