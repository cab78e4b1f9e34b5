import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from '../config.js';
import { JobQueues } from '../queues/job-queues.js';
import { keepJobScheduler } from '../queues/kept-job-scheduler.js';

/** The BullMQ job scheduler id of the sweep; persisted in Redis, never rename it. */
export const TIMER_SWEEP_SCHEDULER = 'timer-sweep';

/** Workers serving the `timers` queue keep the timer sweep's job scheduler (queues/kept-job-scheduler.ts). */
@Injectable()
export class TimerSweepScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TimerSweep');
  private stop: (() => void) | undefined;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: ResolvedWorkerConfig,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKER_QUEUES.includes('timers')) return;
    const schedule = { queue: 'timers', scheduler: TIMER_SWEEP_SCHEDULER, job: 'timer.sweep', everyMs: this.config.TIMER_SWEEP_INTERVAL_MS } as const;
    this.stop = await keepJobScheduler(this.queues, schedule, this.logger);
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }
}
