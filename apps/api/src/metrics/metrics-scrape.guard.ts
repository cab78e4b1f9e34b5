import { timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { type ApiConfig } from '@khuyencong/config';
import { SessionService } from '../auth/session.service.js';
import { hasRole, type RequestWithActor } from '../common/actor.js';
import { API_CONFIG } from '../config.js';

/**
 * `/api/metrics` is declared `@Public()` for the global guard because a Prometheus scraper has no user session;
 * this guard then admits either the static `METRICS_TOKEN` (when configured) or an admin's access token.
 */
@Injectable()
export class MetricsScrapeGuard implements CanActivate {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Chưa đăng nhập / Sign in first' });
    if (this.config.METRICS_TOKEN && sameSecret(token, this.config.METRICS_TOKEN)) return true;
    const actor = await this.sessions.actorFromAccessToken(token);
    request.actor = actor;
    if (!hasRole(actor, 'admin')) {
      throw new ForbiddenException({ statusCode: 403, code: 'NOT_ALLOWED', message: 'Không có quyền: cần vai trò admin / Requires the admin role' });
    }
    return true;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
