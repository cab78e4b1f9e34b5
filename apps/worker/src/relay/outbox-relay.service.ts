import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type DataSource } from 'typeorm';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from '../config.js';
import { DATA_SOURCE } from '../database/database.js';
import { JobQueues } from '../queues/job-queues.js';
import { OutboxRedelivery } from './outbox-redelivery.js';
import { OutboxRelay } from './outbox-relay.js';

/** Runs the outbox relay in this process when RELAY_ENABLED (any number of processes may run one). */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('OutboxRelay');
  private relay: OutboxRelay | undefined;
  private redeliveryTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: ResolvedWorkerConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.RELAY_ENABLED) return;
    this.relay = new OutboxRelay(
      this.dataSource,
      this.queues,
      {
        batchSize: this.config.RELAY_BATCH_SIZE,
        pollIntervalMs: this.config.RELAY_POLL_INTERVAL_MS,
        enqueueTimeoutMs: this.config.RELAY_ENQUEUE_TIMEOUT_MS,
      },
      this.logger,
    );
    this.relay.start();
    this.startRedelivery();
    this.logger.log('relaying the outbox to the queues');
  }

  /** The redelivery sweep runs beside the relay, on a timer of this process (not in Redis, which it guards). */
  private startRedelivery(): void {
    const redelivery = new OutboxRedelivery(
      this.dataSource,
      this.queues,
      { redeliverAfterMs: this.config.RELAY_REDELIVER_AFTER_MS, enqueueTimeoutMs: this.config.RELAY_ENQUEUE_TIMEOUT_MS },
      this.logger,
    );
    const everyMs = Math.min(60000, Math.max(1000, Math.floor(this.config.RELAY_REDELIVER_AFTER_MS / 2)));
    this.redeliveryTimer = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = redelivery
        .sweep()
        .then(
          (count) => {
            if (count > 0) this.logger.log(`redelivery sweep: ${count} relayed effect(s) without a receipt offered to the queues again`);
          },
          (error: unknown) => this.logger.warn(`redelivery sweep failed, retrying later: ${(error as Error).message}`),
        )
        .finally(() => (this.sweeping = undefined));
    }, everyMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.redeliveryTimer) clearInterval(this.redeliveryTimer);
    await this.sweeping;
    await this.relay?.stop();
  }
}
