import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type ResolvedWorkerConfig } from './config.js';
import { WorkerModule } from './worker.module.js';

/** A NestJS application context: no HTTP server. The worker never runs migrations. */
export async function createWorker(config: ResolvedWorkerConfig, options: { logger?: false } = {}): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.register(config), {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
