// Makes sure PostgreSQL and Redis answer. When one does not, it starts the locally installed server if there
// is one; otherwise it stops with a message saying exactly what to install or run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { fail, log } from './lib.mjs';

function reachable(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function waitFor(host, port, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(host, port, 250)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function endpoint(url, fallbackPort) {
  const parsed = new URL(url);
  return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || fallbackPort) };
}

export async function ensureServices(env = process.env) {
  const pg = endpoint(env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/khuyencong', 5432);
  const redis = endpoint(env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379);
  const compose = 'docker compose -f infra/docker-compose.yml up -d';

  if (!(await reachable(pg.host, pg.port))) {
    const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
    if (has('pg_ctlcluster') && versions.length > 0) {
      log(`PostgreSQL not answering on ${pg.host}:${pg.port}; starting the local cluster ${versions[0]}/main`);
      spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start'], { stdio: 'inherit' });
    }
    if (!(await waitFor(pg.host, pg.port, 20))) {
      fail(
        `PostgreSQL is not reachable at ${pg.host}:${pg.port}.\n` +
          `  Install and start it:  apt-get install -y postgresql && pg_ctlcluster --skip-systemctl-redirect 15 main start\n` +
          `  or, with Docker:       ${compose}\n` +
          `  or point DATABASE_URL at a running PostgreSQL 15 (a superuser, or a user allowed to create databases).`,
      );
    }
  }

  if (!(await reachable(redis.host, redis.port))) {
    if (has('redis-server')) {
      log(`Redis not answering on ${redis.host}:${redis.port}; starting the local redis-server`);
      const logDir = existsSync('/var/log/redis') ? '/var/log/redis' : '/tmp';
      const dataDir = existsSync('/var/lib/redis') ? '/var/lib/redis' : '/tmp';
      spawnSync(
        'redis-server',
        [
          '--daemonize',
          'yes',
          '--bind',
          '127.0.0.1',
          '-::1',
          '--port',
          String(redis.port),
          '--save',
          '',
          '--appendonly',
          'no',
          '--maxmemory-policy',
          'noeviction',
          '--dir',
          dataDir,
          '--logfile',
          `${logDir}/ci.log`,
        ],
        { stdio: 'inherit' },
      );
    }
    if (!(await waitFor(redis.host, redis.port, 10))) {
      fail(
        `Redis is not reachable at ${redis.host}:${redis.port}.\n` +
          `  Install and start it:  apt-get install -y redis-server && redis-server --daemonize yes --maxmemory-policy noeviction\n` +
          `  or, with Docker:       ${compose}\n` +
          `  or point REDIS_URL at a running Redis 7.`,
      );
    }
  }
  log(`services up: PostgreSQL ${pg.host}:${pg.port}, Redis ${redis.host}:${redis.port}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureServices();
