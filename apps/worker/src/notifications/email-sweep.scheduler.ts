import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from '../config.js';
import { JobQueues } from '../queues/job-queues.js';
import { keepJobScheduler } from '../queues/kept-job-scheduler.js';

/** The BullMQ job scheduler id of the e-mail sweep; persisted in Redis, never rename it. */
export const EMAIL_SWEEP_SCHEDULER = 'email-sweep';

/**
 * Workers serving the `notifications` queue keep the e-mail sweep's job scheduler, as the timers keep theirs
 * (queues/kept-job-scheduler.ts). The sweep sends the held e-mails whose delayed `notification.flush` job was lost
 * with Redis's data.
 */
@Injectable()
export class EmailSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EmailSweep');
  private stop: (() => void) | undefined;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: ResolvedWorkerConfig,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKER_QUEUES.includes('notifications')) return;
    const schedule = {
      queue: 'notifications',
      scheduler: EMAIL_SWEEP_SCHEDULER,
      job: 'notification.sweep',
      everyMs: this.config.EMAIL_SWEEP_INTERVAL_MS,
    } as const;
    this.stop = await keepJobScheduler(this.queues, schedule, this.logger);
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }
}
