import { type INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type ResolvedWorkerConfig } from './config.js';
import { WorkerModule, type WorkerOverrides } from './worker.module.js';

/** A NestJS application context: no HTTP server. The worker never runs migrations. */
export async function createWorker(
  config: ResolvedWorkerConfig,
  options: { logger?: false; overrides?: WorkerOverrides } = {},
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(WorkerModule.register(config, options.overrides), {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
}

/**
 * On SIGTERM or SIGINT: stop taking jobs, let running ones finish (their shutdown hooks), then exit 0 so a
 * process manager sees a clean stop. A second signal exits at once. Installed before the worker boots, so a
 * signal during boot (the heartbeat is already visible then) waits for the boot and then shuts down cleanly.
 */
export function exitGracefullyOnSignals(booting: Promise<INestApplicationContext>): void {
  const logger = new Logger('Worker');
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.log(`shutting down on ${signal}: finishing running jobs`);
    booting
      .then((app) => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
