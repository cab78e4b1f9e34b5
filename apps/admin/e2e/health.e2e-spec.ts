import { existsSync, readdirSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser } from 'playwright-core';
import { screenshot } from './browser.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';

describe('the admin in Chromium', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  it('loads in Vietnamese and shows database, redis and worker up', async () => {
    const page = await browser.newPage();
    await page.goto(platform.adminUrl);
    await page.getByTestId('health-summary').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.title()).toBe('Khuyến công — Quản trị');
    await page.waitForFunction(() => document.querySelector('[data-testid="health-summary"]')?.textContent === 'Mọi thành phần đang hoạt động');
    for (const name of ['database', 'redis', 'worker']) {
      expect(await page.getByTestId(`health-${name}`).getAttribute('data-status')).toBe('up');
    }
    const path = await screenshot(page, 'health');
    expect(existsSync(path) && statSync(path).size > 1000).toBe(true);
  });

  it('switches to English and keeps the choice', async () => {
    const page = await browser.newPage();
    await page.goto(platform.adminUrl);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'System health' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'System health' }).waitFor();
    expect(await page.getByRole('button', { name: 'Tiếng Việt' }).count()).toBe(1);
  });

  it('is served with the API’s security headers, a favicon, no source maps and no host name on the public panel', async () => {
    const response = await fetch(`${platform.adminUrl}/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const favicon = await fetch(`${platform.adminUrl}/favicon.svg`);
    expect(favicon.status).toBe(200);
    expect(favicon.headers.get('content-type')).toContain('image/svg+xml');
    const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'assets');
    expect(readdirSync(assets).filter((name) => name.endsWith('.map'))).toEqual([]);
    expect(readdirSync(assets).filter((name) => name.endsWith('.js')).length).toBeGreaterThan(0);

    // The page runs under that policy without a violation, and the public panel names no host or worker.
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(platform.adminUrl);
    await page.waitForFunction(() => document.querySelector('[data-testid="health-summary"]')?.textContent === 'Mọi thành phần đang hoạt động');
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toBe('/favicon.svg');
    const panel = await page.locator('section[aria-labelledby="health-title"]').innerText();
    expect(panel).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b|pid|worker-\w+/i);
    expect(panel).not.toContain(hostname());
    expect(errors).toEqual([]);
    await page.close();
  });
});
