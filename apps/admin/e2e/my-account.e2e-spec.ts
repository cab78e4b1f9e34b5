// Issue 19: a person chooses, in the browser, how notification e-mails reach them (at once, combined within a
// minute, or one digest at 7:00), from the link beside their name on a laptop and from the menu drawer on a phone;
// the choice is read back through the API. The page fits 390 px without scrolling sideways.
import { type Browser, type Page } from 'playwright-core';

import { apiToken } from './fixtures.js';
import { noPageScroll } from './layout.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { signInAs } from './session.js';

const IMMEDIATE = 'Gửi ngay (gộp các thư trong 1 phút)';
const DAILY = 'Một bản tin mỗi ngày (7:00)';

describe('my account: how notification e-mails reach me', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  const readBack = async (email: string) => {
    const token = await apiToken(platform.apiUrl, email);
    const response = await fetch(`${platform.apiUrl}/api/me/preferences`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { emailDelivery: string }).emailDelivery;
  };

  /** Picks an option and saves it; waits for the success message. */
  const choose = async (page: Page, option: string) => {
    await page.getByRole('radio', { name: option }).check();
    await page.getByRole('button', { name: 'Lưu lựa chọn' }).click();
    await page.getByText('Đã lưu cách nhận thư điện tử').waitFor();
  };

  it('on a laptop: opens "Tài khoản của tôi" from the header, switches to the daily digest and back', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'giamkhao1@khuyencong.vn');
    await page.getByRole('banner').getByRole('link', { name: 'Tài khoản của tôi' }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await page.getByText('Nhận thông báo qua thư điện tử').waitFor();
    expect(await page.getByRole('radio', { name: IMMEDIATE }).isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: DAILY }).isChecked()).toBe(false);

    await choose(page, DAILY);
    expect(await readBack('giamkhao1@khuyencong.vn')).toBe('daily');
    // Read again from the API on a fresh load, not only the form's state.
    await page.reload();
    await page.getByRole('radio', { name: DAILY }).waitFor();
    expect(await page.getByRole('radio', { name: DAILY }).isChecked()).toBe(true);
    await noPageScroll(page, 1280);

    await choose(page, IMMEDIATE);
    expect(await readBack('giamkhao1@khuyencong.vn')).toBe('immediate');
    await page.context().close();
  });

  it('on a phone (390 px): reaches the page from the menu drawer, chooses the daily digest, no sideways scroll', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'giamkhao2@khuyencong.vn');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('dialog').getByRole('link', { name: 'Tài khoản của tôi' }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await page.getByRole('radio', { name: DAILY }).waitFor();
    await noPageScroll(page, 390);

    await choose(page, DAILY);
    await noPageScroll(page, 390);
    expect(await readBack('giamkhao2@khuyencong.vn')).toBe('daily');
    // Nobody else's choice moved.
    expect(await readBack('giamkhao1@khuyencong.vn')).toBe('immediate');
    await page.context().close();
  });
});
