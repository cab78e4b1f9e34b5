import { type NextFunction, type Request, type Response } from 'express';

/**
 * The headers a JSON API should send (what helmet would set for an API without HTML). Every answer defaults to
 * `Cache-Control: no-store`: most carry tokens or personal data, and even the public certificate check must read
 * "revoked" the moment a certificate is revoked. A route that is safe to cache sets its own header over this one.
 */
/** The interactive reference (/api/docs) is the one HTML page: its own scripts, styles and inline SVG icons, nothing else. */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-site');
    res.setHeader('Content-Security-Policy', req.path === '/api/docs' || req.path.startsWith('/api/docs/') ? DOCS_CSP : API_CSP);
    res.setHeader('Strict-Transport-Security', 'max-age=15552000; includeSubDomains');
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
