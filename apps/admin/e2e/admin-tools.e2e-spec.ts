// The administrator's write actions done in the browser: edit a user, reset a password (and the user signs in with
// it), rename a calendar day, change a support cap, open the queue dashboard. The API is only read back to assert.
import { type Browser } from 'playwright-core';

import { apiToken } from './fixtures.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { signInAs } from './session.js';

async function getJson<T>(platform: Platform, token: string, path: string): Promise<T> {
  const response = await fetch(`${platform.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

describe('the administrator maintains users, calendars and support caps in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  it('renames a user, resets their password, and the user signs in with the new one', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'admin@khuyencong.vn');
    await page.getByRole('link', { name: 'Người dùng và quyền' }).click();
    await page.getByTestId('users').locator('.ant-table-row').first().waitFor();
    const search = page.getByRole('searchbox', { name: 'Tìm theo tên hoặc thư điện tử' });
    await search.fill('giamkhao3');
    await search.press('Enter');
    const row = page.locator('.ant-table-row').filter({ hasText: 'giamkhao3@khuyencong.vn' });
    await row.waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.ant-table-row').length === 1);

    await row.getByRole('button', { name: 'Sửa' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('Họ tên').fill('Nguyễn Thị Giám Khảo Ba');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu người dùng giamkhao3@khuyencong.vn').waitFor();
    await row.getByText('Nguyễn Thị Giám Khảo Ba').waitFor();

    await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const reset = page.getByRole('dialog');
    await reset.getByLabel('Mật khẩu mới').fill('ngan');
    await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    // The rule is shown before anything is sent.
    await reset.locator('.ant-form-item-explain-error').first().waitFor();
    await reset.getByLabel('Mật khẩu mới').fill('MatKhauMoi2026');
    await reset.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.getByText('Đã đặt lại mật khẩu cho giamkhao3@khuyencong.vn').waitFor();
    await page.context().close();

    const login = await fetch(`${platform.apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'giamkhao3@khuyencong.vn', password: 'MatKhauMoi2026' }),
    });
    expect(login.status).toBe(200);
    const token = await apiToken(platform.apiUrl, 'admin@khuyencong.vn');
    const users = await getJson<{ items: { email: string; displayName: string }[] }>(platform, token, '/api/admin/users?search=giamkhao3');
    expect(users.items.map((user) => user.displayName)).toEqual(['Nguyễn Thị Giám Khảo Ba']);
  });

  it('renames a holiday and lowers a support cap, refusing a percentage over 100 before sending', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'admin@khuyencong.vn');
    await page.getByRole('link', { name: 'Lịch làm việc' }).click();
    const day = page.getByTestId('calendar-days').locator('.ant-table-row').first();
    await day.waitFor();
    await day.getByRole('button', { name: 'Sửa' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên ngày').fill('Tết Dương lịch (đã sửa)');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText(/^Đã lưu ngày /).waitFor();
    await page.getByTestId('calendar-days').getByText('Tết Dương lịch (đã sửa)').waitFor();

    await page.getByRole('link', { name: 'Danh mục' }).click();
    await page.getByRole('tab', { name: 'Mức hỗ trợ tối đa' }).click();
    const rule = page.getByRole('tabpanel', { name: 'Mức hỗ trợ tối đa' }).locator('.ant-table-row').first();
    await rule.waitFor();
    await rule.getByRole('button', { name: 'Sửa' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('Tỷ lệ tối đa').fill('150');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    // Shown as an error with the allowed range, not clamped, and nothing is sent.
    await edit.getByText('Từ 0 đến 100 %, tối đa hai chữ số thập phân; để trống nếu không giới hạn theo tỷ lệ.').last().waitFor();
    expect(await edit.getByLabel('Tỷ lệ tối đa').inputValue()).toMatch(/^150(,0+)?$/);
    await edit.getByLabel('Tỷ lệ tối đa').fill('70');
    await edit.getByLabel('Mức tối đa').fill('123456789');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText(/^Đã lưu mức hỗ trợ /).waitFor();
    await page.getByText('123.456.789').first().waitFor();

    const token = await apiToken(platform.apiUrl, 'admin@khuyencong.vn');
    const rules = await getJson<{ maxAmount: number | null }[]>(platform, token, '/api/reference/support-rules');
    expect(rules.some((item) => item.maxAmount === 123_456_789)).toBe(true);
    await page.context().close();
  });

  it('opens the queue dashboard in a new tab from the health page', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'admin@khuyencong.vn');
    await page.goto(`${platform.adminUrl}/health`);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('queues-dashboard').click()]);
    await tab.waitForLoadState('domcontentloaded');
    expect(new URL(tab.url()).pathname).toBe('/api/admin/queues');
    expect(await tab.title()).not.toBe('');
    await page.context().close();
  });
});
