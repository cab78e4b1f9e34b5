import { Injectable, type NestMiddleware } from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { MetricsService } from './metrics.service.js';

/** Times every request; labels it with the matched route template, or `unmatched` for 404s outside any route. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      this.metrics.observeHttp(req.method, typeof route === 'string' ? route : 'unmatched', res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  }
}
