// Round set-up and decisions in the browser (issue 13): an officer creates a round, opens it, picks the jury and
// the council by typing part of their names and closes it; the signer issues the decision from the inbox task; a
// certificate is revoked; the province nominates a recognised product to the regional round within its quota.
import { type Browser, type Locator, type Page } from 'playwright-core';
import { chooseOption } from './pickers.js';
import { launchBrowser } from './browser.js';
import { demoUserIds } from './fixtures.js';
import { startPlatform, type Platform } from './platform.js';
import { docScreenshot, signInAs } from './session.js';
import { apiGet, stepper } from './steps.js';
import { noPageScroll } from './layout.js';

const SCREENSHOT_LIMIT = 300 * 1024;
const PROVINCE_ROUND = 'Bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai năm 2027';
const REGION_ROUND = 'Bình chọn sản phẩm CNNT tiêu biểu khu vực miền Trung - Tây Nguyên năm 2026';
const ROUND_2024 = 'Bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai năm 2024';
const CONTACT = { name: 'Phòng Quản lý công nghiệp, Sở Công Thương Gia Lai', phone: '0269 382 4567', email: 'phongqlcn.gialai@khuyencong.vn' };

const step = stepper('rounds');

/** Types a date into an antd DatePicker as a user does (dd/mm/yyyy) and confirms it. */
async function typeDate(page: Page, field: string, value: string): Promise<void> {
  const input = page.getByLabel(field, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Picks a person in a picker by typing part of their name, then choosing the option that names them. */
async function pick(page: Page, picker: Locator, typed: string, email: string): Promise<void> {
  await chooseOption(page, picker, typed, page.getByTestId(`person-option-${email}`));
}

async function roundStatus(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="round-status"][data-status="${status}"]`).waitFor();
}

/** Moves the round through a status button and its confirmation. */
async function moveRound(page: Page, status: string): Promise<void> {
  await page.getByTestId(`round-status-${status}`).click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xác nhận' }).click();
  await roundStatus(page, status);
}

interface RoundView {
  id: string;
  status: string;
  jury: Record<string, string[]>;
  council: { members: string[]; chair: string | null } | null;
  nominatedCount?: number;
  contact?: { name: string | null; phone: string | null; email: string | null } | null;
}

describe('round set-up, decisions, revocation and nominations', () => {
  let platform: Platform;
  let browser: Browser;
  let users: Record<string, string>;
  const certificates = new Map<string, string>();

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    users = await demoUserIds(platform.databaseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('the Gia Lai officer creates a provincial round, opens it, picks three judges and a council by name, and closes it', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    let roundId = '';
    await step(page, 'create', async () => {
      await page.getByRole('link', { name: 'Đợt bình chọn' }).click();
      await page.getByTestId('rounds').waitFor();
      await page.getByTestId('create-round').click();
      const form = page.getByTestId('create-round-form');
      await form.waitFor();
      // The officer's level and area are given by their grant, by name.
      await form.getByText('Cấp tỉnh', { exact: true }).waitFor();
      await form.getByText('Gia Lai', { exact: true }).waitFor();
      await form.getByLabel('Tên đợt').fill(PROVINCE_ROUND);
      await form.getByLabel('Năm').fill('2027');
      await typeDate(page, 'Mở nhận hồ sơ', '01/03/2027');
      await typeDate(page, 'Đóng nhận hồ sơ', '01/02/2027');
      await form.getByLabel('Điểm đạt (0–100)').fill('150');
      // Whom applicants contact: the office, a phone typed with a letter in it, an e-mail without its domain.
      await form.getByLabel('Cơ quan hoặc người phụ trách').fill(CONTACT.name);
      await form.getByLabel('Điện thoại liên hệ').fill('0269 382 45b7');
      await form.getByLabel('Thư điện tử liên hệ').fill('phongqlcn.gialai@');
      await page.getByTestId('create-round-submit').click();
      // Inline validation before anything is sent: closing after opening, the pass mark's range, phone and e-mail.
      await form.locator('.ant-form-item-explain-error', { hasText: 'Ngày đóng phải sau ngày mở nhận hồ sơ.' }).waitFor();
      await form.locator('.ant-form-item-explain-error', { hasText: 'Điểm đạt từ 0 đến 100.' }).waitFor();
      await form.locator('.ant-form-item-explain-error', { hasText: 'Chỉ gồm chữ số, khoảng trắng và + . - ( ), dài 8–20 ký tự' }).waitFor();
      await form.locator('.ant-form-item-explain-error', { hasText: 'Địa chỉ thư điện tử không hợp lệ' }).waitFor();
      await typeDate(page, 'Đóng nhận hồ sơ', '30/06/2027');
      await form.getByLabel('Điểm đạt (0–100)').fill('75');
      await form.getByLabel('Điện thoại liên hệ').fill(CONTACT.phone);
      await form.getByLabel('Thư điện tử liên hệ').fill(CONTACT.email);
      await page.getByTestId('create-round-submit').click();
      await page.getByText(`Đã tạo đợt bình chọn "${PROVINCE_ROUND}".`).waitFor();
      await page.waitForURL(/\/rounds\/[0-9a-f-]{36}$/);
      roundId = page.url().split('/').at(-1)!;
      await roundStatus(page, 'planned');
      await page.getByTestId('round-area').getByText('Gia Lai').waitFor();
      // The contact typed in the dialog is the round's.
      expect((await apiGet<RoundView>(platform, 'so.gialai@khuyencong.vn', `/api/rounds/${roundId}`)).contact).toEqual(CONTACT);
    });

    await step(page, 'open', async () => {
      // Only the moves the API allows: a planned round can only be opened.
      expect(await page.getByTestId('round-status-closed').count()).toBe(0);
      await moveRound(page, 'open');
    });

    await step(page, 'jury', async () => {
      const jury = page.getByTestId('jury');
      await jury.getByText('Cần ít nhất 3 giám khảo').waitFor();
      await jury.getByText('Chưa có giám khảo.').waitFor();
      const picker = page.getByTestId('jury-picker');
      await pick(page, picker, 'khảo 1', 'giamkhao1@khuyencong.vn');
      await pick(page, picker, 'khảo 2', 'giamkhao2@khuyencong.vn');
      await page.keyboard.press('Escape');
      await page.getByTestId('jury-save').click();
      await jury.locator('.ant-form-item-explain-error', { hasText: 'Chọn ít nhất 3 giám khảo (đang chọn 2).' }).waitFor();
      await picker.click();
      await picker.locator('input').fill('giamkhao3');
      await page.getByTestId('person-option-giamkhao3@khuyencong.vn').waitFor();
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await docScreenshot(page, 'jury-picker')).toBeLessThan(SCREENSHOT_LIMIT);
      await page.getByTestId('person-option-giamkhao3@khuyencong.vn').click();
      await page.keyboard.press('Escape');
      await page.getByTestId('jury-save').click();
      await page.getByText(/Đã lưu ban giám khảo \(3 người\)/).waitFor();
      const listed = page.getByTestId('jury-current');
      for (const name of ['Giám khảo 1', 'Giám khảo 2', 'Giám khảo 3']) await listed.getByText(name, { exact: true }).waitFor();
    });

    await step(page, 'council', async () => {
      await pick(page, page.getByTestId('council-picker'), 'Hội đồng 1', 'hoidong1@khuyencong.vn');
      await pick(page, page.getByTestId('council-picker'), 'Hội đồng 2', 'hoidong2@khuyencong.vn');
      await page.keyboard.press('Escape');
      await page.getByTestId('council-save').click();
      await page.getByTestId('council').locator('.ant-form-item-explain-error', { hasText: 'Chọn chủ tịch hội đồng.' }).waitFor();
      await pick(page, page.getByTestId('chair-picker'), 'Chủ tịch', 'chutich@khuyencong.vn');
      await page.getByTestId('council-save').click();
      await page.getByText(/Đã lưu hội đồng \(3 người\)/).waitFor();
      const listed = page.getByTestId('council-current');
      for (const name of ['Ủy viên Hội đồng 1', 'Ủy viên Hội đồng 2', 'Chủ tịch Hội đồng']) await listed.getByText(name, { exact: true }).waitFor();
      await listed.getByText('Chủ tịch', { exact: true }).waitFor();
    });

    await step(page, 'narrow', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(page, 390);
      await page.goto(`${platform.adminUrl}/rounds`);
      await page.getByTestId('rounds').waitFor();
      await noPageScroll(page, 390);
      await page.goto(`${platform.adminUrl}/rounds/${roundId}`);
      await roundStatus(page, 'open');
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await step(page, 'close', async () => {
      await moveRound(page, 'closed');
      await page.getByText('Đợt bình chọn đã chuyển sang "Đã đóng nhận hồ sơ".').waitFor();
    });

    const round = await apiGet<RoundView>(platform, 'so.gialai@khuyencong.vn', `/api/rounds/${roundId}`);
    expect(round.status).toBe('closed');
    expect([...(round.jury['*'] ?? [])].sort()).toEqual(['giamkhao1', 'giamkhao2', 'giamkhao3'].map((name) => users[`${name}@khuyencong.vn`]).sort());
    expect(round.council?.chair).toBe(users['chutich@khuyencong.vn']);
    expect([...(round.council?.members ?? [])].sort()).toEqual(['hoidong1', 'hoidong2', 'chutich'].map((name) => users[`${name}@khuyencong.vn`]).sort());
    await page.context().close();
  }, 240_000);

  it('the central officer creates and opens the regional round the provinces nominate into', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'cuc@khuyencong.vn');
    await step(page, 'region', async () => {
      await page.goto(`${platform.adminUrl}/rounds`);
      await page.getByTestId('create-round').click();
      const form = page.getByTestId('create-round-form');
      await form.getByLabel('Cấp', { exact: true }).click();
      await page.locator('.ant-select-dropdown:visible').getByText('Cấp khu vực', { exact: true }).click();
      await form.getByLabel('Địa bàn').click();
      await page.locator('.ant-select-dropdown:visible').getByText('Khu vực miền Trung - Tây Nguyên', { exact: true }).click();
      await form.getByLabel('Tên đợt').fill(REGION_ROUND);
      await form.getByLabel('Năm').fill('2026');
      await typeDate(page, 'Mở nhận hồ sơ', '01/03/2026');
      await typeDate(page, 'Đóng nhận hồ sơ', '30/06/2027');
      await page.getByTestId('create-round-submit').click();
      await page.getByText(`Đã tạo đợt bình chọn "${REGION_ROUND}".`).waitFor();
      await page.getByTestId('round-area').getByText('Khu vực miền Trung - Tây Nguyên').waitFor();
      await moveRound(page, 'open');
    });
    await page.context().close();
  }, 120_000);

  it('the signer opens the decision from the inbox task, reads the in-progress warning and issues the decision', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'lanhdao.gialai@khuyencong.vn');
    await step(page, 'decide', async () => {
      const row = page
        .getByTestId('tasks')
        .locator('tbody tr')
        .filter({ has: page.locator('[data-testid="task-link"][data-stage="decision"]') })
        .first();
      // The inbox row names the round; its link opens the round's decision.
      await row.getByText(ROUND_2024).first().waitFor();
      await row.getByTestId('task-link').click();
      await page.waitForURL(/\/rounds\/[0-9a-f-]{36}\?decide=1$/);
      const dialog = page.getByTestId('decide-dialog');
      const warning = dialog.getByTestId('decide-in-progress');
      await warning.waitFor();
      for (const product of ['Rượu cần Kbang', 'Máy xát vỏ cà phê mini', 'Cà phê rang xay Chư Sê'])
        await warning.getByText(product, { exact: false }).waitFor();
      const preview = dialog.getByTestId('decision-preview');
      await preview.getByText('Tinh dầu sả chanh Đak Pơ', { exact: true }).waitFor();
      expect(await preview.locator('tbody tr').count()).toBe(2);
      // Results in Vietnamese: the jury passed them, the council approved them.
      expect(await preview.locator('tbody').innerText()).toMatch(/Đạt[\s\S]*Thông qua/);
      expect(await preview.locator('tbody').innerText()).not.toMatch(/passed|approved/);
      await dialog.getByLabel('Số quyết định').fill('15/QĐ-SCT');
      await page.getByTestId('decide-submit').click();
      await page.getByText('Đã ban hành quyết định 15/QĐ-SCT.').waitFor({ timeout: 30_000 });
      const result = page.getByTestId('decision-result');
      await result.getByText(/Đã ban hành quyết định 15\/QĐ-SCT: 2 sản phẩm/).waitFor();
      for (const row of await result.locator('tbody tr').all()) {
        const cells = await row.locator('td').allInnerTexts();
        certificates.set(cells[1]!.trim(), cells[0]!.trim());
      }
      expect(certificates.size).toBe(2);
      await page.getByTestId('decide-submit').click();
      await page
        .getByTestId('decision')
        .getByText(/15\/QĐ-SCT/)
        .waitFor();
    });
    const roundId = page.url().split('/').at(-1)!.split('?')[0]!;
    const decision = await apiGet<{ number: string; items: unknown[] }>(platform, 'lanhdao.gialai@khuyencong.vn', `/api/rounds/${roundId}/decision`);
    expect(decision).toMatchObject({ number: '15/QĐ-SCT' });
    expect(decision.items).toHaveLength(2);
    await page.context().close();
  }, 180_000);

  it('the signer revokes a certificate with a reason and the revocation decision', async () => {
    const number = certificates.get('Tinh dầu sả chanh Đak Pơ')!;
    expect(number).toBeTruthy();
    const page = await signInAs(browser, platform.adminUrl, 'lanhdao.gialai@khuyencong.vn');
    await step(page, 'revoke', async () => {
      await page.getByRole('link', { name: 'Giấy chứng nhận' }).click();
      await page.getByTestId(`revoke-${number}`).click();
      const form = page.getByTestId('revoke-form');
      await page.getByTestId('revoke-submit').click();
      await form.locator('.ant-form-item-explain-error', { hasText: 'Lý do từ 3 đến 2000 ký tự.' }).waitFor();
      await form.getByLabel('Lý do thu hồi').fill('Cơ sở ngừng sản xuất sản phẩm');
      await form.getByLabel('Số, ngày quyết định thu hồi').fill('20/QĐ-SCT ngày 01/12/2026');
      await page.getByTestId('revoke-submit').click();
      await page.getByTestId('revoke-confirm').click();
      await page.getByText(`Đã thu hồi giấy chứng nhận ${number}.`).waitFor();
      const status = page.locator(`[data-testid="cert-status-${number}"][data-status="revoked"]`);
      await status.getByText('Đã thu hồi', { exact: true }).waitFor();
      await status.getByText(/Cơ sở ngừng sản xuất sản phẩm/).waitFor();
    });
    const certificate = await apiGet<{ status: string; revocationReason: string; revocationDecisionRef: string }>(
      platform,
      'lanhdao.gialai@khuyencong.vn',
      `/api/certificates/${number}`,
    );
    expect(certificate).toMatchObject({
      status: 'revoked',
      revocationReason: 'Cơ sở ngừng sản xuất sản phẩm',
      revocationDecisionRef: '20/QĐ-SCT ngày 01/12/2026',
    });
    await page.context().close();
  }, 120_000);

  it('the provincial officer nominates a recognised product to the regional round, the quota shown', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    let roundId = '';
    await step(page, 'nominate', async () => {
      await page.getByRole('link', { name: 'Đợt bình chọn' }).click();
      await page.getByTestId('rounds').getByRole('link', { name: ROUND_2024 }).click();
      const card = page.getByTestId('nominations');
      await card.getByTestId('nomination-target').getByText(REGION_ROUND, { exact: false }).waitFor();
      await card.getByTestId('nomination-quota').getByText('Đã dùng 0/5 suất đề cử').waitFor();
      const rows = card.getByTestId('nomination-entries').locator('tbody tr');
      // The revoked certificate's product is no longer recognised: one product to nominate.
      await rows.first().getByText('Hạt điều rang muối Krông Pa', { exact: true }).waitFor();
      expect(await rows.count()).toBe(1);
      await rows.first().getByRole('checkbox').check();
      await page.getByTestId('nominate-send').click();
      await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xác nhận' }).click();
      await page.getByText(`Đã đề cử 1 sản phẩm vào đợt "${REGION_ROUND}".`).waitFor();
      await card.getByTestId('nomination-quota').getByText('Đã dùng 1/5 suất đề cử').waitFor();
      roundId = page.url().split('/').at(-1)!;
    });
    const round = await apiGet<RoundView>(platform, 'so.gialai@khuyencong.vn', `/api/rounds/${roundId}`);
    expect(round.nominatedCount).toBe(1);
    await page.context().close();
  }, 120_000);
});
