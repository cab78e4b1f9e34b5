// Helpers for the journeys: sign in as a demo account through the login form, and save documentation screenshots.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { updateDocScreenshots } from './test-env.js';

export const DEMO_PASSWORD = 'KhuyenCong2026';
// A normal run must leave the checkout clean: documentation screenshots are refreshed only on request.
const docsDir = updateDocScreenshots
  ? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'screenshots')
  : join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'doc-screenshots');

/** A fresh browser context (own storage) at 1280×800, signed in through the login page. */
export async function signInAs(browser: Browser, adminUrl: string, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(adminUrl);
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** Saves the viewport as <name>.png (docs/screenshots with UPDATE_SCREENSHOTS=1, committed and referenced from the README); returns its size. */
export async function docScreenshot(page: Page, name: string): Promise<number> {
  mkdirSync(docsDir, { recursive: true });
  const path = join(docsDir, `${name}.png`);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path, type: 'png', fullPage: false });
  return statSync(path).size;
}

/**
 * The same screen on a phone (390×844, as the layout follows the width without a reload) saved as <name>-phone.png,
 * scrolled to `focus` when given; the viewport is restored.
 */
export async function phoneScreenshot(page: Page, name: string, focus?: Locator): Promise<number> {
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(200);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > 390) throw new Error(`${name}: the page is ${width - 390} px wider than the phone`);
  if (focus) await focus.scrollIntoViewIfNeeded();
  const size = await docScreenshot(page, `${name}-phone`);
  if (wide) await page.setViewportSize(wide);
  return size;
}
