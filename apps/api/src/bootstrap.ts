import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type ApiConfig } from '@khuyencong/config';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/json-logger.js';
import { requestContext } from './common/request-context.js';
import { securityHeaders } from './common/security-headers.js';
import { refuseNulBytes, refuseNulInBody } from './common/input-guard.js';

/** Builds the HTTP application; shared by main.ts and the tests. */
export async function createApp(config: ApiConfig, options: { quiet?: boolean } = {}): Promise<INestApplication> {
  const logger = new JsonLogger('api', options.quiet ? 'error' : config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { logger, bodyParser: false });
  // Forwarded headers count only from the configured proxies (none by default): clients cannot pick their address.
  app.set('trust proxy', config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false);
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(requestContext((line) => logger.write('info', line, 'http')));
  app.use(refuseNulBytes());
  app.useBodyParser('json', { limit: '1mb' });
  app.use(refuseNulInBody());
  app.setGlobalPrefix('api');
  app.enableCors({ origin: [config.ADMIN_ORIGIN], credentials: true, exposedHeaders: ['x-request-id', 'etag'] });
  return app;
}
