import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from '../config.js';
import { JobQueues } from '../queues/job-queues.js';

/** The BullMQ job scheduler id of the e-mail sweep; persisted in Redis, never rename it. */
export const EMAIL_SWEEP_SCHEDULER = 'email-sweep';

/** How often a worker writes the scheduler again, so a Redis that lost its data gets it back without a restart. */
const REWRITE_INTERVAL_MS = 60_000;

/**
 * Every worker serving the `notifications` queue upserts the e-mail sweep's job scheduler at boot and then every
 * minute, as the timers do theirs (timers/timer-sweep.scheduler.ts): one `notification.sweep` job per interval
 * however many workers run, back within a minute after Redis lost its data. The sweep sends the held e-mails whose
 * delayed `notification.flush` job was lost with that data.
 */
@Injectable()
export class EmailSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EmailSweep');
  private rewrite: NodeJS.Timeout | undefined;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: ResolvedWorkerConfig,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKER_QUEUES.includes('notifications')) return;
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
        .get('notifications')
        .upsertJobScheduler(
          EMAIL_SWEEP_SCHEDULER,
          { every: this.config.EMAIL_SWEEP_INTERVAL_MS },
          { name: 'notification.sweep', data: { idempotencyKey: EMAIL_SWEEP_SCHEDULER }, opts: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 } },
        );
    } catch (error) {
      // Redis away at boot: the scheduler written by an earlier boot keeps running; the next boot writes it.
      this.logger.warn(`e-mail sweep scheduler not written: ${(error as Error).message}`);
    }
  }
}
