import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from '../config.js';
import { JobQueues } from '../queues/job-queues.js';

/** The BullMQ job scheduler id of the sweep; persisted in Redis, never rename it. */
export const TIMER_SWEEP_SCHEDULER = 'timer-sweep';

/** How often a worker writes the scheduler again, so a Redis that lost its data gets it back without a restart. */
const REWRITE_INTERVAL_MS = 60_000;

/**
 * Every worker serving the `timers` queue upserts the sweep's job scheduler at boot and then every minute:
 * upserting is idempotent, so however many such workers run, one sweep job is produced per interval, the latest
 * interval wins, and a Redis restarted without persistence has the scheduler again within a minute.
 */
@Injectable()
export class TimerSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TimerSweep');
  private rewrite: NodeJS.Timeout | undefined;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: ResolvedWorkerConfig,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKER_QUEUES.includes('timers')) return;
    await this.write();
    this.rewrite = setInterval(() => void this.write(), REWRITE_INTERVAL_MS);
    this.rewrite.unref();
  }

  onApplicationShutdown(): void {
    if (this.rewrite) clearInterval(this.rewrite);
  }

  private async write(): Promise<void> {
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
