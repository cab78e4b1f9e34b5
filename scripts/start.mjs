// `npm start`: installs what it needs, builds, migrates, loads demo data into an empty database, starts the
// API, the worker and the admin, and prints where to open it and the demo logins. Ctrl+C stops everything.
// `npm start -- --api 2 --workers 3` (or `npm start --api=2 --workers=3`, which npm hands over as npm_config_*)
// runs several API processes behind one round-robin balancer on API_PORT, and several workers.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureDependencies, ensurePnpm, fail, log, root, run, turboEnv } from './lib.mjs';
import { ensureServices } from './services.mjs';
import { localEnv } from './local-env.mjs';
import { startMailSink } from './mail-sink.mjs';

const env = localEnv();
const apiCount = countOption('api');
const workerCount = countOption('workers');
const pnpm = await ensurePnpm();
await ensureDependencies(pnpm);
await ensureServices(env);

log('building (turbo, cached)');
if ((await run(pnpm, ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { env: { ...env, ...turboEnv } })) !== 0) {
  fail('the build failed (see above)');
}

await ensureDatabase(env.DATABASE_URL);
log('running migrations');
if ((await run('node', [join(root, 'packages/persistence/dist/cli/migrate.js'), 'up'], { env })) !== 0) fail('migrations failed');
const seedCli = join(root, 'apps/api/dist/cli/seed.js');
if (existsSync(seedCli)) {
  log('loading reference data, and demo data if the database is empty');
  if ((await run('node', [seedCli, 'demo-if-empty'], { env })) !== 0) fail('loading demo data failed');
}

const children = [];
function start(name, command, args, extraEnv = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `\x1b[35m[${name}]\x1b[0m `;
  const forward = (stream, out) => stream.on('data', (chunk) => out.write(chunk.toString().replace(/^(?=.)/gm, prefix)));
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${prefix}exited (${signal ?? code}); stopping the platform\n`);
      void stop(1);
    }
  });
  children.push(child);
}

let stopping = false;
async function stop(code = 0) {
  stopping = true;
  await balancer?.close();
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.on('exit', resolve)))));
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

// Without a configured mail server, e-mails go to a local sink that writes them under var/mail/.
let mailNote = `  E-mail:            sent to ${env.SMTP_URL}`;
if (!process.env.SMTP_URL) {
  try {
    const sink = await startMailSink(Number(new URL(env.SMTP_URL).port), join(root, 'var', 'mail'));
    sink.unref();
    mailNote = `  E-mail:            caught by the local sink in var/mail/ (set SMTP_URL to send for real)`;
  } catch (error) {
    mailNote = `  E-mail:            local sink not started (${error.message}); set SMTP_URL to a mail server`;
  }
}

// Old-space caps keep each process under 300 MB resident at peak (docs/benchmarks.md): V8 otherwise lets the
// heap grow well past the live data before collecting. The same flags are in each app's `start` script.
let balancer;
let apiNote = '';
if (apiCount === 1) {
  start('api', 'node', ['--max-old-space-size=192', join(root, 'apps/api/dist/main.js')]);
} else {
  // Each API on a free loopback port, the balancer on the address the admin and clients already use. It adds
  // the client's address to X-Forwarded-For, which the APIs believe from loopback (TRUSTED_PROXIES, local-env.mjs).
  const { Balancer } = await import(join(root, 'packages/chaos/dist/balancer.js'));
  const backends = [];
  for (let i = 1; i <= apiCount; i += 1) {
    const port = await freePort();
    backends.push({ host: '127.0.0.1', port });
    start(`api${i}`, 'node', ['--max-old-space-size=192', join(root, 'apps/api/dist/main.js')], { API_HOST: '127.0.0.1', API_PORT: String(port) });
  }
  balancer = await Balancer.start({ backends, host: env.API_HOST, port: Number(env.API_PORT) });
  apiNote = `\n  API processes:     ${backends.map((b) => `http://${b.host}:${b.port}`).join(', ')} (round-robin behind the address above)`;
}
for (let i = 1; i <= workerCount; i += 1) {
  // Every worker runs the outbox relay too: it claims rows with FOR UPDATE SKIP LOCKED, so several never relay one row twice.
  start(workerCount === 1 ? 'worker' : `worker${i}`, 'node', ['--max-old-space-size=160', join(root, 'apps/worker/dist/main.js')]);
}
start('admin', pnpm, ['--filter', '@khuyencong/admin', 'exec', 'vite', 'preview', '--port', env.ADMIN_PORT, '--strictPort']);

const adminUrl = `http://127.0.0.1:${env.ADMIN_PORT}`;
const healthy = await waitForHealth(`${adminUrl}/api/health`, 60);
const logins = demoLogins();
console.log(`
\x1b[32m━━━ khuyencong is running ━━━\x1b[0m
  Admin (Quản trị):  ${adminUrl}
  API:               http://${env.API_HOST}:${env.API_PORT}/api   (health: /api/health; reference: /api/docs; OpenAPI: /api/openapi.json)${apiNote}
  Workers:           ${workerCount}
  Health:            ${healthy ? 'all components up' : 'not all components up yet — see /api/health'}
${mailNote}
${logins}
  Stop with Ctrl+C.
`);

/** `--api N`, `--api=N`, or npm's npm_config_api (npm keeps unknown `--x` flags before `--` as its own config); default 1. */
function countOption(name) {
  const args = process.argv.slice(2);
  let value = process.env[`npm_config_${name}`];
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === `--${name}`) value = args[i + 1];
    else if (args[i].startsWith(`--${name}=`)) value = args[i].slice(name.length + 3);
  }
  // `npm start --api 2`: npm takes `--api` as a flag of its own (npm_config_api=true) and passes `2` on alone.
  if (value === 'true') fail(`write \`npm start -- --${name} N\` (or --${name}=N): npm keeps \`--${name}\` before \`--\` for itself`);
  if (value === undefined || value === '') return 1;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 16) fail(`--${name} must be a whole number from 1 to 16, not ${value}`);
  return count;
}

/** A loopback port nothing listens on (right now). */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(url, seconds) {
  for (let i = 0; i < seconds * 2; i++) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function demoLogins() {
  const file = join(root, 'apps/api/data/demo-users.json');
  if (!existsSync(file)) return '  Demo logins: none yet.';
  const users = JSON.parse(readFileSync(file, 'utf8'));
  // The scope by name, then the unit it is granted on (today's units since the 2025 reform; README "Demo logins").
  const scopeOf = (u) => {
    const unit = u.scopeType === 'national' ? '' : u.scopeType === 'establishment' ? ' [establishment]' : ` [${u.scopeType} ${u.scopeId}]`;
    return `${u.scopeLabel ?? u.scopeId ?? ''}${unit}`;
  };
  const rows = users.users.map((u) => `    ${u.role.padEnd(20)} ${u.email.padEnd(36)} ${scopeOf(u)}`);
  return `  Demo logins (password for all: ${users.password}):\n${rows.join('\n')}`;
}

/** Creates the application database when it does not exist yet (the server must allow it). */
async function ensureDatabase(url) {
  const require = createRequire(join(root, 'packages/persistence/package.json'));
  const { Client } = require('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) {
    log(`creating database ${name}`);
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  }
  await client.end();
}
