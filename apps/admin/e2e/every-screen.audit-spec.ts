// Every screen of the admin, as each demo role, on a laptop (1280×800) and a phone (390×844): no page wider than
// the screen, no serious or critical accessibility violation (axe-core), no console error, no failed request, and
// no raw code, slug or identifier where people expect words. The patterns are in screen-text-patterns.ts.
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { type Browser, type Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { RAW_TEXT_PATTERNS, visibleTextProblems } from './screen-text-patterns.js';
import { signInAs } from './session.js';
import { auditRoles } from './test-env.js';

// Problems are also written as they are found, one JSON line each, for reading while a long run goes on.
const problemLog = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'every-screen.jsonl');
mkdirSync(dirname(problemLog), { recursive: true });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One demo account per role (and the national signer beside the provincial one); the others hold the same roles in another scope. */
const ALL_ROLES = [
  'admin@khuyencong.vn',
  'cuc@khuyencong.vn',
  'so.gialai@khuyencong.vn',
  'lanhdao.gialai@khuyencong.vn',
  'xa.ialy@khuyencong.vn',
  'coso@khuyencong.vn',
  'giamkhao1@khuyencong.vn',
  'hoidong1@khuyencong.vn',
  'chutich@khuyencong.vn',
  'lanhdao.cuc@khuyencong.vn',
] as const;
/** `AUDIT_ROLES=a@…,b@…` audits only those accounts (one role takes minutes); all of them by default. */
const ROLES = auditRoles.length > 0 ? ALL_ROLES.filter((email) => auditRoles.includes(email)) : ALL_ROLES;

const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Answers a screen may get without anything being wrong (a round without a decision yet). */
const EXPECTED_4XX = [/^GET \/api\/rounds\/[^/]+\/decision 404$/];

/** A detail page worth visiting from a list: the first link of these shapes on the page. */
const DETAIL_LINK = /^\/(rounds|instances|schemes|establishments)\/[0-9a-f-]{36}$/;

interface Problems {
  route: string;
  size: string;
  problems: string[];
}

/** Watches a page for console errors and failed requests while a screen is checked. */
function watch(page: Page) {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    const url = new URL(response.url());
    const line = `${response.request().method()} ${url.pathname} ${response.status()}`;
    if (response.status() >= 400 && !EXPECTED_4XX.some((pattern) => pattern.test(line))) seen.push(`request: ${line}`);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    // A request the browser dropped because the user moved on is not a failure of the screen.
    if (!failure.includes('ERR_ABORTED')) seen.push(`request failed: ${request.method()} ${request.url()} ${failure}`);
  });
  return {
    take(): string[] {
      return seen.splice(0, seen.length);
    },
  };
}

/** Waits until the screen has settled: no progress bar, no spinner. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.querySelector('[data-testid="progress"]') === null && document.querySelector('.ant-spin-spinning') === null, null, {
    timeout: 15_000,
  });
}

async function check(page: Page, width: number): Promise<string[]> {
  const problems: string[] = [];
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width) problems.push(`page is ${scrollWidth - width} px wider than the screen`);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}) at ${violation.nodes
            .slice(0, 3)
            .map((node) => node.target.join(' '))
            .join(', ')}`,
      );
  });
  problems.push(...violations.map((violation) => `axe: ${violation}`));
  problems.push(...visibleTextProblems(await page.evaluate(() => document.body.innerText)));
  return problems;
}

describe('every screen, every role, laptop and phone', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  it('knows raw codes when it sees them (the pattern list can fail)', () => {
    expect(RAW_TEXT_PATTERNS.length).toBeGreaterThan(4);
    expect(visibleTextProblems('Nhóm: PROCESSED_FOOD')).not.toEqual([]);
    expect(visibleTextProblems('Hồ sơ #719b7e9c')).not.toEqual([]);
    expect(visibleTextProblems('Giám khảo d065d681-0b7a-4c1e-9a55-1f0f0e0a0b0c')).not.toEqual([]);
    expect(visibleTextProblems('Tỉnh gia-lai-2025')).not.toEqual([]);
    expect(visibleTextProblems('Giai đoạn council_review')).not.toEqual([]);
    expect(visibleTextProblems('lowerCertificateLevel: commune')).not.toEqual([]);
    expect(visibleTextProblems('Không rõ (lowerCertificateNumber)')).not.toEqual([]);
    expect(visibleTextProblems('Số KV-2022-0042, liên hệ so.gialai@khuyencong.vn, 48,79 tỷ đồng, 31/12/2025')).toEqual([]);
  });

  it.each(ROLES)(
    '%s: every screen fits, is accessible and speaks words',
    async (email) => {
      const page = await signInAs(browser, platform.adminUrl, email);
      const watcher = watch(page);
      await settle(page);
      const routes = await page
        .locator('.ant-layout-sider a[href]')
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      expect(routes.length).toBeGreaterThan(1);
      const visited = new Set<string>();
      const queue = [...routes];
      const found: Problems[] = [];
      while (queue.length > 0) {
        const route = queue.shift() ?? '/';
        if (visited.has(route)) continue;
        visited.add(route);
        await page.goto(`${platform.adminUrl}${route}`);
        await settle(page);
        // The same screen on the laptop, then narrowed to the phone (the layout follows the width, no reload).
        for (const size of SIZES) {
          await page.setViewportSize(size);
          await page.waitForTimeout(150);
          const problems = [...(await check(page, size.width)), ...watcher.take()];
          if (problems.length > 0) {
            found.push({ route, size: `${size.width}×${size.height}`, problems });
            appendFileSync(problemLog, `${JSON.stringify({ email, route, size: size.width, problems })}\n`);
            await screenshot(page, `every-screen-${email.split('@')[0]}-${route.replace(/\W+/g, '_')}-${size.width}`);
          }
        }
        // One detail page per list (a round, an entry, a scheme), reached from the list.
        if (routes.includes(route)) {
          const detail = (await page.locator('a[href]').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname))).find(
            (path) => DETAIL_LINK.test(path) && !visited.has(path),
          );
          if (detail) queue.push(detail);
        }
        await page.setViewportSize(SIZES[0]);
      }
      expect(found).toEqual([]);
      expect(visited.size).toBeGreaterThan(routes.length - 1);
      await page.context().close();
    },
    600_000,
  );

  it('shows progress within 300 ms of every navigation on a slow line (600 ms, 1.6 Mbit/s)', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    const session = await page.context().newCDPSession(page);
    await session.send('Network.enable');
    await session.send('Network.emulateNetworkConditions', { offline: false, latency: 600, downloadThroughput: 200_000, uploadThroughput: 200_000 });
    const links = await page.locator('.ant-layout-sider a[href]').evaluateAll((nodes) => nodes.map((node) => node.textContent ?? ''));
    expect(links.length).toBeGreaterThan(3);
    for (const name of links) {
      const started = Date.now();
      await page.locator('.ant-layout-sider').getByRole('link', { name, exact: true }).click();
      await page.locator('[data-testid="progress"]').first().waitFor({ state: 'attached', timeout: 300 });
      expect(Date.now() - started).toBeLessThan(1000);
      await settle(page);
    }
    await page.context().close();
  }, 180_000);
});
