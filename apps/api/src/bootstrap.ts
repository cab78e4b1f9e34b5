import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { type ApiConfig } from '@khuyencong/config';
import { AppModule } from './app.module.js';
import { JsonLogger } from './common/json-logger.js';
import { requestContext } from './common/request-context.js';
import { securityHeaders } from './common/security-headers.js';
import { readContext } from './infra/read-routing.js';
import { documentApi } from './common/api-document.js';
import { bodyReadTimeout, refuseNulBytes, refuseNulInBody, verifyJsonDepth } from './common/input-guard.js';

export interface CreateAppOptions {
  quiet?: boolean;
}

/** Builds the HTTP application; shared by main.ts and the tests. */
export async function createApp(config: ApiConfig, options: CreateAppOptions = {}): Promise<INestApplication> {
  const logger = new JsonLogger('api', options.quiet ? 'error' : config.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { logger, bodyParser: false });
  // Forwarded headers count only from the configured proxies (none by default): clients cannot pick their address.
  app.set('trust proxy', config.TRUSTED_PROXIES.length > 0 ? config.TRUSTED_PROXIES : false);
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(requestContext((line) => logger.write('info', line, 'http')));
  app.use(bodyReadTimeout(config.API_BODY_READ_TIMEOUT_MS));
  app.use(refuseNulBytes());
  // Nesting depth is checked on the raw text, before JSON.parse and before anything walks the body. Nest's typing
  // leaves `verify` out (it sets its own for rawBody, which this app does not use), so the options go as a variable.
  const jsonOptions = { limit: '1mb', verify: verifyJsonDepth };
  app.useBodyParser('json', jsonOptions);
  app.use(refuseNulInBody());
  // Which database served a request's stale-tolerant reads (X-Read-Source): after the body parser, see readContext.
  // Without a replica every read is the primary's and there is nothing to name: no context on the request path.
  if (config.DATABASE_READ_URL) app.use(readContext());
  app.setGlobalPrefix('api');
  serveContract(app);
  app.enableCors({ origin: [config.ADMIN_ORIGIN], credentials: true, exposedHeaders: ['x-request-id', 'etag', 'retry-after', 'x-read-source'] });
  return app;
}

/**
 * The OpenAPI document (built once, here: the same function writes packages/api-client/openapi.json) at
 * /api/openapi.json and the interactive reference at /api/docs, with swagger-ui's files from swagger-ui-dist (nothing
 * loaded from the internet). Both are public and mounted on Express outside Nest's router (like the queues
 * dashboard), so the access guard never sees them: the document describes routes, it grants nothing.
 */
function serveContract(app: NestExpressApplication): void {
  const document = documentApi(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/openapi.json',
    raw: ['json'],
    customSiteTitle: 'khuyencong API',
    swaggerOptions: { validatorUrl: null, queryConfigEnabled: false, persistAuthorization: false },
  });
}
