import { hostname } from 'node:os';
import { loadConfig, workerConfigSchema, type WorkerConfig } from '@khuyencong/config';
import { isQueueName, type QueueName } from '@khuyencong/jobs';

/** Injection token of the worker's validated configuration. */
export const WORKER_CONFIG = Symbol('WORKER_CONFIG');

export interface ResolvedWorkerConfig extends Omit<WorkerConfig, 'WORKER_QUEUES' | 'WORKER_ID'> {
  WORKER_QUEUES: QueueName[];
  WORKER_ID: string;
}

/** The one place the worker reads the process environment. Unknown queue names stop it before boot. */
export function loadWorkerConfig(env: Record<string, string | undefined> = process.env): ResolvedWorkerConfig {
  const config = loadConfig(workerConfigSchema, env);
  const unknown = config.WORKER_QUEUES.filter((name) => !isQueueName(name));
  if (unknown.length > 0) {
    throw new Error(`Invalid configuration:\n  - WORKER_QUEUES: unknown queue(s) ${unknown.join(', ')}`);
  }
  return {
    ...config,
    WORKER_QUEUES: config.WORKER_QUEUES.filter(isQueueName),
    WORKER_ID: config.WORKER_ID ?? `${hostname()}-${process.pid}`,
  };
}
