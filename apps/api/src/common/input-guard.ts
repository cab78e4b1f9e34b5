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
