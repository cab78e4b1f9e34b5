import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { heartbeatKey, liveWorkers, workerInfoKey } from '@khuyencong/jobs';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';

const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');

async function until<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the worker process', () => {
  const prefix = `kctest${randomBytes(4).toString('hex')}`;
  const redis = new Redis('redis://127.0.0.1:6379');
  let db: TestDatabase;
  /** Workers started by a test: one still running when its test ends (a failed expectation) is killed, or Jest never exits. */
  const started: ChildProcess[] = [];
  const start = (env: Record<string, string>) => {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, DATABASE_URL: db.url, REDIS_PREFIX: prefix, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started.push(child);
    return child;
  };

  afterEach(() => {
    for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
  });

  afterAll(async () => {
    await db.drop();
    const keys = await redis.keys(`*${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('serves the configured queues, beats, and on SIGTERM exits cleanly and removes its heartbeat', async () => {
    const child = start({ WORKER_ID: 'w-test', WORKER_QUEUES: 'timers,reports', WORKER_HEARTBEAT_INTERVAL_MS: '200' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

    // A cold start of the process (modules, connections) takes seconds on a loaded 2-core machine: give it 30.
    const live = await until(async () => {
      const workers = await liveWorkers(redis, heartbeatKey(prefix), Date.now(), 15000);
      return workers.length > 0 ? workers : undefined;
    }, 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}; the worker printed:\n${output}`);
    });
    expect(live).toEqual(['w-test']);
    const info = JSON.parse((await redis.get(workerInfoKey(prefix, 'w-test'))) ?? '{}') as { queues?: string[] };
    expect(info.queues).toEqual(['timers', 'reports']);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    // The output is part of the expectation so a failure shows why the process did not exit cleanly.
    expect({ code: await exited, output }).toEqual({ code: 0, output: expect.any(String) as string });
    expect(output).toContain('shutting down on SIGTERM');
    expect(await redis.zrange(heartbeatKey(prefix), 0, '-1')).toEqual([]);
  });

  it('refuses to start with an unknown queue name and says which', async () => {
    const child = start({ WORKER_QUEUES: 'timers,emails' });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
    expect(code).not.toBe(0);
    expect(output).toContain('unknown queue(s) emails');
  });
});
