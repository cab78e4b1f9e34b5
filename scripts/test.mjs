// `npm test`: installs what it needs, then runs every layer — typecheck, lint, unit, formatting, the generated-client check,
// integration tests against the real PostgreSQL and Redis, and browser tests in Chromium — and ends with one
// plain line summed over all packages: `tests: N passed, N failed`. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDependencies, ensurePnpm, log, root, run, turboEnv } from './lib.mjs';
import { ensureServices } from './services.mjs';
import { findChromium } from './chromium.mjs';

const pnpm = await ensurePnpm();
await ensureDependencies(pnpm);
await ensureServices();

const chromium = findChromium();
if (!chromium) {
  process.stderr.write('[khuyencong] Chromium not found: browser tests need it. Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH).\n');
}
if (spawnSync('sh', ['-c', 'command -v pdftotext && command -v pdfimages'], { stdio: 'ignore' }).status !== 0) {
  process.stderr.write('[khuyencong] pdftotext/pdfimages not found: certificate PDF tests need them. Install them with `apt-get install -y poppler-utils`.\n');
}

const workspaces = ['apps', 'packages'].flatMap((dir) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, dir, entry.name)),
);
for (const dir of workspaces) rmSync(join(dir, 'test-results'), { recursive: true, force: true });

const env = { ...turboEnv, ...(chromium ? { CHROMIUM_PATH: chromium } : {}) };
const failedSteps = [];

log('typecheck, lint and unit tests (cached by turbo when nothing changed)');
if ((await run(pnpm, ['exec', 'turbo', 'run', 'typecheck', 'lint', 'test', '--continue', '--output-logs=new-only'], { env })) !== 0) {
  failedSteps.push('typecheck/lint/unit');
}

log('formatting (prettier --check)');
if ((await run(pnpm, ['exec', 'prettier', '--check', '--log-level', 'warn', '.'])) !== 0) {
  process.stderr.write('[khuyencong] files differ from the formatter: run `pnpm format` and commit\n');
  failedSteps.push('formatting');
}

log('checking that the generated API client is up to date');
if ((await run('node', [join(root, 'scripts', 'generate-client.mjs')])) !== 0) {
  failedSteps.push('client generation');
} else {
  const diff = spawnSync('git', ['status', '--porcelain', '--', 'packages/api-client'], { cwd: root, encoding: 'utf8' });
  if (diff.status === 0 && diff.stdout.trim() !== '') {
    process.stderr.write(`[khuyencong] regenerating the API client changed it; run \`pnpm generate:client\` and commit:\n${diff.stdout}`);
    failedSteps.push('generated client drift');
  }
}

// The browser tests run after the integration tests, not beside them: on a 2-core machine the two together left a
// browser journey waiting on a saturated API now and then (a different journey in each of three fresh-clone runs).
log('integration tests (PostgreSQL, Redis)');
if ((await run(pnpm, ['exec', 'turbo', 'run', 'test:integration', '--continue', '--concurrency=2', '--output-logs=new-only'], { env })) !== 0) {
  failedSteps.push('integration');
}
log('browser tests (Chromium)');
if ((await run(pnpm, ['exec', 'turbo', 'run', 'test:e2e', '--continue', '--concurrency=1', '--output-logs=new-only'], { env })) !== 0) {
  failedSteps.push('e2e');
}

let passed = 0;
let failed = 0;
for (const dir of workspaces) {
  const results = join(dir, 'test-results');
  if (!existsSync(results)) continue;
  for (const file of readdirSync(results).filter((name) => name.endsWith('.json'))) {
    const totals = JSON.parse(readFileSync(join(results, file), 'utf8'));
    if (typeof totals.passed !== 'number') continue;
    passed += totals.passed;
    failed += totals.failed;
  }
}
// A step that failed without a failing test (a type error, a lint warning, a crash) still counts as a failure.
const unexplained = failedSteps.length > 0 && failed === 0 ? failedSteps.length : 0;
if (failedSteps.length > 0) process.stderr.write(`[khuyencong] failed steps: ${failedSteps.join(', ')}\n`);
console.log(`tests: ${passed} passed, ${failed + unexplained} failed`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
