// Issue 15, accessibility: forms completed with the keyboard alone (no mouse event at all), and focus given back to
// the button that opened a dialog when the dialog closes. The API is only read back at the end.
import { type Browser, type Page } from 'playwright-core';

import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { DEMO_PASSWORD } from './session.js';
import { apiGet } from './steps.js';

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

/**
 * In the focused select: opens its list (ArrowDown, or the letters typed in a searching one), waits until the wanted
 * option is the active one — moving down to it with the arrow keys — and takes it with Enter; then waits for the choice
 * to show. A slow machine renders the list after the keys: Enter pressed before that would choose nothing.
 */
async function pickWithKeys(page: Page, option: RegExp, typed?: string): Promise<void> {
  if (typed) await page.keyboard.type(typed);
  else await page.keyboard.press('ArrowDown');
  const active = page.locator('.ant-select-dropdown:visible .ant-select-item-option-active');
  await active.waitFor();
  for (let presses = 0; !option.test(((await active.textContent()) ?? '').trim()); presses += 1) {
    if (presses > 20) throw new Error(`no option ${String(option)} in the list`);
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Enter');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** Tab at least once, then on to `name`: for a field called like the one in focus (two "Hoạt động" selects). */
async function tabToNext(page: Page, name: string | RegExp): Promise<void> {
  await page.keyboard.press('Tab');
  await tabTo(page, name);
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
        window.addEventListener(
          type,
          (event) => {
            if (event.isTrusted && event.detail > 0) (window as unknown as { mouseUsed: boolean }).mouseUsed = true;
          },
          true,
        );
      }
    });
    return page;
  }

  /** The sign-in form filled and sent with the keyboard. */
  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(platform.adminUrl);
    await tabTo(page, 'Thư điện tử');
    await page.keyboard.type(email);
    await tabTo(page, 'Mật khẩu');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('current-user').waitFor();
  }

  const mouseUsed = (page: Page) => page.evaluate(() => (window as unknown as { mouseUsed?: boolean }).mouseUsed ?? false);

  it('signs in, opens the users screen, adds a user in its dialog and gets focus back on the button that opened it', async () => {
    const page = await keyboardPage();
    await signIn(page, 'admin@khuyencong.vn');

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
    await pickWithKeys(page, /^English$/);
    await dialog.locator('.ant-select-content, .ant-select-selection-item').getByText('English').waitFor();
    await tabTo(page, 'Mật khẩu ban đầu');
    await page.keyboard.type('BanPhim2026-dai-du');
    await tabTo(page, 'Lưu');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Đã thêm người dùng ban.phim@khuyencong.vn').waitFor();
    expect(await focusedName(page)).toBe('Thêm người dùng');

    expect(await mouseUsed(page)).toBe(false);
    const users = await apiGet<{ items: { email: string; displayName: string; locale: string }[] }>(
      platform,
      'admin@khuyencong.vn',
      '/api/admin/users?search=ban.phim',
    );
    expect(users.items).toEqual([expect.objectContaining({ email: 'ban.phim@khuyencong.vn', displayName: 'Người dùng bàn phím', locale: 'en' })]);
    await page.context().close();
  });

  it('an applicant enters a product into an open round from the application form, keyboard only', async () => {
    const page = await keyboardPage();
    await signIn(page, 'coso@khuyencong.vn');
    await page.goto(`${platform.adminUrl}/open-rounds`);
    await tabTo(page, 'Đăng ký tham gia', 120);
    await page.keyboard.press('Enter');
    const dialog = page.locator('.ant-modal:visible');
    await dialog.waitFor();
    // The establishment is chosen already (the applicant has one verified); the product and its group are typed and picked.
    await tabTo(page, 'Tên sản phẩm');
    await page.keyboard.type('Gùi mây tre đan bàn phím');
    await tabTo(page, 'Nhóm sản phẩm');
    await pickWithKeys(page, /^Thủ công mỹ nghệ$/);
    await dialog.locator('.ant-select-content, .ant-select-selection-item').getByText('Thủ công mỹ nghệ').waitFor();
    await tabTo(page, 'Tạo hồ sơ');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}$/);
    await page.getByTestId('instance-title').getByText('Gùi mây tre đan bàn phím').waitFor();

    expect(await mouseUsed(page)).toBe(false);
    const id = /\/instances\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    const entry = await apiGet<{ productName: string; productGroup: string; code: string; instance: { stage: string } }>(
      platform,
      'coso@khuyencong.vn',
      `/api/entries/${id}`,
    );
    expect(entry).toMatchObject({ productName: 'Gùi mây tre đan bàn phím', productGroup: 'HANDICRAFT', instance: { stage: 'draft' } });
    expect(entry.code).toMatch(/^\d{4}-(X|T)-\d+-\d{4}$/);
    await page.context().close();
  });

  it('a provincial officer fills in a scheme with a budget line and saves it, keyboard only', async () => {
    const page = await keyboardPage();
    await signIn(page, 'so.daklak@khuyencong.vn');
    await page.goto(`${platform.adminUrl}/schemes/new`);
    const form = page.getByTestId('scheme-form');
    await form.waitFor();
    // The province comes from the grant and its one implementing unit is chosen already.
    await form.getByText('Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Đắk Lắk').first().waitFor();
    const title = 'Đánh giá sản xuất sạch hơn cơ sở chế biến hạt điều (bàn phím)';
    await tabTo(page, 'Tên đề án');
    await page.keyboard.type(title);
    await tabTo(page, 'Địa điểm thực hiện');
    await page.keyboard.type('Xã Ea Kar, tỉnh Đắk Lắk');
    // Searching selects: a few letters typed, Enter takes the first match.
    await tabTo(page, 'Nhóm nội dung');
    await pickWithKeys(page, /^Mô hình thí điểm áp dụng sản xuất sạch hơn/, 'sạch hơn');
    await form.locator('.ant-select-content, .ant-select-selection-item').getByText('Mô hình thí điểm áp dụng sản xuất sạch hơn').first().waitFor();
    await tabToNext(page, 'Hoạt động');
    await pickWithKeys(page, /^Đánh giá sản xuất sạch hơn$/, 'Đánh giá');
    const line = page.locator('[data-testid="budget-line"][data-line="1"]');
    await tabToNext(page, 'Hoạt động');
    await pickWithKeys(page, /^Đánh giá sản xuất sạch hơn$/, 'Đánh giá');
    await line.getByTestId('line-cap').waitFor();
    await tabTo(page, 'Nội dung');
    await page.keyboard.type('Đánh giá sản xuất sạch hơn tại cơ sở');
    await tabTo(page, 'Chi phí hợp lệ');
    await page.keyboard.type('80000000');
    await tabTo(page, 'Kinh phí hỗ trợ');
    await page.keyboard.type('50000000');
    await page.getByTestId('total-local').getByText('50.000.000 đ').waitFor();
    expect(await line.getByTestId('line-warning').count()).toBe(0);
    await tabTo(page, 'Lưu đề án nháp', 120);
    await page.keyboard.press('Enter');
    await page.getByText(`Đã tạo đề án "${title}" (nháp).`).waitFor();
    await page.waitForURL(/\/schemes\/[0-9a-f-]{36}$/);

    expect(await mouseUsed(page)).toBe(false);
    const id = page.url().split('/').at(-1)!;
    const scheme = await apiGet<{
      title: string;
      location: string;
      requestedAmount: number;
      stage: string;
      budgetLines: { description: string; eligibleCost: number; supportAmount: number }[];
    }>(platform, 'so.daklak@khuyencong.vn', `/api/schemes/${id}`);
    expect(scheme).toMatchObject({ title, location: 'Xã Ea Kar, tỉnh Đắk Lắk', requestedAmount: 50_000_000, stage: 'draft' });
    expect(scheme.budgetLines).toEqual([
      expect.objectContaining({ description: 'Đánh giá sản xuất sạch hơn tại cơ sở', eligibleCost: 80_000_000, supportAmount: 50_000_000 }),
    ]);
    await page.context().close();
  });

  it('a judge finds the dossier in the inbox and sends a score sheet, keyboard only', async () => {
    const page = await keyboardPage();
    await signIn(page, 'giamkhao2@khuyencong.vn');
    // The inbox is on screen before the first Tab (a loaded machine drew it late once: 60 Tabs went through the
    // page still loading). Waiting uses no mouse.
    await page.getByTestId('task-search').waitFor();
    await page.getByTestId('tasks').waitFor();
    await tabTo(page, 'Tìm theo sản phẩm, đề án, cơ sở, đơn vị, đợt hoặc mã');
    await page.keyboard.type('vay tho cam');
    await page.keyboard.press('Enter');
    await page.waitForURL(/[?&]q=vay/);
    await tabTo(page, 'Váy thổ cẩm Jrai dệt tay');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/instances\/[0-9a-f-]{36}$/);
    const form = page.getByTestId('score-form');
    await form.waitFor();
    for (const [criterion, points] of [
      [/^Đáp ứng thị trường/, '34'],
      [/^Kinh tế - kỹ thuật/, '33'],
      [/^Tính văn hóa, tính thẩm mỹ/, '9'],
      [/^Một số tiêu chí khác/, '8'],
    ] as const) {
      await tabTo(page, criterion);
      await page.keyboard.type(points);
    }
    await tabTo(page, 'Nhận xét');
    await page.keyboard.type('Dệt tay đều, hoa văn Jrai rõ nét.');
    await form.getByTestId('score-total').getByText('Tổng: 84/100 điểm').waitFor();
    await tabTo(page, 'Gửi phiếu chấm');
    await page.keyboard.press('Enter');
    await page.getByTestId('score-sent').waitFor();

    expect(await mouseUsed(page)).toBe(false);
    const id = /\/instances\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
    const view = await apiGet<{ jury: { ownSheet: { totalHundredths: number; comment: string } | null } }>(
      platform,
      'giamkhao2@khuyencong.vn',
      `/api/instances/${id}`,
    );
    expect(view.jury.ownSheet).toMatchObject({ totalHundredths: 8400, comment: 'Dệt tay đều, hoa văn Jrai rõ nét.' });
    await page.context().close();
  });
});
