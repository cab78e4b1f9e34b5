// Issue 15, accessibility: forms completed with the keyboard alone (no mouse event at all), and focus given back to
// the button that opened a dialog when the dialog closes. The API is only read back at the end.
import { type Browser, type Page } from 'playwright-core';

import { apiToken } from './fixtures.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { DEMO_PASSWORD } from './session.js';

/** What the focused element is called: its label, its aria-label or its own text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return '';
    const input = element as HTMLInputElement;
    const labelled = input.labels?.[0]?.innerText ?? element.getAttribute('aria-label') ?? '';
    return (labelled || element.innerText || '').trim();
  });
}

/** Presses Tab until the focused element is called `name` (at most `max` presses): the way a keyboard user gets there. */
async function tabTo(page: Page, name: string | RegExp, max = 60): Promise<void> {
  const wanted = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  for (let presses = 0; presses < max; presses += 1) {
    if (wanted(await focusedName(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${String(name)}" not reached with ${max} presses of Tab (last: "${await focusedName(page)}")`);
}

describe('keyboard only, and focus back to the opener', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  async function keyboardPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    // Any mouse event fails the test: everything below is done with the keyboard.
    await page.addInitScript(() => {
      for (const type of ['mousedown', 'click'] as const) {
        window.addEventListener(type, (event) => {
          if (event.isTrusted && event.detail > 0) (window as unknown as { mouseUsed: boolean }).mouseUsed = true;
        }, true);
      }
    });
    return page;
  }

  it('signs in, opens the users screen, adds a user in its dialog and gets focus back on the button that opened it', async () => {
    const page = await keyboardPage();
    await page.goto(platform.adminUrl);
    await tabTo(page, 'Thư điện tử');
    await page.keyboard.type('admin@khuyencong.vn');
    await tabTo(page, 'Mật khẩu');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('current-user').waitFor();

    await tabTo(page, 'Người dùng và quyền');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/users$/);
    await tabTo(page, 'Thêm người dùng');
    await page.keyboard.press('Enter');
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();

    // Escape closes the dialog, and focus is back on its opener.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focusedName(page)).toBe('Thêm người dùng');

    // Again, filled in with the keyboard: text fields, the language select (arrows, Enter), the password, Save.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await tabTo(page, 'Thư điện tử');
    await page.keyboard.type('ban.phim@khuyencong.vn');
    await tabTo(page, 'Họ tên');
    await page.keyboard.type('Người dùng bàn phím');
    await tabTo(page, 'Ngôn ngữ');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await dialog.locator('.ant-select-content, .ant-select-selection-item').getByText('English').waitFor();
    await tabTo(page, 'Mật khẩu ban đầu');
    await page.keyboard.type('BanPhim2026-dai-du');
    await tabTo(page, 'Lưu');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Đã thêm người dùng ban.phim@khuyencong.vn').waitFor();
    expect(await focusedName(page)).toBe('Thêm người dùng');

    expect(await page.evaluate(() => (window as unknown as { mouseUsed?: boolean }).mouseUsed ?? false)).toBe(false);
    const token = await apiToken(platform.apiUrl, 'admin@khuyencong.vn');
    const users = (await (await fetch(`${platform.apiUrl}/api/admin/users?search=ban.phim`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { email: string; displayName: string; locale: string }[] };
    expect(users.items).toEqual([expect.objectContaining({ email: 'ban.phim@khuyencong.vn', displayName: 'Người dùng bàn phím', locale: 'en' })]);
    await page.context().close();
  });
});
