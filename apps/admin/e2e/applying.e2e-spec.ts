// Applying and reviewing through the browser: the applicant enters a product into the 2026 commune round of xã Ia Ly,
// builds the dossier part by part and submits it; the commune officer accepts it and names the jury; a judge reads the
// dossier (PDF inline, photo thumbnails), is stopped at 45 on a 40-point criterion, sends a sheet and sees it sent;
// the applicant withdraws a second entry. Along the way the applicant reads the next-answer card (what is awaited, by
// which date, whom to contact) on a laptop and on a phone. Every step goes through the UI; the API is only read back to assert.
import { createDataSource } from '@khuyencong/persistence';
import { type Browser, type Page } from 'playwright-core';
import { chooseOption } from './pickers.js';
import { launchBrowser, screenshot } from './browser.js';
import { apiToken, demoFiles } from './fixtures.js';
import { startPlatform, type Platform } from './platform.js';
import { docScreenshot, signInAs } from './session.js';

const SCREENSHOT_LIMIT = 300 * 1024;
const ESTABLISHMENT = 'Hợp tác xã dệt thổ cẩm Ia Mơ Nông';

/** The id of the seeded 2026 commune round of xã Ia Ly (the journey finds its button by it). */
async function communeRoundId(databaseUrl: string): Promise<string> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 1, applicationName: 'admin-e2e' });
  await dataSource.initialize();
  try {
    const [round] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM rounds WHERE level = 'commune' AND scope_code = '23734' AND status = 'open' ORDER BY year DESC LIMIT 1`,
    );
    if (!round) throw new Error('the demo has no open commune round of xã Ia Ly');
    return round.id;
  } finally {
    await dataSource.destroy();
  }
}

async function waitForStage(page: Page, stage: string): Promise<void> {
  try {
    await page.locator(`[data-testid="instance-stage"][data-stage="${stage}"]`).waitFor({ timeout: 15_000 });
  } catch (error) {
    await screenshot(page, `applying-failed-waiting-for-${stage}`);
    throw error;
  }
}

/** On a phone, nothing on the page (header included) may reach past the screen's edge; on failure the widest elements are named. */
async function expectNoPageScroll(page: Page, width: number): Promise<void> {
  const measure = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    content: Math.max(...[...document.querySelectorAll('.shell-content *')].map((node) => node.getBoundingClientRect().right)),
  }));
  if (measure.content > width + 1 || measure.page > width) {
    const wide = await page.evaluate(
      (limit) =>
        [...document.querySelectorAll('body *')]
          .filter((node) => node.getBoundingClientRect().right > limit + 1)
          .slice(-5)
          .map((node) => `${node.tagName}.${node.className.toString().slice(0, 60)} ${Math.round(node.getBoundingClientRect().right)}`),
      width,
    );
    console.info(`page ${measure.page}, content ${Math.round(measure.content)}; wider than ${width}: ${wide.join(' | ')}`);
    await screenshot(page, 'applying-too-wide');
  }
  expect(measure.content).toBeLessThanOrEqual(width + 1);
  expect(measure.page).toBeLessThanOrEqual(width);
}

/** The entry as its applicant reads it through the API (to assert what the browser did). */
async function readEntry(apiUrl: string, id: string) {
  const token = await apiToken(apiUrl, 'coso@khuyencong.vn');
  const response = await fetch(`${apiUrl}/api/entries/${id}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    productName: string;
    documents: { part: string; fileName: string }[];
    instance: { stage: string; sla: { dueAt: string } | null };
  };
}

/** The seeded contact of the 2026 commune round of xã Ia Ly (apps/api/src/demo/current-year.ts). */
const IA_LY_CONTACT = { name: 'Văn phòng HĐND và UBND xã Ia Ly — bộ phận kinh tế', phone: '0269 384 5112', email: 'kinhte.ialy@khuyencong.vn' };

/** An instant as the calendar date it falls on in Viet Nam, dd/mm/yyyy. */
const vnDate = (iso: string): string => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/');

/**
 * The next-answer card as the applicant reads it: what is awaited and by when (dd/mm/yyyy), and the round's
 * contact with a phone to call and an address to write to; nothing of it wider than the screen.
 */
async function expectNextAnswer(page: Page, status: string, width: number): Promise<void> {
  const card = page.getByTestId('next-answer');
  try {
    await card.getByText(status, { exact: true }).waitFor({ timeout: 10_000 });
  } catch (error) {
    console.info(`next-answer card: ${await card.innerText().catch(() => '(none)')}`);
    await screenshot(page, `applying-next-answer-${width}`);
    throw error;
  }
  expect(await card.getByTestId('next-answer-contact').innerText()).toBe(`Liên hệ: ${IA_LY_CONTACT.name} · ${IA_LY_CONTACT.phone} · ${IA_LY_CONTACT.email}`);
  expect(await card.getByTestId('contact-phone').getAttribute('href')).toBe('tel:02693845112');
  expect(await card.getByTestId('contact-email').getAttribute('href')).toBe(`mailto:${IA_LY_CONTACT.email}`);
  const right = await card.evaluate((node) =>
    Math.max(node.getBoundingClientRect().right, ...[...node.querySelectorAll('*')].map((child) => child.getBoundingClientRect().right)),
  );
  expect(right).toBeLessThanOrEqual(width);
}

/** Picks an antd Select option by what the user types (a name or an e-mail) and the text of the option. */
async function pick(page: Page, testId: string, typed: string, option: RegExp): Promise<void> {
  await chooseOption(page, page.getByTestId(testId), typed, option);
}

/**
 * Opens the apply dialog of the round: on the public open-rounds page when it carries the button, otherwise on the
 * entries page (which lists the open rounds with the same button). Returns where it was found.
 */
async function openApplyDialog(page: Page, adminUrl: string, roundId: string): Promise<string> {
  const button = page.locator(`[data-testid="create-entry"][data-round="${roundId}"]`);
  await page.goto(`${adminUrl}/open-rounds`);
  await page.waitForLoadState('networkidle');
  let from = '/open-rounds';
  if ((await button.count()) === 0) {
    from = '/entries';
    await page.goto(`${adminUrl}/entries`);
    // The entries page lists the open rounds (or says why it cannot).
    await page
      .locator('[data-testid="open-round"], [data-testid="open-rounds"] [data-testid="empty"], [data-testid="open-rounds"] [role="alert"]')
      .first()
      .waitFor();
  }
  try {
    await button.first().click({ timeout: 10_000 });
  } catch (error) {
    await screenshot(page, 'applying-no-apply-button');
    throw error;
  }
  await page.getByTestId('create-entry-form').waitFor();
  return from;
}

/** Creates an entry through the dialog; returns the new instance id from the page it opens. */
async function createEntry(page: Page, adminUrl: string, roundId: string, productName: string): Promise<{ id: string; from: string }> {
  const from = await openApplyDialog(page, adminUrl, roundId);
  await page.getByTestId('entry-establishment').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: ESTABLISHMENT }).click();
  await page.getByTestId('entry-product-name').fill(productName);
  await chooseOption(page, page.getByTestId('entry-product-group'), 'Thủ công', /Thủ công mỹ nghệ/);
  await page.getByRole('button', { name: 'Tạo hồ sơ' }).click();
  await page.waitForURL(/\/instances\/[0-9a-f-]{36}$/);
  const id = /\/instances\/([0-9a-f-]{36})$/.exec(page.url())?.[1];
  if (!id) throw new Error(`no instance id in ${page.url()}`);
  return { id, from };
}

describe('applying for and reviewing an entry through the browser', () => {
  let platform: Platform;
  let browser: Browser;
  let roundId: string;
  let entryId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    roundId = await communeRoundId(platform.databaseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('the applicant applies from the open rounds, corrects the product, builds the dossier part by part and submits it', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'coso@khuyencong.vn');
    const created = await createEntry(page, platform.adminUrl, roundId, 'Khăn thổ cẩm Ia Ly');
    console.info(`apply button used on ${created.from}`);
    entryId = created.id;
    await waitForStage(page, 'draft');
    // Titled by the product and its establishment, not by an id.
    await page.getByTestId('instance-title').getByText('Khăn thổ cẩm Ia Ly').waitFor();
    expect(await page.getByTestId('instance-subtitle').innerText()).toContain(ESTABLISHMENT);
    expect(await page.getByTestId('instance-title').innerText()).not.toMatch(/#[0-9a-f]{8}/);
    // Its tracking code: the commune round of xã Ia Ly (23734) and a number.
    expect(await page.getByTestId('entry-code').innerText()).toMatch(/^\d{4}-X-23734-\d{4}$/);
    const establishment = page.getByTestId('establishment-card');
    await establishment.getByText(ESTABLISHMENT).waitFor();
    await establishment.getByText('Xã Ia Ly').waitFor();
    await establishment.getByText('Gia Lai', { exact: true }).waitFor();

    // The product name is corrected in the draft.
    await page.getByTestId('product-name').fill('Khăn choàng thổ cẩm Ia Ly');
    await page.getByTestId('product-save').click();
    await page.getByText('Đã lưu thông tin sản phẩm').waitFor();
    await page.getByTestId('instance-title').getByText('Khăn choàng thổ cẩm Ia Ly').waitFor();

    // The accepted types and size are stated before anything is chosen.
    const rules = await page.getByTestId('upload-rules').innerText();
    expect(rules).toMatch(/PDF/);
    expect(rules).toMatch(/\d+(,\d)? MB/);

    const part = (name: string) => page.getByTestId(`part-${name}`);
    const documentsIn = (name: string) => part(name).getByTestId('document');
    await page.getByTestId('upload-registrationForm').setInputFiles(demoFiles.pdf('phieu-dang-ky'));
    await documentsIn('registrationForm').filter({ hasText: 'phieu-dang-ky.pdf' }).waitFor();
    await page.getByTestId('upload-businessRegistration').setInputFiles(demoFiles.pdf('giay-dang-ky-kinh-doanh'));
    await documentsIn('businessRegistration').filter({ hasText: 'giay-dang-ky-kinh-doanh.pdf' }).waitFor();
    await page.getByTestId('upload-productDescription').setInputFiles(demoFiles.pdf('ban-mo-ta'));
    await documentsIn('productDescription').filter({ hasText: 'ban-mo-ta.pdf' }).waitFor();
    await page.getByTestId('upload-photos').setInputFiles([demoFiles.png(1), demoFiles.png(2), demoFiles.png(3), demoFiles.png(4)]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="part-photos"] [data-testid="document"]').length === 4);

    // Replace one photo, remove another.
    await documentsIn('photos').filter({ hasText: 'anh-2.png' }).getByTestId('replace').setInputFiles(demoFiles.png(5));
    await documentsIn('photos').filter({ hasText: 'anh-5.png' }).waitFor();
    expect(await documentsIn('photos').filter({ hasText: 'anh-2.png' }).count()).toBe(0);
    await documentsIn('photos').filter({ hasText: 'anh-4.png' }).getByTestId('remove').click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xóa', exact: true }).click();
    await page.getByText('Đã xóa tài liệu khỏi hồ sơ').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="part-photos"] [data-testid="document"]').length === 3);

    // A file of a type the platform does not take is refused, naming the types it does.
    await page.getByTestId('upload-others').setInputFiles({ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('ghi chú') });
    const refused = await page.getByTestId('upload-refused').innerText();
    expect(refused).toContain('ghi-chu.txt');
    expect(refused).toMatch(/PDF/);
    expect(refused).toMatch(/PNG/);
    expect(await documentsIn('others').count()).toBe(0);

    expect(await docScreenshot(page, 'application-form')).toBeLessThan(SCREENSHOT_LIMIT);

    // The draft waits for the applicant until the round stops taking entries (30/06/2027), and names whom to ask.
    const draftStatus = 'Hồ sơ đang chờ bạn hoàn thiện trước ngày 30/06/2027.';
    await expectNextAnswer(page, draftStatus, 1280);

    // One column on a phone: nothing wider than the screen, the next-answer card included.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('dossier').waitFor();
    await page.waitForTimeout(300);
    await expectNoPageScroll(page, 390);
    await expectNextAnswer(page, draftStatus, 390);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await waitForStage(page, 'screening');
    await page.getByText('Đã thực hiện: Nộp hồ sơ').waitFor();
    // Submitted, the dossier can no longer be changed.
    expect(await page.getByTestId('upload-photos').count()).toBe(0);

    const entry = await readEntry(platform.apiUrl, entryId);
    expect(entry.productName).toBe('Khăn choàng thổ cẩm Ia Ly');
    expect(entry.instance.stage).toBe('screening');
    // Submitted, the commune screens it: the answer is due by the stage's deadline, in dd/mm/yyyy.
    expect(entry.instance.sla?.dueAt).toEqual(expect.any(String));
    await expectNextAnswer(page, `Hồ sơ đang ở bước Kiểm tra hồ sơ. Dự kiến có kết quả trước ngày ${vnDate(entry.instance.sla!.dueAt)}.`, 1280);
    expect(
      entry.documents
        .filter((document) => document.part === 'photos')
        .map((document) => document.fileName)
        .sort(),
    ).toEqual(['anh-1.png', 'anh-3.png', 'anh-5.png']);
    expect(entry.documents.filter((document) => document.part !== 'photos')).toHaveLength(3);
    await page.context().close();
  });

  it('the commune officer accepts it and names the three judges', async () => {
    const officer = await signInAs(browser, platform.adminUrl, 'xa.ialy@khuyencong.vn');
    await officer.goto(`${platform.adminUrl}/instances/${entryId}`);
    await waitForStage(officer, 'screening');
    await officer.getByRole('button', { name: 'Tiếp nhận' }).click();
    await officer.getByRole('button', { name: 'Xác nhận' }).click();
    await waitForStage(officer, 'scoring');
    await officer.getByRole('button', { name: 'Phân công giám khảo' }).click();
    for (const judge of ['giamkhao1', 'giamkhao2', 'giamkhao3']) await pick(officer, 'pick-members', judge, new RegExp(`${judge}@`));
    await officer.keyboard.press('Escape');
    await officer.getByRole('button', { name: 'Xác nhận' }).click();
    const names = officer.getByTestId('judge-names');
    await names.waitFor();
    expect(await names.innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
    await officer.context().close();
  });

  it('a judge reads the dossier beside the sheet, is stopped at 45 of 40, sends the sheet and sees it sent', async () => {
    const judge = await signInAs(browser, platform.adminUrl, 'giamkhao1@khuyencong.vn');
    await judge.goto(`${platform.adminUrl}/instances/${entryId}`);
    await waitForStage(judge, 'scoring');
    const dossier = judge.getByTestId('dossier');
    await judge.waitForFunction(
      () => [...document.querySelectorAll('[data-testid="part-photos"] img')].filter((img) => (img as HTMLImageElement).src.startsWith('blob:')).length === 3,
    );
    await dossier.getByText('Tải về anh-5.png').waitFor();
    // Read-only for the judge.
    expect(await dossier.getByTestId('replace').count()).toBe(0);

    const form = judge.getByTestId('score-form');
    // Beside the dossier on a laptop: the sheet's column starts right of the dossier's.
    const [dossierBox, formBox] = [await dossier.boundingBox(), await form.boundingBox()];
    expect(formBox!.x).toBeGreaterThan(dossierBox!.x + dossierBox!.width - 1);
    expect(await docScreenshot(judge, 'dossier-judge')).toBeLessThan(SCREENSHOT_LIMIT);
    // Each PDF opens inline on request, from a blob fetched with the judge's token.
    await dossier.getByTestId('preview-toggle').first().waitFor();
    expect(await dossier.getByTestId('preview-toggle').count()).toBe(3);
    const form1 = dossier.getByTestId('part-registrationForm');
    await form1.getByTestId('preview-toggle').click();
    await form1.getByTestId('pdf-preview').waitFor();
    expect(await form1.getByTestId('pdf-preview').getAttribute('src')).toMatch(/^blob:/);
    // The screenshot is taken before: the browser's PDF viewer keeps the network busy, even once closed.
    await form1.getByTestId('preview-toggle').click();
    expect(await form1.getByTestId('pdf-preview').count()).toBe(0);

    const market = form.getByLabel(/Đáp ứng thị trường/);
    await market.fill('45');
    await form.getByText('Vượt quá giới hạn: chỉ được từ 0 đến 40 điểm').waitFor();
    expect(await market.inputValue()).toBe('45');
    await form.getByRole('button', { name: 'Gửi phiếu chấm' }).click();
    await judge.waitForTimeout(300);
    expect(await judge.getByTestId('score-sent').count()).toBe(0);

    await market.fill('36');
    await form.getByLabel(/Kinh tế - kỹ thuật/).fill('35');
    await form.getByLabel(/Tính văn hóa, tính thẩm mỹ/).fill('9');
    await form.getByLabel(/Một số tiêu chí khác/).fill('8');
    await form.getByTestId('score-total').getByText('Tổng: 88/100 điểm').waitFor();
    await form.getByRole('button', { name: 'Gửi phiếu chấm' }).click();
    await judge.getByText('Đã gửi phiếu chấm. Cảm ơn bạn.').waitFor();
    const sent = judge.getByTestId('score-sent');
    await sent.waitFor();
    expect(await sent.getByTestId('sent-total').innerText()).toBe('88');
    expect(await judge.getByTestId('score-form').count()).toBe(0);

    // Reopened, the sheet is still shown as sent and not offered again.
    await judge.reload();
    await judge.getByTestId('score-sent').waitFor();
    expect(await judge.getByTestId('score-form').count()).toBe(0);
    await judge.context().close();
  });

  it('the applicant withdraws a second entry after confirming, and the entries list shows both', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'coso@khuyencong.vn');
    const second = await createEntry(page, platform.adminUrl, roundId, 'Túi thổ cẩm Ia Ly');
    await waitForStage(page, 'draft');
    await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
    await page.getByText('Hồ sơ sẽ bị rút và không xét tiếp. Không hoàn tác được.').waitFor();
    // Cancelling keeps the entry.
    await page.getByRole('button', { name: 'Hủy' }).click();
    expect(await page.getByTestId('instance-stage').getAttribute('data-stage')).toBe('draft');
    await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await waitForStage(page, 'withdrawn');
    expect((await readEntry(platform.apiUrl, second.id)).instance.stage).toBe('withdrawn');

    await page.goto(`${platform.adminUrl}/entries`);
    const row = (id: string) => page.locator(`[data-testid="entry-row"][data-id="${id}"]`);
    await row(entryId).getByText('Khăn choàng thổ cẩm Ia Ly').waitFor();
    expect(await row(second.id).getByTestId('entry-stage').getAttribute('data-stage')).toBe('withdrawn');
    expect(await row(entryId).innerText()).toContain('xã Ia Ly');
    // Cards on a phone, no page-wide scroll.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('entry-cards').waitFor();
    await expectNoPageScroll(page, 390);
    await row(entryId).getByRole('link').click();
    await page.waitForURL(new RegExp(`/instances/${entryId}$`));
    await page.getByTestId('dossier').waitFor();
    await expectNoPageScroll(page, 390);
    // On the phone the applicant reads when the judges' answer is due and whom to ask.
    const scoring = await readEntry(platform.apiUrl, entryId);
    expect(scoring.instance.stage).toBe('scoring');
    await expectNextAnswer(page, `Hồ sơ đang ở bước Chấm điểm. Dự kiến có kết quả trước ngày ${vnDate(scoring.instance.sla!.dueAt)}.`, 390);
    await page.context().close();
  });
});
