import { type Browser } from 'playwright-core';

import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { docScreenshot, phoneScreenshot, signInAs } from './session.js';

const SCREENSHOT_LIMIT = 300 * 1024;

describe('each role signs in to its own home page', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  it('refuses a wrong password with a Vietnamese explanation and stays on the login page', async () => {
    const page = await browser.newPage();
    await page.goto(platform.adminUrl);
    await page.getByLabel('Thư điện tử').fill('coso@khuyencong.vn');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'Sai thư điện tử hoặc mật khẩu' }).waitFor();
    expect(await page.getByTestId('current-user').count()).toBe(0);
    await page.context().close();
  });

  it.each([
    ['coso@khuyencong.vn', 'Cơ sở'],
    ['so.gialai@khuyencong.vn', 'Chuyên viên Sở Công Thương'],
    ['giamkhao1@khuyencong.vn', 'Giám khảo'],
    ['hoidong1@khuyencong.vn', 'Ủy viên hội đồng'],
    ['lanhdao.gialai@khuyencong.vn', 'Người ký quyết định'],
    ['cuc@khuyencong.vn', 'Chuyên viên Cục'],
  ])('%s sees their role, their tasks with key figures, and no administration', async (email, roleLabel) => {
    const page = await signInAs(browser, platform.adminUrl, email);
    await page
      .getByTestId('current-user')
      .getByText(new RegExp(`^${roleLabel}( ·|$)`))
      .waitFor();
    await page.getByRole('heading', { name: /^Xin chào/ }).waitFor();
    await page.getByText('Việc của tôi').waitFor();
    await page.getByTestId('figures').getByText('Quá hạn').waitFor();
    // The figures load as numbers, and the list shows tasks or says why it is empty.
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="figures"] .ant-statistic-content-value')?.textContent ?? ''));
    await page.getByTestId('tasks').locator('tbody tr').first().waitFor();
    const total = Number(await page.getByTestId('figures').locator('.ant-statistic-content-value').first().textContent());
    if (total === 0)
      await page
        .getByTestId('tasks')
        .getByText(/Bạn không có việc nào đang chờ/)
        .waitFor();
    else expect(await page.getByTestId('task-link').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Người dùng và quyền' }).count()).toBe(0);
    await page.context().close();
  });

  it('shows a commune officer and an establishment their scope by name, never a code or an identifier', async () => {
    const commune = await signInAs(browser, platform.adminUrl, 'xa.ialy@khuyencong.vn');
    await commune.getByTestId('current-user').getByText('Cán bộ xã · Xã Ia Ly').waitFor();
    await commune.context().close();
    const establishment = await signInAs(browser, platform.adminUrl, 'coso@khuyencong.vn');
    await establishment.getByTestId('current-user').getByText('Cơ sở · Hợp tác xã dệt thổ cẩm Ia Mơ Nông').waitFor();
    expect(await establishment.getByTestId('current-user').textContent()).not.toContain('5f0c2a8e');
    await establishment.context().close();
  });

  it('keeps the session across a reload and signs out', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'coso@khuyencong.vn');
    await page.reload();
    await page.getByTestId('current-user').waitFor();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await page.goto(`${platform.adminUrl}/admin/users`);
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await page.context().close();
  });

  it('the administrator grants a judge role with its scope, and sees calendars and reference data', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'admin@khuyencong.vn');
    await page.getByRole('link', { name: 'Người dùng và quyền' }).click();
    await page.getByTestId('users').getByText('giamkhao3@khuyencong.vn').waitFor();
    const search = page.getByRole('searchbox', { name: 'Tìm theo tên hoặc thư điện tử' });
    await search.fill('hoidong2');
    await search.press('Enter');
    // The first page lists both people: the search has answered once the other one has gone.
    await page.getByTestId('users').getByText('giamkhao3@khuyencong.vn').waitFor({ state: 'detached' });
    await page.getByTestId('users').getByText('hoidong2@khuyencong.vn').waitFor();
    await page.getByTestId('users').getByText('hoidong2@khuyencong.vn').click();
    const grants = page.getByTestId('grants');
    await grants.getByText('Ủy viên hội đồng').waitFor();
    await page.getByLabel('Vai trò').click();
    await page.getByTitle('Giám khảo', { exact: true }).click();
    await page.getByLabel('Phạm vi').click();
    await page.getByTitle('Tỉnh', { exact: true }).click();
    await page.getByLabel(/^Đơn vị/).click();
    await page.keyboard.type('gia lai');
    await page.getByTitle('Tỉnh Gia Lai', { exact: true }).click();
    await page.getByRole('button', { name: 'Cấp quyền' }).last().click();
    await grants.getByText('Tỉnh · Gia Lai').waitFor();
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Lịch làm việc' }).click();
    await page.getByTestId('calendar-days').waitFor();
    await page.getByRole('link', { name: 'Danh mục' }).click();
    await page.getByRole('tab', { name: 'Tỉnh, thành phố' }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await page.context().close();
  });

  it('the home page in English keeps Vietnamese data and switches labels', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await page.waitForFunction(() => /^\d+$/.test(document.querySelector('[data-testid="figures"] .ant-statistic-content-value')?.textContent ?? ''));
    expect(await docScreenshot(page, 'home')).toBeLessThan(SCREENSHOT_LIMIT);
    expect(await phoneScreenshot(page, 'home')).toBeLessThan(SCREENSHOT_LIMIT);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('My tasks').waitFor();
    await page.getByTestId('figures').getByText('Overdue').waitFor();
    await page.context().close();
  });
});
