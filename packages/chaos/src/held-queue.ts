// Holds a queue's consumers for a moment (BullMQ's global pause) so that a burst's jobs are sitting in Redis when a
// fault hits it. Without it the worker keeps up with the relay (e-mails join held windows in one statement), and a
// fault test that means to lose queued jobs would find none queued.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix } from '@khuyencong/jobs';
import { until } from './processes.js';

export class HeldQueue {
  private readonly queue: Queue;

  private constructor(
    private readonly connection: Redis,
    name: string,
    prefix: string,
  ) {
    this.queue = new Queue(name, { connection, prefix: bullPrefix(prefix) });
  }

  /** On one Redis server (`redis://host:port`). */
  static onServer(url: string, prefix: string, name = 'notifications'): HeldQueue {
    return new HeldQueue(new Redis(url, { maxRetriesPerRequest: null }), name, prefix);
  }

  /** Workers take no new job of the queue; jobs added meanwhile wait in Redis. */
  async hold(): Promise<void> {
    await this.queue.pause();
  }

  /** Workers take jobs again; retried while Redis comes back (after a restart or a failover). */
  async release(timeoutMs = 30000): Promise<void> {
    await until(
      'the queue released',
      async () => {
        await this.queue.resume();
        return true;
      },
      timeoutMs,
      250,
    );
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
