import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from './config.js';
import { DATA_SOURCE } from './database/database.js';
import { MAILER, type Mailer } from './notifications/mailer.js';
import { NotificationDelivery } from './notifications/notification-delivery.js';
import { JobQueues } from './queues/job-queues.js';
import { type JobName } from '@khuyencong/jobs';
import { assertEveryEffectHasAProcessor } from './queues/effect-coverage.js';
import { ProcessorRegistry, type JobHandler } from './queues/processor-registry.js';
import { TIMER_FIRER, type TimerFirer } from './timers/timer-firer.js';
import { sweepTimers, wakeTimer } from './timers/timer-processors.js';
import { TimerWakeUps } from './timers/timer-wake-ups.js';
import { reportExportProcessor } from './processors/report-export.processor.js';
import { certificateRenderProcessor } from './processors/certificate-render.processor.js';

/**
 * Registers the processors before the queues start taking jobs (onModuleInit runs before any bootstrap hook).
 */
@Injectable()
export class Processors implements OnModuleInit {
  private readonly logger = new Logger('Processors');

  constructor(
    private readonly registry: ProcessorRegistry,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(TIMER_FIRER) private readonly firer: TimerFirer,
    @Inject(WORKER_CONFIG) private readonly config: ResolvedWorkerConfig,
    private readonly queues: JobQueues,
  ) {}

  onModuleInit(): void {
    const notifications = new NotificationDelivery(this.dataSource, this.mailer, { sink: this.queues, combineWindowMs: this.config.EMAIL_COMBINE_WINDOW_MS });
    // One per process: it remembers how far ahead this process has scheduled wake-ups.
    const wakeUps = new TimerWakeUps(this.dataSource, this.queues);
    // Keyed by every job name: a job added to the contracts breaks the build until it has a processor here.
    const handlers: { [N in JobName]: JobHandler<N> } = {
      'notification.deliver': (payload) => notifications.deliver(payload),
      'notification.flush': (payload) => notifications.emails.sendOrHold(payload.userId),
      'notification.sweep': async () => {
        const result = await notifications.emails.flushOverdue();
        if (result.users > 0) this.logger.log(`e-mail sweep flushed ${result.users} person(s): ${result.sent} e-mail(s) sent, ${result.failed} failed`);
        return result;
      },
      'timer.wake': (payload) => wakeTimer(this.firer, payload),
      'certificate.render': certificateRenderProcessor(this.dataSource, this.config.PUBLIC_BASE_URL),
      'report.export': reportExportProcessor(this.dataSource, this.config.DOCUMENT_STORAGE_DIR),
      'timer.sweep': async () => {
        const result = await sweepTimers(this.dataSource, this.firer);
        if (result.fired + result.stale + result.failed > 0)
          this.logger.log(`sweep fired ${result.fired} timer(s), ${result.stale} stale, ${result.failed} left pending`);
        return { ...result, scheduled: await wakeUps.schedule() };
      },
    };
    for (const name of Object.keys(handlers) as JobName[]) this.registry.register(name, handlers[name] as JobHandler<JobName>);
    try {
      assertEveryEffectHasAProcessor(this.registry);
    } catch (error) {
      this.logger.fatal((error as Error).message);
      throw error;
    }
  }
}
