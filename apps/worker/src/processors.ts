import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from './config.js';
import { DATA_SOURCE } from './database/database.js';
import { MAILER, type Mailer } from './notifications/mailer.js';
import { NotificationDelivery } from './notifications/notification-delivery.js';
import { JobQueues } from './queues/job-queues.js';
import { ProcessorRegistry } from './queues/processor-registry.js';
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
    const notifications = new NotificationDelivery(this.dataSource, this.mailer);
    this.registry.register('notification.deliver', (payload) => notifications.deliver(payload));
    this.registry.register('timer.wake', (payload) => wakeTimer(this.firer, payload));
    this.registry.register('certificate.render', certificateRenderProcessor(this.dataSource, this.config.PUBLIC_BASE_URL));
    this.registry.register('report.export', reportExportProcessor(this.dataSource, this.config.DOCUMENT_STORAGE_DIR));
    // One per process: it remembers how far ahead this process has scheduled wake-ups.
    const wakeUps = new TimerWakeUps(this.dataSource, this.queues);
    this.registry.register('timer.sweep', async () => {
      const result = await sweepTimers(this.dataSource, this.firer);
      if (result.fired + result.stale > 0) this.logger.log(`sweep fired ${result.fired} timer(s), ${result.stale} stale`);
      return { ...result, scheduled: await wakeUps.schedule() };
    });
  }
}
