import { existsSync, statSync } from 'node:fs';
import { type Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.js';
import { startPlatform, type Platform } from './platform.js';

describe('the admin in Chromium', () => {
  let platform: Platform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('loads in Vietnamese and shows database, redis and worker up', async () => {
    const page = await browser.newPage();
    await page.goto(platform.adminUrl);
    await page.getByTestId('health-summary').waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
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
});
