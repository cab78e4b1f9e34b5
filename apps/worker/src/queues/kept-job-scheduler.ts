import { type Logger } from '@nestjs/common';
import { type JobName, type QueueName } from '@khuyencong/jobs';
import { type JobQueues } from './job-queues.js';

/** How often a worker writes a scheduler again, so a Redis that lost its data gets it back without a restart. */
const REWRITE_INTERVAL_MS = 60_000;

/** A periodic sweep job of one queue: its BullMQ job scheduler id (persisted in Redis, never renamed) and its job. */
export interface SweepSchedule {
  queue: QueueName;
  /** The scheduler id, also the job's idempotency key. */
  scheduler: string;
  job: JobName;
  everyMs: number;
}

/**
 * Every worker serving the sweep's queue upserts its job scheduler at boot and then every minute: upserting is
 * idempotent, so however many such workers run, one sweep job is produced per interval, the latest interval wins,
 * and a Redis restarted without persistence has the scheduler again within a minute. Returns what stops the rewrites.
 */
export async function keepJobScheduler(queues: JobQueues, schedule: SweepSchedule, logger: Logger): Promise<() => void> {
  const write = async (): Promise<boolean> => {
    try {
      await queues
        .get(schedule.queue)
        .upsertJobScheduler(
          schedule.scheduler,
          { every: schedule.everyMs },
          { name: schedule.job, data: { idempotencyKey: schedule.scheduler }, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } },
        );
      return true;
    } catch (error) {
      // Redis away at boot: the scheduler written by an earlier boot keeps running; the next rewrite writes it.
      logger.warn(`${schedule.scheduler} scheduler not written: ${(error as Error).message}`);
      return false;
    }
  };
  // Redis still connecting at boot (a cluster takes a moment): once more soon, not only at the next rewrite.
  if (!(await write())) setTimeout(() => void write(), 3000).unref();
  const rewrite = setInterval(() => void write(), REWRITE_INTERVAL_MS);
  rewrite.unref();
  return () => clearInterval(rewrite);
}
