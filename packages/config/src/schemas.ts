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
  // E-mails of one person within this long after a message sent at once are held and go together as one message
  // when it ends (issue 19); tests shorten it. The morning digest's time is fixed (07:00 Asia/Ho_Chi_Minh).
  EMAIL_COMBINE_WINDOW_MS: z.coerce.number().int().min(1000).max(3600000).default(60000),
  // How often the sweep sends held e-mails whose delayed flush job was lost: the most such an e-mail is late.
  EMAIL_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3600000).default(60000),
});
export type WorkerConfig = z.output<typeof workerConfigSchema>;
