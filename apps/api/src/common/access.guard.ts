import { ForbiddenException, Injectable, Logger, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type AccessRule, type Role } from './access.js';
import { type Actor, type Grant, type RequestWithActor } from './actor.js';
import { SessionService } from '../auth/session.service.js';

/** The actor's grants of the given roles (a new array: the cached actor is never changed). */
export function grantsForRoute(actor: Actor, roles: readonly Role[]): Grant[] {
  return actor.grants.filter((grant) => roles.includes(grant.role));
}

/**
 * Every route must declare who may call it (`@Public`, `@Authenticated`, `@Roles`). A route that declares
 * nothing is refused for everyone — and a test fails the build before that can ship.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('AccessGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`route ${context.getClass().name}.${context.getHandler().name} declares no access rule`);
      throw new ForbiddenException({ statusCode: 403, code: 'NOT_ALLOWED', message: 'Route declares no access rule' });
    }
    if (rule.kind === 'public') return true;

    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) {
      throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Chưa đăng nhập / Sign in first' });
    }
    const actor = await this.sessions.actorFromAccessToken(token);
    if (rule.kind === 'authenticated') {
      // The service picks the roles that matter (`holds`/`grantsOf` in selection/shared/scope.ts, `canSee`).
      request.actor = actor;
      return true;
    }
    const grants = grantsForRoute(actor, rule.roles);
    if (grants.length === 0) {
      throw new ForbiddenException({
        statusCode: 403,
        code: 'NOT_ALLOWED',
        message: `Không có quyền: cần một trong các vai trò ${rule.roles.join(', ')} / Requires one of the roles ${rule.roles.join(', ')}`,
      });
    }
    // A grant's scope counts only for the role it was given with: the services of a `@Roles` route see only the
    // grants of the route's roles, so a national judge grant never widens a provincial officer's provinces.
    request.actor = { ...actor, grants };
    return true;
  }
}
