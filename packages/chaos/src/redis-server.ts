import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ManagedProcess, freePort, until } from './processes.js';

export interface RedisServerOptions {
  /** `--appendonly yes`: queued jobs survive a restart. Without it a restart starts empty. */
  appendOnly: boolean;
}

/**
 * A `redis-server` the test owns, on a free loopback port with its own directory, never the shared Redis.
 * RDB snapshots are off (`--save ""`), so the only persistence is the append-only file when asked for.
 */
export class TestRedisServer {
  private process: ManagedProcess | undefined;
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly options: RedisServerOptions,
  ) {}

  static async start(options: RedisServerOptions): Promise<TestRedisServer> {
    const server = new TestRedisServer(await freePort(), mkdtempSync(join(tmpdir(), 'kc-chaos-redis-')), options);
    await server.up();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (or restarts) the server on the same port and waits until it answers PING. */
  async up(): Promise<void> {
    this.process = new ManagedProcess('redis-server', 'redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      this.options.appendOnly ? 'yes' : 'no',
      '--dir',
      this.dir,
      '--daemonize',
      'no',
    ]);
    await until(
      `redis-server on ${this.port}`,
      async () => {
        const client = new Redis(this.url, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        try {
          await client.connect();
          return (await client.ping()) === 'PONG' ? true : undefined;
        } finally {
          client.disconnect();
        }
      },
      10000,
    );
  }

  /** Stops the server (SIGTERM: the append-only file, when on, is flushed, as on an orderly restart). */
  async down(): Promise<void> {
    await this.process?.stop();
    this.process = undefined;
  }

  async destroy(): Promise<void> {
    await this.down();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
