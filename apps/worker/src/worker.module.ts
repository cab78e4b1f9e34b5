import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { WorkflowRunner } from '@khuyencong/workflow';
import { type DataSource } from 'typeorm';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from './config.js';
import { DATA_SOURCE, DatabaseLifecycle, connectDatabase } from './database/database.js';
import { EmailSweepScheduler } from './notifications/email-sweep.scheduler.js';
import { MAILER, MailerLifecycle, SmtpMailer, type Mailer } from './notifications/mailer.js';
import { Processors } from './processors.js';
import { JobQueues } from './queues/job-queues.js';
import { ProcessorRegistry } from './queues/processor-registry.js';
import { QueueHostService } from './queues/queue-host.service.js';
import { OutboxRelayService } from './relay/outbox-relay.service.js';
import { TIMER_FIRER, type TimerFirer } from './timers/timer-firer.js';
import { TimerSweepScheduler } from './timers/timer-sweep.scheduler.js';

/** Replacements for the worker's collaborators (tests that cannot use the real ones). */
export interface WorkerOverrides {
  timerFirer?: TimerFirer;
  mailer?: Mailer;
}

@Module({})
export class WorkerModule {
  static register(config: ResolvedWorkerConfig, overrides: WorkerOverrides = {}): DynamicModule {
    const timerFirer: Provider = overrides.timerFirer
      ? { provide: TIMER_FIRER, useValue: overrides.timerFirer }
      : { provide: TIMER_FIRER, inject: [DATA_SOURCE], useFactory: (dataSource: DataSource) => new WorkflowRunner({ dataSource }) };
    const mailer: Provider = overrides.mailer
      ? { provide: MAILER, useValue: overrides.mailer }
      : { provide: MAILER, useFactory: () => new SmtpMailer(config.SMTP_URL, config.MAIL_FROM) };
    return {
      module: WorkerModule,
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        { provide: DATA_SOURCE, useFactory: () => connectDatabase(config) },
        DatabaseLifecycle,
        timerFirer,
        mailer,
        MailerLifecycle,
        ProcessorRegistry,
        Processors,
        JobQueues,
        QueueHostService,
        OutboxRelayService,
        TimerSweepScheduler,
        EmailSweepScheduler,
      ],
      exports: [ProcessorRegistry, JobQueues, DATA_SOURCE],
    };
  }
}
