// Helpers for the two quick-start commands. Node built-ins only: these run before any dependency is installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '12.4.2';

export function log(message) {
  process.stdout.write(`\x1b[36m[khuyencong]\x1b[0m ${message}\n`);
}

export function fail(message) {
  process.stderr.write(`\x1b[31m[khuyencong] ${message}\x1b[0m\n`);
  process.exit(1);
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options, env: { ...process.env, ...options.env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

function versionOf(command) {
  const result = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * pnpm at the pinned version: the one on PATH if it matches, else installed with npm — globally when allowed,
 * otherwise into .tools/ inside the checkout (corepack is not used: it fails signature checks offline).
 */
export async function ensurePnpm() {
  if (versionOf('pnpm') === PNPM_VERSION) return 'pnpm';
  const local = join(root, '.tools', 'node_modules', '.bin', 'pnpm');
  if (existsSync(local) && versionOf(local) === PNPM_VERSION) return local;
  log(`installing pnpm ${PNPM_VERSION} with npm`);
  if ((await run('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`, '--no-audit', '--no-fund'])) === 0 && versionOf('pnpm') === PNPM_VERSION) {
    return 'pnpm';
  }
  log('global install not possible; installing pnpm into .tools/');
  if ((await run('npm', ['install', '--prefix', join(root, '.tools'), `pnpm@${PNPM_VERSION}`, '--no-audit', '--no-fund'])) !== 0) {
    fail(`could not install pnpm ${PNPM_VERSION}: check that npm can reach its registry`);
  }
  return local;
}

/** Installs dependencies when node_modules is missing or older than the lockfile. */
export async function ensureDependencies(pnpm) {
  const marker = join(root, 'node_modules', '.modules.yaml');
  const lock = join(root, 'pnpm-lock.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing dependencies (pnpm install --frozen-lockfile)');
  if ((await run(pnpm, ['install', '--frozen-lockfile'])) !== 0) fail('pnpm install failed (see above)');
}

/** Environment for turbo: no telemetry, plain output. */
export const turboEnv = { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', TURBO_NO_UPDATE_NOTIFIER: '1' };
