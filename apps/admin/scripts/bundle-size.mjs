#!/usr/bin/env node
// Measures the JavaScript a user downloads for the login page and the first page after login: serves the
// production build with `vite preview`, opens both pages in Debian's Chromium, records every JS response and
// sums their gzipped sizes. Fails (exit 1) above the budget. API calls are answered with canned bodies: only the
// bundle is measured here, the real API is exercised by the browser journeys.
//
//   node scripts/bundle-size.mjs            # uses dist/ (run `pnpm build` first), prints a table
//   node scripts/bundle-size.mjs --build    # builds first
//   node scripts/bundle-size.mjs --json     # one JSON line for tests
import { spawn, spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BUDGET_BYTES = 300 * 1024;
const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');

if (process.argv.includes('--build')) {
  const build = spawnSync('pnpm', ['exec', 'vite', 'build'], { cwd: appDir, stdio: json ? 'ignore' : 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const port = await freePort();
const preview = spawn(join(appDir, 'node_modules/.bin/vite'), ['preview', '--port', String(port), '--strictPort'], {
  cwd: appDir,
  env: { ...process.env, ADMIN_PORT: String(port), API_URL: 'http://127.0.0.1:9' },
  stdio: 'ignore',
});
const baseUrl = `http://127.0.0.1:${port}`;

const user = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'coso@khuyencong.vn',
  displayName: 'Cơ sở',
  locale: 'vi',
  grants: [{ role: 'applicant', scopeType: 'establishment', scopeId: 'x' }],
};
const canned = {
  '/api/health': {
    status: 'ok',
    down: [],
    checks: { database: { status: 'up', latencyMs: 1 }, redis: { status: 'up', latencyMs: 1 }, worker: { status: 'up', latencyMs: 1 } },
  },
  '/api/auth/login': { accessToken: 'a', refreshToken: 'r'.repeat(40), expiresIn: 900, user },
  '/api/inbox': { items: [], nextCursor: null },
};

async function waitForPreview() {
  for (let attempt = 0; attempt < 120; attempt++) {
    try {
      if ((await fetch(baseUrl)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`vite preview did not start on ${baseUrl}`);
}

let browser;
try {
  await waitForPreview();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.route('**/api/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(canned[path] ?? {}) });
  });
  const scripts = new Map();
  page.on('response', async (response) => {
    const url = response.url();
    if (!url.startsWith(baseUrl) || !url.endsWith('.js')) return;
    const body = await response.body().catch(() => Buffer.alloc(0));
    scripts.set(new URL(url).pathname, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  });
  await page.goto(baseUrl, { waitUntil: 'networkidle' });
  await page.getByLabel(/Thư điện tử/).fill('coso@khuyencong.vn');
  await page.getByLabel(/Mật khẩu/).fill('KhuyenCong2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('tasks').waitFor();
  await page.waitForLoadState('networkidle');
  const rows = [...scripts.entries()].sort((a, b) => b[1].gzip - a[1].gzip);
  const total = rows.reduce((sum, [, size]) => sum + size.gzip, 0);
  const ok = total <= BUDGET_BYTES;
  if (json) {
    console.log(JSON.stringify({ totalGzipBytes: total, budgetBytes: BUDGET_BYTES, ok, files: Object.fromEntries(rows) }));
  } else {
    for (const [path, size] of rows) console.log(`${(size.gzip / 1024).toFixed(1).padStart(8)} KB gz  ${(size.raw / 1024).toFixed(1).padStart(8)} KB  ${path}`);
    console.log(`login + home: ${(total / 1024).toFixed(1)} KB gzipped of ${BUDGET_BYTES / 1024} KB budget — ${ok ? 'OK' : 'OVER BUDGET'}`);
  }
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser?.close();
  preview.kill('SIGTERM');
}
