// Issue 13's journey, every step after signing in done through the screens (the API is only read back to assert):
// an establishment registers and is verified, finds the open round on the public page, applies with documents
// and photos, answers a return; the officer accepts and picks the jury and the council by name on the round; the
// judges score beside the dossier; the council votes; the signer issues the decision from the inbox task; the
// certificate is in the public catalogue and verifies by its QR address; the province nominates it to the region.
import { type Browser, type Locator, type Page } from 'playwright-core';
import { chooseOption } from './pickers.js';
import { screenshot } from './browser.js';
import { apiToken, demoFiles } from './fixtures.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { signInAs } from './session.js';

const stamp = Date.now().toString().slice(-6);
const ESTABLISHMENT = `Hợp tác xã dệt Ia Ly ${stamp}`;
const EMAIL = `htx.det.${stamp}@example.vn`;
const PASSWORD = 'DetThoCam2026';
const PRODUCT = `Khăn thổ cẩm Ia Ly ${stamp}`;
const PROVINCE_ROUND = 'Bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai năm 2026';
const REGION_ROUND = `Bình chọn sản phẩm CNNT tiêu biểu khu vực miền Trung - Tây Nguyên năm 2026 (${stamp})`;
const DECISION = `${stamp}/QĐ-SCT`;

/** Runs a step; on failure keeps a screenshot of what the user saw (test-results/screenshots). */
async function step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await screenshot(page, `failed-journey-${name}`);
    throw error;
  }
}

async function apiGet<T>(platform: Platform, email: string, path: string, password?: string): Promise<T> {
  const token = password ? await login(platform, email, password) : await apiToken(platform.apiUrl, email);
  const response = await fetch(`${platform.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function login(platform: Platform, email: string, password: string): Promise<string> {
  const response = await fetch(`${platform.apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Picks an antd Select option by typing part of its name and clicking the option with that exact title. */
async function choose(page: Page, label: string, typed: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(typed);
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

/** Picks a person in a round's picker by typing part of their name. */
async function pickPerson(page: Page, picker: Locator, typed: string, email: string): Promise<void> {
  await chooseOption(page, picker, typed, page.getByTestId(`person-option-${email}`));
}

/** Empties a multiple picker that shows the round's current people, so the choice made is the one saved. */
async function clearPicker(picker: Locator): Promise<void> {
  const remove = picker.locator('.ant-select-selection-item-remove');
  while ((await remove.count()) > 0) await remove.first().click();
}

async function waitForStage(page: Page, stage: string): Promise<void> {
  await page.locator(`[data-testid="instance-stage"][data-stage="${stage}"]`).waitFor({ timeout: 20_000 });
}

/** The way an officer, a judge or a council member reaches the entry: the inbox row naming the product. */
async function openFromInbox(page: Page, product: string, stage?: string): Promise<void> {
  await page.locator('.ant-layout-sider').getByRole('link', { name: 'Trang chủ' }).click();
  await page.getByTestId('task-search').locator('input').fill(product);
  const row = page.getByTestId('tasks').locator('tbody tr', { hasText: product });
  const link = stage ? row.locator(`[data-testid="task-link"][data-stage="${stage}"]`) : row.getByTestId('task-link');
  await link.first().waitFor({ timeout: 20_000 });
  await link.first().click();
}

/** The way the applicant reaches the entry: the entries list. */
async function openMyEntry(page: Page, product: string): Promise<void> {
  await page.locator('.ant-layout-sider').getByRole('link', { name: 'Hồ sơ tham gia' }).click();
  await page.getByTestId('entry-row').filter({ hasText: product }).getByRole('link').first().click();
}

async function signInWith(browser: Browser, adminUrl: string, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(adminUrl);
  await page.getByLabel('Thư điện tử').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('current-user').waitFor();
  return page;
}

/** Opens the 2026 Gia Lai provincial round from the rounds list. */
async function openProvinceRound(page: Page): Promise<void> {
  await page.locator('.ant-layout-sider').getByRole('link', { name: 'Đợt bình chọn', exact: true }).click();
  await page.getByTestId('rounds').getByRole('link', { name: PROVINCE_ROUND }).click();
  await page.getByTestId('round-status').waitFor();
}

interface EntryRead {
  productName: string;
  establishmentName: string;
  documents: { part: string; fileName: string }[];
  instance: { stage: string; certificate: { number?: string } | null };
}

describe('an establishment’s product from registration to a certificate and a nomination, in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  let entryId = '';
  let certificate = '';
  withPlatform((running) => ({ platform, browser } = running));

  it('the establishment registers itself and the commune officer verifies it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const visitor = await context.newPage();
    await step(visitor, 'register', async () => {
      await visitor.goto(`${platform.adminUrl}/login`);
      await visitor.getByTestId('login-register').getByRole('link', { name: 'Đăng ký cơ sở' }).click();
      await visitor.waitForURL('**/register');
      await visitor.getByLabel('Họ và tên người đại diện').fill('Ksor H’Nga');
      await visitor.getByLabel('Thư điện tử').fill(EMAIL);
      await visitor.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
      await visitor.getByLabel('Nhắc lại mật khẩu').fill(PASSWORD);
      await visitor.getByLabel('Tên cơ sở').fill(ESTABLISHMENT);
      await visitor.getByLabel('Hợp tác xã', { exact: true }).check();
      await visitor.getByLabel('Số giấy chứng nhận đăng ký').fill(`HTX-DET-${stamp}`);
      await choose(visitor, 'Tỉnh, thành phố', 'gia lai', 'Gia Lai');
      await choose(visitor, 'Xã, phường, đặc khu', 'ia ly', 'Xã Ia Ly');
      await visitor.getByTestId('register-form').getByRole('button', { name: 'Đăng ký' }).click();
      await visitor.getByTestId('register-done').getByText(`Đã đăng ký cơ sở ${ESTABLISHMENT}`).waitFor();
    });
    await context.close();

    const officer = await signInAs(browser, platform.adminUrl, 'xa.ialy@khuyencong.vn');
    await step(officer, 'verify', async () => {
      await officer.locator('.ant-layout-sider').getByRole('link', { name: 'Cơ sở', exact: true }).click();
      await officer.getByLabel('Tên, mã số thuế, số đăng ký').fill(ESTABLISHMENT);
      await officer.getByLabel('Tên, mã số thuế, số đăng ký').press('Enter');
      const row = officer.getByTestId('establishments').locator('tr', { hasText: ESTABLISHMENT });
      await row.getByRole('button', { name: 'Xác nhận cơ sở' }).click();
      await officer.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xác nhận cơ sở' }).click();
      await officer.getByText(`Đã xác nhận cơ sở ${ESTABLISHMENT}.`).waitFor();
    });
    await officer.context().close();
    const [read] = (
      await apiGet<{ items: { name: string; verified: boolean; communeCode: string }[] }>(
        platform,
        'xa.ialy@khuyencong.vn',
        `/api/establishments?q=${encodeURIComponent(ESTABLISHMENT)}`,
      )
    ).items;
    expect(read).toMatchObject({ name: ESTABLISHMENT, verified: true, communeCode: '23734' });
  }, 120_000);

  it('the applicant finds the open round on the public page, applies with documents and photos, and submits', async () => {
    const page = await signInWith(browser, platform.adminUrl, EMAIL, PASSWORD);
    await step(page, 'apply', async () => {
      await page.locator('.ant-layout-sider').getByRole('link', { name: 'Đợt đang nhận hồ sơ' }).click();
      const card = page.locator('[data-testid^="open-round-"]', { hasText: PROVINCE_ROUND });
      await card.getByTestId('create-entry').click();
      // The applicant's only establishment may already be chosen: the pickers choose it again, robustly.
      await chooseOption(page, page.getByTestId('entry-establishment'), ESTABLISHMENT, new RegExp(ESTABLISHMENT));
      await page.getByTestId('entry-product-name').fill(PRODUCT);
      await chooseOption(page, page.getByTestId('entry-product-group'), 'Thủ công', /Thủ công mỹ nghệ/);
      await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
      await page.waitForURL(/\/instances\/[0-9a-f-]{36}$/);
      entryId = /\/instances\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      await waitForStage(page, 'draft');
      await page.getByTestId('instance-title').getByText(PRODUCT).waitFor();
    });
    await step(page, 'dossier', async () => {
      const documentsIn = (part: string) => page.getByTestId(`part-${part}`).getByTestId('document');
      await page.getByTestId('upload-registrationForm').setInputFiles(demoFiles.pdf('phieu-dang-ky'));
      await documentsIn('registrationForm').first().waitFor();
      await page.getByTestId('upload-businessRegistration').setInputFiles(demoFiles.pdf('giay-chung-nhan-htx'));
      await documentsIn('businessRegistration').first().waitFor();
      await page.getByTestId('upload-productDescription').setInputFiles(demoFiles.pdf('ban-mo-ta'));
      await documentsIn('productDescription').first().waitFor();
      await page.getByTestId('upload-photos').setInputFiles([demoFiles.png(1), demoFiles.png(2), demoFiles.png(3)]);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="part-photos"] [data-testid="document"]').length === 3);
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await waitForStage(page, 'screening');
    });
    await page.context().close();
    const entry = await apiGet<EntryRead>(platform, EMAIL, `/api/entries/${entryId}`, PASSWORD);
    expect(entry).toMatchObject({ productName: PRODUCT, establishmentName: ESTABLISHMENT, instance: { stage: 'screening' } });
    expect(entry.documents).toHaveLength(6);
  }, 150_000);

  it('the officer returns it with a reason; the applicant reads it beside the dossier, adds a photo and resubmits', async () => {
    const officer = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(officer, 'return', async () => {
      await openFromInbox(officer, PRODUCT, 'screening');
      await waitForStage(officer, 'screening');
      await officer.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
      await officer.getByLabel('Lý do').fill('Ảnh sản phẩm chưa rõ hoa văn, bổ sung một ảnh chụp cận cảnh.');
      await officer.getByRole('button', { name: 'Xác nhận' }).click();
      await waitForStage(officer, 'revision');
    });
    await officer.context().close();

    const applicant = await signInWith(browser, platform.adminUrl, EMAIL, PASSWORD);
    await step(applicant, 'resubmit', async () => {
      await openMyEntry(applicant, PRODUCT);
      await waitForStage(applicant, 'revision');
      await applicant
        .getByTestId('last-reason')
        .getByText(/Ảnh sản phẩm chưa rõ hoa văn/)
        .waitFor();
      await applicant.getByTestId('upload-photos').setInputFiles([demoFiles.png(4)]);
      await applicant.waitForFunction(() => document.querySelectorAll('[data-testid="part-photos"] [data-testid="document"]').length === 4);
      await applicant.getByRole('button', { name: 'Nộp lại hồ sơ' }).click();
      await applicant.getByRole('button', { name: 'Xác nhận' }).click();
      await waitForStage(applicant, 'screening');
    });
    await applicant.context().close();
  }, 150_000);

  it('the officer accepts it, then picks three judges by name on the round', async () => {
    const officer = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(officer, 'accept', async () => {
      await openFromInbox(officer, PRODUCT, 'screening');
      await officer.getByRole('button', { name: 'Tiếp nhận' }).click();
      await officer.getByRole('button', { name: 'Xác nhận' }).click();
      await waitForStage(officer, 'scoring');
    });
    await step(officer, 'jury', async () => {
      await openProvinceRound(officer);
      const picker = officer.getByTestId('jury-picker');
      await clearPicker(picker);
      await pickPerson(officer, picker, 'khảo 1', 'giamkhao1@khuyencong.vn');
      await pickPerson(officer, picker, 'khảo 2', 'giamkhao2@khuyencong.vn');
      await pickPerson(officer, picker, 'khảo 3', 'giamkhao3@khuyencong.vn');
      await officer.keyboard.press('Escape');
      await officer.getByTestId('jury-save').click();
      await officer.getByText(/Đã lưu ban giám khảo \(3 người\)/).waitFor();
    });
    await officer.context().close();
  }, 150_000);

  it('each judge scores beside the dossier; the officer names the council on the round; each member votes beside the scores', async () => {
    for (const [index, email] of ['giamkhao1@khuyencong.vn', 'giamkhao2@khuyencong.vn', 'giamkhao3@khuyencong.vn'].entries()) {
      const judge = await signInAs(browser, platform.adminUrl, email);
      await step(judge, `score-${index + 1}`, async () => {
        await openFromInbox(judge, PRODUCT, 'scoring');
        await waitForStage(judge, 'scoring');
        await judge.getByTestId('dossier').getByTestId('preview-toggle').first().waitFor();
        const form = judge.getByTestId('score-form');
        await form.getByLabel(/Đáp ứng thị trường/).fill(String(34 + index));
        await form.getByLabel(/Kinh tế - kỹ thuật/).fill('35');
        await form.getByLabel(/Tính văn hóa, tính thẩm mỹ/).fill('9');
        await form.getByLabel(/Một số tiêu chí khác/).fill('8');
        await form.getByRole('button', { name: 'Gửi phiếu chấm' }).click();
        await judge.getByTestId('score-sent').waitFor();
      });
      await judge.context().close();
    }
    // The jury has closed: the officer names the council on the round, which gives it to the entry waiting for it.
    const officer = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(officer, 'council', async () => {
      await openProvinceRound(officer);
      await clearPicker(officer.getByTestId('council-picker'));
      await pickPerson(officer, officer.getByTestId('council-picker'), 'Hội đồng 1', 'hoidong1@khuyencong.vn');
      await pickPerson(officer, officer.getByTestId('council-picker'), 'Hội đồng 2', 'hoidong2@khuyencong.vn');
      await officer.keyboard.press('Escape');
      await pickPerson(officer, officer.getByTestId('chair-picker'), 'Chủ tịch', 'chutich@khuyencong.vn');
      await officer.getByTestId('council-save').click();
      await officer.getByText(/Đã lưu hội đồng \(3 người\)/).waitFor();
    });
    await officer.context().close();
    for (const email of ['hoidong1@khuyencong.vn', 'hoidong2@khuyencong.vn', 'chutich@khuyencong.vn']) {
      const member = await signInAs(browser, platform.adminUrl, email);
      await step(member, `vote-${email.split('@')[0]}`, async () => {
        await openFromInbox(member, PRODUCT, 'council_review');
        await waitForStage(member, 'council_review');
        await member.getByTestId('scores').waitFor();
        const card = member.getByTestId('vote-form');
        const approve = card.getByRole('radio', { name: 'Thông qua', exact: true });
        // The dialog-free card can re-render while its data arrives: click until the choice sticks.
        for (let attempt = 0; attempt < 5 && !(await approve.isChecked()); attempt += 1) await approve.check();
        await card.getByRole('button', { name: 'Gửi biểu quyết' }).click();
        await member.getByTestId('vote-cast').getByText('Thông qua', { exact: true }).waitFor();
      });
      await member.context().close();
    }
    const entry = await apiGet<EntryRead>(platform, 'so.gialai@khuyencong.vn', `/api/entries/${entryId}`);
    expect(entry.instance.stage).toBe('decision');
  }, 300_000);

  it('the signer issues the decision from the inbox task; the certificate is in the catalogue and verifies by its QR address', async () => {
    const signer = await signInAs(browser, platform.adminUrl, 'lanhdao.gialai@khuyencong.vn');
    await step(signer, 'decide', async () => {
      await openFromInbox(signer, PRODUCT, 'decision');
      await signer.waitForURL(/\/rounds\/[0-9a-f-]{36}\?decide=1$/);
      const dialog = signer.getByTestId('decide-dialog');
      await dialog.getByTestId('decision-preview').getByText(PRODUCT, { exact: true }).waitFor();
      await dialog.getByLabel('Số quyết định').fill(DECISION);
      await signer.getByTestId('decide-submit').click();
      await signer.getByText(`Đã ban hành quyết định ${DECISION}.`).waitFor({ timeout: 30_000 });
    });
    await signer.context().close();
    const entry = await apiGet<EntryRead>(platform, 'so.gialai@khuyencong.vn', `/api/entries/${entryId}`);
    expect(entry.instance.stage).toBe('recognised');
    certificate = entry.instance.certificate?.number ?? '';
    expect(certificate).toMatch(/^[A-Z-]+-2026-\d+$/);

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const visitor = await context.newPage();
    await step(visitor, 'catalogue', async () => {
      await visitor.goto(`${platform.adminUrl}/catalogue`);
      await visitor.getByLabel('Tên sản phẩm hoặc cơ sở').fill(PRODUCT);
      await visitor.getByLabel('Tên sản phẩm hoặc cơ sở').press('Enter');
      const card = visitor.getByTestId(`product-${certificate}`).first();
      await card.getByText(ESTABLISHMENT).waitFor();
      await visitor.getByTestId(`verify-${certificate}`).first().click();
      await visitor.getByTestId('verify-status').getByText('Còn hiệu lực').waitFor();
      // The address printed in the certificate's QR code opens the same verification.
      await visitor.goto(`${platform.adminUrl}/verify/${certificate}`);
      await visitor.getByTestId('verification').getByText(PRODUCT).waitFor();
    });
    await context.close();
  }, 150_000);

  it('the central officer opens the regional round and the province nominates the product to it', async () => {
    const central = await signInAs(browser, platform.adminUrl, 'cuc@khuyencong.vn');
    await step(central, 'region', async () => {
      await central.locator('.ant-layout-sider').getByRole('link', { name: 'Đợt bình chọn', exact: true }).click();
      await central.getByTestId('create-round').click();
      const form = central.getByTestId('create-round-form');
      await form.getByLabel('Cấp', { exact: true }).click();
      await central.locator('.ant-select-dropdown:visible').getByText('Cấp khu vực', { exact: true }).click();
      await form.getByLabel('Địa bàn').click();
      await central.locator('.ant-select-dropdown:visible').getByText('Khu vực miền Trung - Tây Nguyên', { exact: true }).click();
      await form.getByLabel('Tên đợt').fill(REGION_ROUND);
      await form.getByLabel('Năm').fill('2026');
      for (const [field, value] of [
        ['Mở nhận hồ sơ', '01/03/2026'],
        ['Đóng nhận hồ sơ', '30/06/2027'],
      ] as const) {
        const input = central.getByLabel(field, { exact: true });
        await input.click();
        await input.fill(value);
        await input.press('Enter');
      }
      await central.getByTestId('create-round-submit').click();
      await central.getByText(`Đã tạo đợt bình chọn "${REGION_ROUND}".`).waitFor();
      await central.getByTestId('round-status-open').click();
      await central.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xác nhận' }).click();
      await central.locator('[data-testid="round-status"][data-status="open"]').waitFor();
    });
    await central.context().close();

    const officer = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(officer, 'nominate', async () => {
      await openProvinceRound(officer);
      const card = officer.getByTestId('nominations');
      await card.getByTestId('nomination-target').getByText(REGION_ROUND, { exact: false }).waitFor();
      await card.getByTestId('nomination-quota').waitFor();
      const row = card.getByTestId('nomination-entries').locator('tbody tr', { hasText: PRODUCT });
      await row.getByRole('checkbox').check();
      await officer.getByTestId('nominate-send').click();
      await officer.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xác nhận' }).click();
      await officer.getByText(/Đã đề cử 1 sản phẩm vào đợt/).waitFor();
    });
    await officer.context().close();
    const regional = await apiGet<{ items: { productName: string; roundName: string }[] }>(platform, 'cuc@khuyencong.vn', `/api/entries?limit=500`);
    expect(regional.items.filter((item) => item.productName === PRODUCT && item.roundName === REGION_ROUND)).toHaveLength(1);
  }, 150_000);
});
