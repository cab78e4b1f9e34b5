import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import {
  DEFAULT_JOB_OPTIONS,
  bullPrefix,
  createRedisConnection,
  isRedisCluster,
  type QueueName,
  type RedisClient,
  type RedisSettings,
  type RelayJob,
} from '@khuyencong/jobs';
import { WORKER_CONFIG, type ResolvedWorkerConfig } from '../config.js';

/**
 * The producer side of the queues (the relay adds jobs, the timers queue holds the sweep's scheduler). One
 * Redis connection for all of them, which fails fast instead of queueing commands while Redis is away: the
 * relay must learn that an add did not happen, so it can roll its batch back.
 */
@Injectable()
export class JobQueues implements BeforeApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly connection: RedisClient;

  constructor(@Inject(WORKER_CONFIG) private readonly config: RedisSettings & Pick<ResolvedWorkerConfig, 'REDIS_PREFIX'>) {
    this.connection = createRedisConnection(config, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
    // Connection errors surface as failed adds; without a listener ioredis would print each retry.
    this.connection.on('error', () => undefined);
  }

  /**
   * The queue of that name, created on first use — on a Redis Cluster only once the connection is ready, else this
   * throws (the caller's add fails, as while Redis is away). BullMQ initialises a queue once, with a command, and
   * takes a cluster that is connected but not ready for ready: the command is refused (no offline queue) and the
   * queue stayed broken for good, so the relay's adds failed forever after a boot before the cluster was ready. On
   * one Redis server BullMQ waits for it to be ready.
   */
  get(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (queue === undefined) {
      if (isRedisCluster(this.connection) && this.connection.status !== 'ready')
        throw new Error(`the Redis Cluster is not ready (${this.connection.status}): the ${name} queue is not opened yet`);
      queue = new Queue(name, { connection: this.connection, prefix: bullPrefix(this.config.REDIS_PREFIX), defaultJobOptions: DEFAULT_JOB_OPTIONS });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Adds the jobs, one bulk per queue. A job id already present is a no-op in BullMQ (a re-relay). */
  async addAll(jobs: readonly RelayJob[]): Promise<void> {
    const byQueue = new Map<QueueName, RelayJob[]>();
    for (const job of jobs) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
    await Promise.all(
      [...byQueue].map(([name, queued]) =>
        this.get(name).addBulk(queued.map((job) => ({ name: job.name, data: job.data, opts: { jobId: job.jobId, delay: job.delayMs } }))),
      ),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.connection.disconnect();
  }
}
