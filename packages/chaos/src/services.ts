import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ManagedProcess, REPO_ROOT, freePort, until } from './processes.js';

/** Where the built worker and API live (`pnpm chaos` builds them first). */
export const WORKER_MAIN = join(REPO_ROOT, 'apps', 'worker', 'dist', 'main.js');
export const API_MAIN = join(REPO_ROOT, 'apps', 'api', 'dist', 'main.js');

/** Heartbeats short enough that health answers within seconds of a change. */
const HEARTBEAT = { WORKER_HEARTBEAT_INTERVAL_MS: '500', WORKER_HEARTBEAT_TTL_MS: '3000' };

export interface WorkerProcessOptions {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  smtpUrl?: string;
  queues?: string;
  relay?: boolean;
  env?: Record<string, string>;
}

/** The built worker (`node apps/worker/dist/main.js`) as a child process; resolves once it logged that it serves. */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<ManagedProcess> {
  const worker = new ManagedProcess('worker', process.execPath, [WORKER_MAIN], {
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix,
    SMTP_URL: options.smtpUrl ?? 'smtp://127.0.0.1:1',
    WORKER_QUEUES: options.queues ?? 'notifications,timers',
    RELAY_ENABLED: String(options.relay ?? true),
    RELAY_POLL_INTERVAL_MS: '250',
    RELAY_ENQUEUE_TIMEOUT_MS: '1000',
    DATABASE_POOL_SIZE: '10',
    LOG_LEVEL: 'warn',
    // A person's e-mails within a window go as one message (issue 19): a short window and sweep keep the tests quick.
    EMAIL_COMBINE_WINDOW_MS: '1000',
    EMAIL_SWEEP_INTERVAL_MS: '1000',
    ...HEARTBEAT,
    ...options.env,
  });
  await until(
    'the worker serving its queues',
    () => {
      if (!worker.running) throw new Error(`worker exited:\n${worker.output}`);
      return worker.output.includes('serving queues') ? true : undefined;
    },
    30000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${worker.output.slice(-4000)}`);
  });
  return worker;
}

export interface ApiProcess {
  process: ManagedProcess;
  baseUrl: string;
}

/** What an API process is started with. Several APIs of one installation share `jwtSecret`; `env` adds or overrides settings. */
export interface ApiProcessOptions {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  poolSize?: number;
  jwtSecret?: string;
  env?: Record<string, string>;
}

/** The built API (`node apps/api/dist/main.js`) on a free port; resolves once /api/health/live answers. */
export async function startApiProcess(options: ApiProcessOptions): Promise<ApiProcess> {
  const port = await freePort();
  const api = new ManagedProcess('api', process.execPath, [API_MAIN], {
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_SIZE: String(options.poolSize ?? 10),
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    JWT_SECRET: options.jwtSecret ?? randomBytes(32).toString('base64url'),
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    ...HEARTBEAT,
    ...options.env,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await until(
    'the API answering',
    async () => {
      if (!api.running) throw new Error(`api exited:\n${api.output}`);
      const response = await fetch(`${baseUrl}/api/health/live`, { signal: AbortSignal.timeout(1000) });
      return response.ok ? true : undefined;
    },
    60000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${api.output.slice(-4000)}`);
  });
  return { process: api, baseUrl };
}

/** GET /api/health: the status code and which components it names as down. */
export async function health(baseUrl: string): Promise<{ status: number; down: string[] }> {
  const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
  const body = (await response.json()) as { down?: string[] };
  return { status: response.status, down: body.down ?? [] };
}
