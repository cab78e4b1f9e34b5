import { type DefaultJobOptions } from 'bullmq';

/**
 * Options every queue producer uses for its jobs. Transient failures (PostgreSQL or Redis briefly away, an
 * SMTP server refusing) retry with exponential backoff: 1 s, 2 s, 4 s … about four minutes in all. Completed
 * jobs are kept a day so a re-relay of the same outbox row within that time is a no-op in BullMQ too (the
 * processors' receipts make it harmless after that).
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 50000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};
