import { HttpException } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { type SessionService } from '../auth/session.service.js';
import { hasRole } from '../common/actor.js';

/** The cookie a browser tab of the dashboard carries (set by `POST /api/admin/queues-session`). */
export const QUEUES_SESSION_COOKIE = 'kc_queues_session';

/**
 * The dashboard is an Express app mounted beside Nest's router, so the global AccessGuard never sees it; this
 * middleware applies the same rule as `@Roles('admin')`: a bearer token (or the dashboard cookie, for the
 * browser page and its XHRs) of an active session with the admin role, else 401/403.
 */
export function adminSessionMiddleware(sessions: SessionService) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const token = bearerToken(req) ?? cookieValue(req.headers.cookie, QUEUES_SESSION_COOKIE);
    if (!token) {
      res.status(401).json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Chưa đăng nhập / Sign in first' });
      return;
    }
    try {
      const actor = await sessions.actorFromAccessToken(token);
      if (!hasRole(actor, 'admin')) {
        res.status(403).json({ statusCode: 403, code: 'NOT_ALLOWED', message: 'Không có quyền: cần vai trò admin / Requires the admin role' });
        return;
      }
    } catch (error) {
      if (error instanceof HttpException) {
        res.status(error.getStatus()).json(error.getResponse());
        return;
      }
      next(error);
      return;
    }
    // The dashboard is an HTML page with its own scripts and inline styles: the API's `default-src 'none'` would
    // blank it. Same-origin only, still no framing.
    res.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    next();
  };
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  return typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
}

/**
 * The value of one cookie, percent-decoded. A value a browser could not have set (broken percent-encoding, a
 * lone surrogate, empty) counts as absent: the caller then answers 401 like for no cookie at all, never 500.
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name || rest.length === 0) continue;
    let raw = rest.join('=');
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
    try {
      const value = decodeURIComponent(raw);
      return value.length > 0 && !/\p{Surrogate}/u.test(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
