// The platform under test: a fresh database, an SMTP sink, and the API and the worker as separate processes
// started from their production builds — as an installation runs them, with nothing shared but PostgreSQL/Redis.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { Balancer, TestPgBouncer } from '@khuyencong/chaos';
import { createTestDatabase, withDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import pg from 'pg';
import { benchRedisUrl, inheritedEnv } from './env.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface PlatformOptions {
  /** API processes, each on its own port (the load generator spreads users over them as a balancer would). */
  apiProcesses: number;
  /** Connections per process pool (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** PostgreSQL settings for the run's database (ALTER DATABASE … SET), set before any process connects. */
  postgresSettings?: Record<string, string>;
  workerConcurrency: number;
  /** Keep SMTP connections open between messages (nodemailer's `?pool=true` in SMTP_URL). */
  smtpPool?: boolean;
  /** Write V8 CPU profiles of the API and the worker (`node --cpu-prof`) into this directory when they stop. */
  profileDir?: string;
  /**
   * Two worker processes by role instead of one: notifications + timers (and the relay) in one, certificate
   * PDFs + exports in the other, so rendering a decision's certificates does not hold up its e-mails.
   */
  splitWorkers?: boolean;
  /** `--max-old-space-size` of the worker processes, in MB (unset: V8's default). */
  workerHeapMb?: number;
  /** `--max-old-space-size` of the API processes, in MB (unset: V8's default). */
  apiHeapMb?: number;
  /** Identical worker processes (each with every queue and the relay); unset: one. Ignored with splitWorkers. */
  workers?: number;
  /**
   * The API and the workers reach PostgreSQL through a PgBouncer of the run's own in transaction mode with this
   * many server connections (DATABASE_TRANSACTION_POOLER on, LISTEN direct). The bench's own queries stay direct.
   */
  pgbouncerPoolSize?: number;
  /** The API processes behind one round-robin Balancer (the one `npm start -- --api N` runs) instead of one URL each. */
  balancer?: boolean;
}

export interface Platform {
  database: TestDatabase;
  apiUrls: string[];
  redisUrl: string;
  redisPrefix: string;
  apiPids(): number[];
  workerPids(): number[];
  /** PgBouncer's process, when the run has one. */
  poolerPids(): number[];
  /** Messages the SMTP sink accepted. */
  mailsReceived(): number;
  stop(): Promise<void>;
  /** Deletes every Redis key of this run (BullMQ's keys are `{<prefix>}:…`, the heartbeat's `<prefix>:…`). */
  clearRedis(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child and keeps its last lines, printed if it dies with an error. */
function launch(name: string, script: string, env: Record<string, string>, profileDir?: string, heapMb?: number): ChildProcess {
  const nodeFlags = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${name}.cpuprofile`] : []),
    ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
  ];
  const child = spawn(process.execPath, [...nodeFlags, script], { cwd: repoRoot, env: inheritedEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 100) lines.splice(0, lines.length - 100);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(`[${name}] exited ${code}:\n${lines.slice(-30).join('\n')}\n`);
  });
  return child;
}

async function waitFor(url: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not ready after ${seconds}s (${last})`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** An SMTP server that accepts and discards, counting messages, so e-mail effects complete. */
async function startSmtpSink(port: number): Promise<{ count(): number; stop(): Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        done();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { count: () => received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Creates the database (migrated, reference data, workflow definitions) and starts everything. */
export async function startPlatform(options: PlatformOptions, extraEnv: Record<string, string> = {}): Promise<Platform> {
  const database = await createTestDatabase();
  // Behind the pooler the API cannot pass its startup option: set per database, as infra/pgbouncer/pgbouncer.ini says.
  const serialQueries = options.pgbouncerPoolSize ? { max_parallel_workers_per_gather: '0' } : {};
  for (const [name, value] of Object.entries({ ...serialQueries, ...options.postgresSettings })) {
    await database.dataSource.query(`ALTER DATABASE ${database.name} SET ${name} = '${value}'`);
  }
  const seed = spawnSync(process.execPath, [join(repoRoot, 'apps/api/dist/cli/seed.js'), 'reference'], {
    cwd: repoRoot,
    env: inheritedEnv({ DATABASE_URL: database.url, NODE_ENV: 'production' }),
    encoding: 'utf8',
  });
  if (seed.status !== 0) {
    await database.drop();
    throw new Error(`seed failed (${seed.status}):\n${seed.stdout}\n${seed.stderr}`);
  }
  const smtpPort = await freePort();
  const smtp = await startSmtpSink(smtpPort);
  const documents = mkdtempSync(join(tmpdir(), 'kc-bench-docs-'));
  const redisUrl = benchRedisUrl();
  const redisPrefix = `kcbench${randomBytes(4).toString('hex')}`;
  const target = new URL(database.url);
  const bouncer = options.pgbouncerPoolSize
    ? await TestPgBouncer.start({
        target: { host: target.hostname, port: Number(target.port || 5432) },
        poolMode: 'transaction',
        poolSize: options.pgbouncerPoolSize,
      })
    : undefined;
  const common: Record<string, string> = {
    DATABASE_URL: bouncer ? bouncer.url(database.name) : database.url,
    ...(bouncer ? { DATABASE_TRANSACTION_POOLER: 'true', DATABASE_LISTEN_URL: database.url } : {}),
    DATABASE_POOL_SIZE: String(options.poolSize),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}${options.smtpPool ? '?pool=true' : ''}`,
    DOCUMENT_STORAGE_DIR: documents,
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    ...extraEnv,
  };
  const ports = await Promise.all(Array.from({ length: options.apiProcesses }, () => freePort()));
  const apis = ports.map((port, index) =>
    launch(
      `api${index}`,
      join(repoRoot, 'apps/api/dist/main.js'),
      { ...common, API_HOST: '127.0.0.1', API_PORT: String(port) },
      options.profileDir,
      options.apiHeapMb,
    ),
  );
  const workerEnv = { ...common, WORKER_CONCURRENCY: String(options.workerConcurrency) };
  const workers = options.splitWorkers
    ? [
        launch(
          'worker',
          join(repoRoot, 'apps/worker/dist/main.js'),
          { ...workerEnv, WORKER_QUEUES: 'notifications,timers' },
          options.profileDir,
          options.workerHeapMb,
        ),
        launch(
          'worker-documents',
          join(repoRoot, 'apps/worker/dist/main.js'),
          { ...workerEnv, WORKER_QUEUES: 'documents,reports', RELAY_ENABLED: 'false' },
          options.profileDir,
          options.workerHeapMb,
        ),
      ]
    : Array.from({ length: options.workers ?? 1 }, (_, index) =>
        launch(index === 0 ? 'worker' : `worker${index}`, join(repoRoot, 'apps/worker/dist/main.js'), workerEnv, options.profileDir, options.workerHeapMb),
      );
  const directUrls = ports.map((port) => `http://127.0.0.1:${port}`);
  const balancer = options.balancer ? await Balancer.start({ backends: ports.map((port) => ({ host: '127.0.0.1', port })) }) : undefined;
  const apiUrls = balancer ? [balancer.url] : directUrls;
  let stopping: Promise<void> | undefined;
  // Once only: the finally block and a signal handler may both ask.
  const stop = () =>
    (stopping ??= (async () => {
      await balancer?.close();
      await Promise.all([...apis, ...workers].map(stopChild));
      await bouncer?.stop();
      await smtp.stop();
      await database.drop();
      rmSync(documents, { recursive: true, force: true });
    })());
  try {
    await Promise.all(directUrls.map((url) => waitFor(`${url}/api/health`, 60)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    database,
    apiUrls,
    redisUrl,
    redisPrefix,
    apiPids: () => apis.map((child) => child.pid).filter((pid): pid is number => pid !== undefined),
    workerPids: () => workers.map((child) => child.pid).filter((pid): pid is number => pid !== undefined),
    poolerPids: () => [bouncer?.pid()].filter((pid): pid is number => pid !== undefined),
    mailsReceived: () => smtp.count(),
    stop,
    clearRedis: () => clearRedisPrefix(redisUrl, redisPrefix),
  };
}

async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for (const pattern of [`{${prefix}}*`, `${prefix}*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

/** Stops the platform if the run is interrupted (Ctrl-C, SIGTERM), so no API, worker or database is left behind. */
export function stopOnSignal(platform: Platform): void {
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping the platform\n`);
    void platform.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * Stops the API and the worker (their connections would block the rename), closes `closeOwn` (the bench's own
 * connection), then renames the database to a fresh `kc_test_` name: the platform's clean-up drops the old name
 * only. Returns the kept database's URL; drop it later with `DROP DATABASE`.
 */
export async function keepDatabase(platform: Platform, closeOwn: () => Promise<void>): Promise<string> {
  const pids = [...platform.apiPids(), ...platform.workerPids()];
  for (const pid of pids) process.kill(pid, 'SIGTERM');
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 15_000;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await closeOwn();
  const kept = `kc_test_${randomBytes(8).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(platform.database.url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${platform.database.name} RENAME TO ${kept}`);
  } finally {
    await admin.end();
  }
  return withDatabase(platform.database.url, kept);
}
