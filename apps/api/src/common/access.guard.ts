import { ForbiddenException, Injectable, Logger, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_METADATA, type AccessRule } from './access.js';
import { type RequestWithActor } from './actor.js';
import { SessionService } from '../auth/session.service.js';

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
    request.actor = actor;
    if (rule.kind === 'roles' && !actor.grants.some((grant) => rule.roles.includes(grant.role))) {
      throw new ForbiddenException({
        statusCode: 403,
        code: 'NOT_ALLOWED',
        message: `Không có quyền: cần một trong các vai trò ${rule.roles.join(', ')} / Requires one of the roles ${rule.roles.join(', ')}`,
      });
    }
    return true;
  }
}
