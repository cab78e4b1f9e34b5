import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from '../config.js';
import { JobQueues } from '../queues/job-queues.js';

/** The BullMQ job scheduler id of the sweep; persisted in Redis, never rename it. */
export const TIMER_SWEEP_SCHEDULER = 'timer-sweep';

/**
 * Every worker serving the `timers` queue upserts the sweep's job scheduler at boot: upserting is idempotent,
 * so however many such workers run, one sweep job is produced per interval, and the latest interval wins.
 */
@Injectable()
export class TimerSweepScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger('TimerSweep');

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: ResolvedWorkerConfig,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKER_QUEUES.includes('timers')) return;
    try {
      await this.queues
        .get('timers')
        .upsertJobScheduler(
          TIMER_SWEEP_SCHEDULER,
          { every: this.config.TIMER_SWEEP_INTERVAL_MS },
          { name: 'timer.sweep', data: { idempotencyKey: TIMER_SWEEP_SCHEDULER }, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } },
        );
    } catch (error) {
      // Redis away at boot: the scheduler written by an earlier boot keeps running; the next boot writes it.
      this.logger.warn(`timer sweep scheduler not written: ${(error as Error).message}`);
    }
  }
}
