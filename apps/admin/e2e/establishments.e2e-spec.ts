// Đăng ký và xác nhận cơ sở (issue 13): a visitor registers an establishment with its account on /register, the
// commune officer of xã Ia Ly finds it in /establishments and verifies it, the new applicant signs in and sees it
// verified. Every step through the UI; the API is only read back to assert.
import { type Browser, type Page } from 'playwright-core';

import { apiToken } from './fixtures.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { signInAs } from './session.js';

interface EstablishmentRead {
  id: string;
  name: string;
  communeCode: string | null;
  provinceCode: string | null;
  verified: boolean;
  priorityFlags: Record<string, boolean>;
}

const NEW_PASSWORD = 'MayTreIaLy2026!';
const stamp = Date.now().toString().slice(-6);
const NAME = `Hợp tác xã mây tre đan Ia Ly ${stamp}`;
const EMAIL = `htx.maytre.${stamp}@example.vn`;
const TAX_CODE = `59${stamp}01`;

/** Picks an option of an antd Select by typing part of its name and clicking the option with that exact name. */
async function choose(page: Page, label: string, typed: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(typed);
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('an establishment registers itself and the commune officer verifies it', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  async function readBack(email: string, q: string): Promise<EstablishmentRead[]> {
    const token = await apiToken(platform.apiUrl, email);
    const response = await fetch(`${platform.apiUrl}/api/establishments?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: EstablishmentRead[] }).items;
  }

  it('registers on /register, is verified by xa.ialy@ in /establishments, and the new applicant sees it verified', async () => {
    // 1. A visitor opens the registration from the login page.
    const visitorContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${platform.adminUrl}/login`);
    await visitor.getByTestId('login-register').getByRole('link', { name: 'Đăng ký cơ sở' }).click();
    await visitor.waitForURL('**/register');
    const form = visitor.getByTestId('register-form');

    // Inline validation before anything is sent: required fields, the password and tax code rules.
    await form.getByRole('button', { name: 'Đăng ký' }).click();
    await form.getByText('Hãy nhập họ và tên (2–200 ký tự)').waitFor();
    await form.getByText('Hãy chọn tỉnh, thành phố').waitFor();
    await form.getByText('Từ 10 đến 200 ký tự, gồm cả chữ cái và chữ số.').waitFor();
    await visitor.getByLabel('Họ và tên người đại diện').fill('Rơ Châm Hoa');
    await visitor.getByLabel('Thư điện tử').fill('coso@khuyencong.vn');
    await visitor.getByLabel('Số điện thoại (không bắt buộc)').fill('0912 345 678');
    const passwordRule = form.getByText('Mật khẩu phải có từ 10 đến 200 ký tự, gồm cả chữ cái và chữ số');
    await visitor.getByLabel('Mật khẩu', { exact: true }).fill('ngan');
    await passwordRule.waitFor();
    await visitor.getByLabel('Mật khẩu', { exact: true }).fill(NEW_PASSWORD);
    await passwordRule.waitFor({ state: 'detached' });
    await visitor.getByLabel('Mật khẩu', { exact: true }).fill('khongcochuso');
    await passwordRule.waitFor();
    await visitor.getByLabel('Mật khẩu', { exact: true }).fill(NEW_PASSWORD);
    await passwordRule.waitFor({ state: 'detached' });
    await visitor.getByLabel('Nhắc lại mật khẩu').fill(`${NEW_PASSWORD}x`);
    await form.getByText('Hai mật khẩu chưa giống nhau').waitFor();
    await visitor.getByLabel('Nhắc lại mật khẩu').fill(NEW_PASSWORD);
    await visitor.getByLabel('Tên cơ sở').fill(NAME);
    await visitor.getByLabel('Hợp tác xã', { exact: true }).check();
    await visitor.getByLabel('Số giấy chứng nhận đăng ký').fill(`HTX-IALY-${stamp}`);
    await visitor.getByLabel('Mã số thuế (không bắt buộc)').fill('59001');
    await form.getByText('Mã số thuế gồm 10 chữ số, có thể thêm -NNN (ví dụ 5900123456-001)').waitFor();
    await visitor.getByLabel('Mã số thuế (không bắt buộc)').fill(TAX_CODE);
    await choose(visitor, 'Tỉnh, thành phố', 'gia lai', 'Gia Lai');
    await choose(visitor, 'Xã, phường, đặc khu', 'ia ly', 'Xã Ia Ly');
    await visitor.getByLabel('Cơ sở do phụ nữ làm chủ').check();

    // An e-mail that already has an account is refused next to the field; nothing is created.
    await form.getByRole('button', { name: 'Đăng ký' }).click();
    await form.getByText('Địa chỉ thư điện tử này đã có tài khoản').waitFor();
    expect(await readBack('xa.ialy@khuyencong.vn', NAME)).toHaveLength(0);

    await visitor.getByLabel('Thư điện tử').fill(EMAIL);
    // The refusal under the field folds away (an animation that moves the button up): click once it has.
    await form.getByText('Địa chỉ thư điện tử này đã có tài khoản').waitFor({ state: 'detached' });
    await form.getByRole('button', { name: 'Đăng ký' }).click();
    const done = visitor.getByTestId('register-done');
    await done.getByText(`Đã đăng ký cơ sở ${NAME}`).waitFor();
    await done.getByText('Cơ sở đang chờ cán bộ xã hoặc Sở Công Thương xác nhận').waitFor();

    const [created] = await readBack('xa.ialy@khuyencong.vn', NAME);
    expect(created).toMatchObject({ name: NAME, communeCode: '23734', provinceCode: 'gia-lai-2025', verified: false, priorityFlags: { womenOwned: true } });

    // The sign-in button leads to the login page with the new e-mail filled in.
    await done.getByRole('button', { name: 'Đăng nhập' }).click();
    await visitor.waitForURL('**/login');
    expect(await visitor.getByLabel('Thư điện tử').inputValue()).toBe(EMAIL);

    // 2. The commune officer of xã Ia Ly finds it among the unverified establishments and verifies it.
    const officer = await signInAs(browser, platform.adminUrl, 'xa.ialy@khuyencong.vn');
    await officer.locator('.ant-layout-sider').getByRole('link', { name: 'Cơ sở', exact: true }).click();
    await officer.waitForURL('**/establishments');
    await officer.getByLabel('Tình trạng', { exact: true }).click();
    await officer.locator('.ant-select-dropdown:visible').getByTitle('Chưa xác nhận', { exact: true }).click();
    await officer.getByLabel('Tên, mã số thuế, số đăng ký').fill(TAX_CODE);
    await officer.getByLabel('Tên, mã số thuế, số đăng ký').press('Enter');
    const table = officer.getByTestId('establishments');
    const row = table.locator('tr', { hasText: NAME });
    await row.waitFor();
    await row.getByText('Xã Ia Ly').waitFor();
    await row.getByText('Chờ xác nhận').waitFor();
    // The row can show under the status filter before the search answer lands: wait for the other rows to go.
    await table.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    expect(await table.locator('tbody tr').count()).toBe(1);
    await row.getByRole('button', { name: 'Xác nhận cơ sở' }).click();
    await officer.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xác nhận cơ sở' }).click();
    await officer.getByText(`Đã xác nhận cơ sở ${NAME}.`).waitFor();
    // Under "Chưa xác nhận" it is gone; the API reads it verified.
    await table.getByText(NAME).waitFor({ state: 'detached' });
    const [verified] = await readBack('xa.ialy@khuyencong.vn', NAME);
    expect(verified?.verified).toBe(true);

    // Its page at 390 px: details by name, no horizontal scrolling.
    await officer.setViewportSize({ width: 390, height: 844 });
    await officer.goto(`${platform.adminUrl}/establishments/${created!.id}`);
    const detail = officer.getByTestId('establishment');
    await detail.getByText('Xã Ia Ly, Gia Lai').waitFor();
    await detail.getByText('Cơ sở do phụ nữ làm chủ').waitFor();
    expect(await detail.getAttribute('data-verified')).toBe('true');
    expect(await scrollWidth(officer)).toBeLessThanOrEqual(390);
    await officer.goto(`${platform.adminUrl}/establishments`);
    await officer.getByTestId('establishments').getByText(NAME).waitFor();
    expect(await scrollWidth(officer)).toBeLessThanOrEqual(390);
    await officer.context().close();

    // 3. The new applicant signs in on the pre-filled login page and sees the establishment verified.
    await visitor.getByLabel('Mật khẩu').fill(NEW_PASSWORD);
    await visitor.getByRole('button', { name: 'Đăng nhập' }).click();
    await visitor.getByTestId('current-user').getByText('Rơ Châm Hoa').waitFor();
    await visitor.locator('.ant-layout-sider').getByRole('link', { name: 'Cơ sở', exact: true }).click();
    const mine = visitor.getByTestId(`my-establishment-${created!.id}`);
    await mine.getByText(NAME).waitFor();
    await mine.getByText('Đã xác nhận').waitFor();
    await mine.getByText('Cơ sở chưa có hồ sơ nào').waitFor();
    await visitor.setViewportSize({ width: 390, height: 844 });
    await mine.getByText(NAME).waitFor();
    // The whole page fits: on a phone the header keeps only the brand and the menu button (roles move to the drawer).
    expect(await scrollWidth(visitor)).toBeLessThanOrEqual(390);
    await visitorContext.close();
  });

  it('lets the commune officer register an establishment in their commune, naming an existing applicant (coso@) by e-mail', async () => {
    const officer = await signInAs(browser, platform.adminUrl, 'xa.ialy@khuyencong.vn');
    await officer.goto(`${platform.adminUrl}/establishments`);
    await officer.getByTestId('new-establishment-button').click();
    const drawer = officer.getByTestId('new-establishment');
    const name = `Hộ kinh doanh rèn Ia Ly ${stamp}`;
    await drawer.getByLabel('Tên cơ sở').fill(name);
    await drawer.getByLabel('Hộ kinh doanh', { exact: true }).check();
    await drawer.getByLabel('Số giấy chứng nhận đăng ký').fill(`HKD-IALY-${stamp}`);
    // The officer's commune is chosen already (province and commune of their grant).
    await drawer.getByText('Xã Ia Ly', { exact: true }).waitFor();
    await drawer.getByLabel('Thư điện tử của người đại diện cơ sở (không bắt buộc)').fill('khong.co.ai@example.vn');
    await drawer.getByRole('button', { name: 'Đăng ký cơ sở' }).click();
    await drawer.getByText('Chưa có tài khoản nào với địa chỉ này').waitFor();
    await drawer.getByLabel('Thư điện tử của người đại diện cơ sở (không bắt buộc)').fill('coso@khuyencong.vn');
    await drawer.getByRole('button', { name: 'Đăng ký cơ sở' }).click();
    await officer.getByText(`Đã đăng ký cơ sở ${name}; cơ sở đang chờ xác nhận.`).waitFor();
    await officer.getByTestId('establishments').getByText(name).waitFor();
    // The named applicant sees it among their establishments; the officer did not become its applicant.
    const applicantSees = await readBack('coso@khuyencong.vn', name);
    expect(applicantSees.map((item) => item.name)).toEqual([name]);
    const me = await fetch(`${platform.apiUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${await apiToken(platform.apiUrl, 'xa.ialy@khuyencong.vn')}` },
    });
    const grants = ((await me.json()) as { grants: { role: string }[] }).grants;
    expect(grants.map((grant) => grant.role)).not.toContain('applicant');
    await officer.context().close();
  });
});
