import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from '../config.js';
import { DATA_SOURCE } from '../database/database.js';
import { JobQueues } from '../queues/job-queues.js';
import { OutboxRelay } from './outbox-relay.js';

/** Runs the outbox relay in this process when RELAY_ENABLED (any number of processes may run one). */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private relay: OutboxRelay | undefined;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: ResolvedWorkerConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RELAY_ENABLED) return;
    this.relay = new OutboxRelay(
      this.dataSource,
      this.queues,
      {
        databaseUrl: this.config.DATABASE_URL,
        batchSize: this.config.RELAY_BATCH_SIZE,
        pollIntervalMs: this.config.RELAY_POLL_INTERVAL_MS,
        enqueueTimeoutMs: this.config.RELAY_ENQUEUE_TIMEOUT_MS,
      },
      this.logger,
    );
    await this.relay.start();
    this.logger.log('relaying the outbox to the queues');
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay?.stop();
  }
}
