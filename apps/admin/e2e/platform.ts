// Starts the whole platform for browser tests: a fresh database with migrations, the API and the worker as
// separate processes from their builds, and the admin served by `vite preview` with /api proxied to the API.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@khuyencong/persistence/testing';
import { deleteRedisKeys } from './redis-cleanup.js';
import { inheritedEnv, testRedisUrl } from './test-env.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface Platform {
  adminUrl: string;
  apiUrl: string;
  /** The test database, for setting up what no API creates yet. */
  databaseUrl: string;
  stop(): Promise<void>;
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

function launch(name: string, command: string, args: string[], env: Record<string, string>, cwd = repoRoot): ChildProcess {
  const child = spawn(command, args, { cwd, env: inheritedEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(`[${name}] exited ${code}:\n${lines.slice(-30).join('\n')}\n`);
  });
  return child;
}

async function waitFor(url: string, ok: (status: number) => boolean, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (ok(response.status)) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready after ${seconds}s (${last})`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startPlatform(): Promise<Platform> {
  const database = await createTestDatabase();
  // Reference data, workflow definitions and the demo accounts (password KhuyenCong2026), as `npm start` loads.
  const seed = spawnSync('node', [join(repoRoot, 'apps/api/dist/cli/seed.js'), 'demo'], {
    cwd: repoRoot,
    env: inheritedEnv({ DATABASE_URL: database.url, NODE_ENV: 'test' }),
    encoding: 'utf8',
  });
  if (seed.status !== 0) {
    await database.drop();
    throw new Error(`demo seed failed (${seed.status}):\n${seed.stdout}\n${seed.stderr}`);
  }
  const [apiPort, adminPort] = [await freePort(), await freePort()];
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  const redisPrefix = `kce2e${randomBytes(4).toString('hex')}`;
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    REDIS_PREFIX: redisPrefix,
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    ADMIN_ORIGIN: adminUrl,
    WORKER_HEARTBEAT_INTERVAL_MS: '500',
    JWT_SECRET: randomBytes(32).toString('base64url'),
    NODE_ENV: 'test',
  };
  const children = [
    launch('api', 'node', [join(repoRoot, 'apps/api/dist/main.js')], env),
    launch('worker', 'node', [join(repoRoot, 'apps/worker/dist/main.js')], env),
    launch(
      'admin',
      join(repoRoot, 'apps/admin/node_modules/.bin/vite'),
      ['preview', '--port', String(adminPort), '--strictPort'],
      { API_URL: apiUrl, ADMIN_PORT: String(adminPort) },
      join(repoRoot, 'apps/admin'),
    ),
  ];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    await database.drop();
    await deleteRedisKeys(testRedisUrl, redisPrefix);
  };
  try {
    await waitFor(`${apiUrl}/api/health`, (status) => status === 200, 60);
    await waitFor(adminUrl, (status) => status === 200, 30);
  } catch (error) {
    await stop();
    throw error;
  }
  return { adminUrl, apiUrl, databaseUrl: database.url, stop };
}
