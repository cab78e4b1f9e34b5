import { randomUUID } from 'node:crypto';
import { type NextFunction, type Request, type Response } from 'express';
import { type RequestWithActor } from './actor.js';

const VALID_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Gives every request an id (the caller's `x-request-id` if well-formed), echoes it, and logs one JSON line. */
export function requestContext(log: (line: Record<string, unknown>) => void) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && VALID_ID.test(incoming) ? incoming : randomUUID();
    (req as unknown as RequestWithActor).requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      log({
        msg: 'request',
        requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        userId: (req as unknown as RequestWithActor).actor?.userId,
      });
    });
    next();
  };
}
