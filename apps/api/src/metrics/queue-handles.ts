import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { type ApiConfig } from '@khuyencong/config';
import { QUEUE_NAMES, bullPrefix, type QueueName, type RedisClient } from '@khuyencong/jobs';
import { API_CONFIG } from '../config.js';
import { REDIS } from '../infra/redis.module.js';

/**
 * Read-side handles on the platform's BullMQ queues (the API never adds jobs: the outbox relay does). Opened on
 * first use over the shared Redis client, so booting the API or generating OpenAPI touches no queue.
 */
@Injectable()
export class QueueHandles implements OnApplicationShutdown {
  private queues: Map<QueueName, Queue> | undefined;

  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  all(): Map<QueueName, Queue> {
    this.queues ??= new Map(QUEUE_NAMES.map((name) => [name, new Queue(name, { connection: this.redis, prefix: bullPrefix(this.config.REDIS_PREFIX) })]));
    return this.queues;
  }

  async onApplicationShutdown(): Promise<void> {
    // The connection is shared: closing a queue built on it does not close the client.
    await Promise.all([...(this.queues?.values() ?? [])].map((queue) => queue.close()));
  }
}
