import { type NextFunction, type Request, type Response } from 'express';

/** NUL can never be stored in PostgreSQL text and has no business in a request: refuse it at the door. */
export function refuseNulBytes() {
  return (req: Request, res: Response, next: NextFunction): void => {
    let url: string;
    try {
      url = decodeURIComponent(req.originalUrl);
    } catch {
      res.status(400).json({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Đường dẫn không hợp lệ / Malformed URL encoding' });
      return;
    }
    if (url.includes('\u0000')) {
      res.status(400).json({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Yêu cầu chứa ký tự NUL / The request contains a NUL character' });
      return;
    }
    next();
  };
}

/** The same for JSON bodies, after parsing. */
export function refuseNulInBody() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.body !== undefined && JSON.stringify(req.body)?.includes('\\u0000')) {
      res.status(400).json({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Nội dung chứa ký tự NUL / The body contains a NUL character' });
      return;
    }
    next();
  };
}

/** The body parser's error type for a JSON body nested deeper than MAX_JSON_DEPTH (answered 400 JSON_TOO_DEEP). */
export const JSON_TOO_DEEP = 'entity.too.deep';

/** No request of this API nests more than a few levels; 32 leaves room and keeps every recursive walk shallow. */
export const MAX_JSON_DEPTH = 32;

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of `[`/`{` in a JSON text, counted on the raw bytes outside strings and stopping as soon as
 * it passes `limit`; so it runs before JSON.parse (which recurses) and before anything walks the parsed value.
 * UTF-8 continuation bytes are never ASCII, so a byte scan is exact for UTF-8 text.
 */
export function jsonDepthExceeds(text: Buffer | string, limit: number): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/** The body parser's `verify` hook: refuses too-deep JSON before it is parsed. */
export function verifyJsonDepth(_req: Request, _res: Response, body: Buffer, encoding: string): void {
  const text = encoding.toLowerCase().replace('-', '') === 'utf8' ? body : body.toString(encoding as BufferEncoding);
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) {
    throw Object.assign(new Error(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`), { status: 400, statusCode: 400, expose: true, type: JSON_TOO_DEEP });
  }
}

/**
 * A request that announces a body and then stops sending it holds a socket and a parser forever: after `ms` without
 * a byte from the client while the body is still incomplete, answer 408 and close the connection. The clock is an
 * inactivity clock (it restarts on every chunk), so a slow but moving upload is not cut off.
 */
export function bodyReadTimeout(ms: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const announcesBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (!announcesBody || req.complete) {
      next();
      return;
    }
    const socket = req.socket;
    // On the request, not the socket: a 'timeout' the request handles stops Node from destroying the socket first.
    const onTimeout = () => {
      if (req.complete) return;
      socket.setTimeout(0);
      if (res.headersSent) {
        socket.destroy();
        return;
      }
      res.setHeader('Connection', 'close');
      res
        .status(408)
        .json({ statusCode: 408, code: 'REQUEST_TIMEOUT', message: 'Nội dung yêu cầu không được gửi đủ / The request body did not arrive in time' });
      res.once('finish', () => socket.destroy());
    };
    req.setTimeout(ms, onTimeout);
    const done = () => {
      req.removeListener('timeout', onTimeout);
      if (!socket.destroyed) socket.setTimeout(0);
    };
    req.once('end', done);
    res.once('close', done);
    next();
  };
}
