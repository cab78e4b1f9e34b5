import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import { beat, bullPrefix, heartbeatKey, workerInfoKey, type RedisClient } from '@khuyencong/jobs';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from '../config.js';
import { PermanentJobError, ProcessorRegistry } from './processor-registry.js';
import { createWorkerRedis } from './redis.js';

/**
 * Serves the queues named in the configuration and writes the heartbeat the API's health check reads.
 * On shutdown it stops taking jobs, lets running ones finish, and removes its heartbeat.
 */
@Injectable()
export class QueueHostService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('QueueHost');
  private readonly workers: Worker[] = [];
  /** Connections handed to BullMQ: it treats them as shared and leaves closing them to us. */
  private readonly connections: RedisClient[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private readonly redis: RedisClient;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: ResolvedWorkerConfig,
    private readonly registry: ProcessorRegistry,
  ) {
    this.redis = createWorkerRedis(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const queue of this.config.WORKER_QUEUES) {
      const connection = createWorkerRedis(this.config);
      this.connections.push(connection);
      const worker = new Worker(
        queue,
        async (job) => {
          try {
            return await this.registry.dispatch(job);
          } catch (error) {
            if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
            throw error;
          }
        },
        {
          connection,
          prefix: bullPrefix(this.config.REDIS_PREFIX),
          concurrency: this.config.WORKER_CONCURRENCY,
        },
      );
      worker.on('failed', (job, error) => this.logger.warn(`job ${job?.name ?? '?'}#${job?.id ?? '?'} failed: ${error.message}`));
      worker.on('error', (error) => this.logger.error(`queue ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
    await this.beat();
    this.heartbeatTimer = setInterval(() => void this.beat(), this.config.WORKER_HEARTBEAT_INTERVAL_MS);
    this.logger.log(`worker ${this.config.WORKER_ID} serving queues: ${this.config.WORKER_QUEUES.join(', ')}`);
  }

  private async beat(): Promise<void> {
    try {
      const prefix = this.config.REDIS_PREFIX;
      // The info first: whoever sees the heartbeat can read which queues this worker serves.
      await this.redis.set(
        workerInfoKey(prefix, this.config.WORKER_ID),
        JSON.stringify({ queues: this.config.WORKER_QUEUES, pid: process.pid }),
        'PX',
        this.config.WORKER_HEARTBEAT_TTL_MS,
      );
      await beat(this.redis, heartbeatKey(prefix), this.config.WORKER_ID, Date.now(), this.config.WORKER_HEARTBEAT_TTL_MS);
    } catch (error) {
      this.logger.warn(`heartbeat not written: ${(error as Error).message}`);
    }
  }

  /** Before the database closes (onApplicationShutdown), so running jobs can finish their transactions. */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.logger.log(`closing queues${signal ? ` (${signal})` : ''}`);
    await Promise.all(this.workers.map((worker) => worker.close()));
    for (const connection of this.connections) connection.disconnect();
    try {
      await this.redis.zrem(heartbeatKey(this.config.REDIS_PREFIX), this.config.WORKER_ID);
      await this.redis.del(workerInfoKey(this.config.REDIS_PREFIX, this.config.WORKER_ID));
    } catch {
      // Redis gone: the heartbeat expires by itself.
    }
    this.redis.disconnect();
  }
}
