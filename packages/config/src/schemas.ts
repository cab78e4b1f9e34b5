import { z } from 'zod';
import { authEnv, csv, databaseEnv, documentsEnv, heartbeatEnv, httpEnv, logEnv, mailEnv, metricsEnv, publicEnv, redisEnv, relayEnv } from './pieces.js';

/** Configuration of the API process. */
export const apiConfigSchema = z.object({
  ...databaseEnv.shape,
  ...redisEnv.shape,
  ...logEnv.shape,
  ...httpEnv.shape,
  ...heartbeatEnv.shape,
  ...authEnv.shape,
  ...documentsEnv.shape,
  ...metricsEnv.shape,
  ...publicEnv.shape,
});
export type ApiConfig = z.output<typeof apiConfigSchema>;

/** Configuration of a worker process. Which queues it serves is configuration, so workers scale by role. */
export const workerConfigSchema = z.object({
  ...databaseEnv.shape,
  ...redisEnv.shape,
  ...logEnv.shape,
  ...heartbeatEnv.shape,
  ...mailEnv.shape,
  ...relayEnv.shape,
  // Exports and certificates made by the worker are stored where the API serves documents from.
  ...documentsEnv.shape,
  ...publicEnv.shape,
  WORKER_QUEUES: csv.default(['notifications', 'timers', 'documents', 'reports']),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  WORKER_ID: z.string().min(1).optional(),
});
export type WorkerConfig = z.output<typeof workerConfigSchema>;
