import { type Browser, type Page } from 'playwright-core';
import { chooseOption } from './pickers.js';
import { launchBrowser, screenshot } from './browser.js';
import { demoFiles, openDemoEntry } from './fixtures.js';
import { startPlatform, type Platform } from './platform.js';
import { docScreenshot, phoneScreenshot, signInAs } from './session.js';

const SCREENSHOT_LIMIT = 300 * 1024;

/** Picks an antd Select option by what the user types (a name or an e-mail) and the text of the option. */
async function pick(page: Page, testId: string, typed: string, option: RegExp): Promise<void> {
  await chooseOption(page, page.getByTestId(testId), typed, option);
}
async function stageOf(page: Page): Promise<string | null> {
  return page.getByTestId('instance-stage').getAttribute('data-stage');
}

/** Waits for the stage; on failure keeps a screenshot of what the user saw (test-results/screenshots). */
async function waitForStage(page: Page, stage: string): Promise<void> {
  try {
    await page.locator(`[data-testid="instance-stage"][data-stage="${stage}"]`).waitFor({ timeout: 15_000 });
  } catch (error) {
    await screenshot(page, `failed-waiting-for-${stage}`);
    throw error;
  }
}

describe('an entry goes from the applicant through screening, revision, the jury and the council', () => {
  let platform: Platform;
  let browser: Browser;
  let entryId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    entryId = await openDemoEntry(platform.databaseUrl, platform.adminUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('the applicant sees the draft in the inbox; the dossier form refuses an incomplete dossier, then uploads it and submits', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'coso@khuyencong.vn');
    await page.getByTestId('task-link').first().waitFor();
    await page.goto(`${platform.adminUrl}/instances/${entryId}`);
    await waitForStage(page, 'draft');
    // Codes read as words: the product group and the province by their Vietnamese labels.
    const details = page.locator('.ant-descriptions').first();
    await details.getByText('Thủ công mỹ nghệ', { exact: true }).waitFor();
    await details.getByText('Gia Lai', { exact: true }).waitFor();
    expect(await details.innerText()).not.toMatch(/HANDICRAFT|\bactive\b/);
    await screenshot(page, 'labels-entry');
    // Submitting an incomplete dossier is refused, naming what is missing.
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page
      .getByTestId('dossier-missing')
      .getByText(/còn thiếu: Phiếu đăng ký/)
      .waitFor();
    // Upload every document of the dossier on the page (each is saved at once), then submit it.
    await page.getByTestId('upload-registrationForm').setInputFiles(demoFiles.pdf('phieu-dang-ky'));
    await page.getByTestId('part-registrationForm').getByTestId('document').waitFor();
    await page.getByTestId('upload-businessRegistration').setInputFiles(demoFiles.pdf('giay-dang-ky-kinh-doanh'));
    await page.getByTestId('part-businessRegistration').getByTestId('document').waitFor();
    await page.getByTestId('upload-productDescription').setInputFiles(demoFiles.pdf('ban-mo-ta-san-pham'));
    await page.getByTestId('part-productDescription').getByTestId('document').waitFor();
    await page.getByTestId('upload-photos').setInputFiles([demoFiles.png(1), demoFiles.png(2), demoFiles.png(3)]);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="part-photos"] [data-testid="document"]').length === 3);
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await waitForStage(page, 'screening');
    await page.context().close();
  });

  it('the provincial officer returns it with a reason from the inbox; the applicant reads the reason and resubmits the revised dossier', async () => {
    const officer = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await officer.getByTestId('task-link').first().waitFor();
    await officer.goto(`${platform.adminUrl}/instances/${entryId}`);
    await waitForStage(officer, 'screening');
    await officer.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
    await officer.getByRole('button', { name: 'Xác nhận' }).click();
    await officer.getByText('Hãy ghi lý do: người nhận cần biết phải làm gì tiếp.').waitFor();
    await officer.getByLabel('Lý do').fill('Ảnh sản phẩm chưa rõ, bổ sung ảnh chụp cận cảnh hoa văn.');
    await officer.getByRole('button', { name: 'Xác nhận' }).click();
    await waitForStage(officer, 'revision');
    await officer.context().close();

    const applicant = await signInAs(browser, platform.adminUrl, 'coso@khuyencong.vn');
    await applicant.goto(`${platform.adminUrl}/instances/${entryId}`);
    await applicant
      .getByTestId('last-reason')
      .getByText(/chụp cận cảnh hoa văn/)
      .waitFor();
    await applicant
      .getByTestId('timeline')
      .locator('[data-type="return"]')
      .getByText(/chụp cận cảnh hoa văn/)
      .waitFor();
    // The reason names the photos: it is shown next to that part too.
    await applicant.getByTestId('part-reason-photos').waitFor();
    // The applicant answers: a clearer close-up photo, then resubmits the dossier.
    await applicant.getByTestId('upload-photos').setInputFiles([demoFiles.png(4)]);
    await applicant.waitForFunction(() => document.querySelectorAll('[data-testid="part-photos"] [data-testid="document"]').length === 4);
    await applicant.getByRole('button', { name: 'Nộp lại hồ sơ' }).click();
    await applicant.getByRole('button', { name: 'Xác nhận' }).click();
    await waitForStage(applicant, 'screening');
    await applicant.context().close();
  });

  it('the officer accepts it and assigns three judges', async () => {
    const officer = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await officer.goto(`${platform.adminUrl}/instances/${entryId}`);
    await officer.getByRole('button', { name: 'Tiếp nhận' }).click();
    await officer.getByRole('button', { name: 'Xác nhận' }).click();
    await waitForStage(officer, 'scoring');
    await officer.getByRole('button', { name: 'Phân công giám khảo' }).click();
    // Judges are chosen by name (the picker searches by name or e-mail), never typed as ids.
    for (const judge of ['giamkhao1', 'giamkhao2', 'giamkhao3']) await pick(officer, 'pick-members', judge, new RegExp(`${judge}@`));
    await officer.keyboard.press('Escape');
    await officer.getByRole('button', { name: 'Xác nhận' }).click();
    await officer.getByTestId('timeline').locator('[data-type="judges_assigned"], [data-type="assign_judges"]').first().waitFor();
    await officer.context().close();
  });

  it.each([
    ['giamkhao1@khuyencong.vn', [36, 35, 9, 8]],
    ['giamkhao2@khuyencong.vn', [34, 33, 8, 9]],
    ['giamkhao3@khuyencong.vn', [35, 34, 9, 9]],
  ])('%s scores within the criteria maxima, blind to the other sheets', async (email, points) => {
    const judge = await signInAs(browser, platform.adminUrl, email);
    await judge.goto(`${platform.adminUrl}/instances/${entryId}`);
    const form = judge.getByTestId('score-form');
    await form.waitFor();
    const [market, econ, culture, other] = points as [number, number, number, number];
    const culturalField = form.getByLabel(/Tính văn hóa, tính thẩm mỹ/);
    // Above the maximum: an error under the field, the number left as typed.
    await culturalField.fill('15');
    await form.getByText('Vượt quá giới hạn: chỉ được từ 0 đến 10 điểm').waitFor();
    expect(await culturalField.inputValue()).toBe('15');
    await form.getByLabel(/Đáp ứng thị trường/).fill(String(market));
    await form.getByLabel(/Kinh tế - kỹ thuật/).fill(String(econ));
    await culturalField.fill(String(culture));
    await form.getByLabel(/Một số tiêu chí khác/).fill(String(other));
    await form.getByLabel('Nhận xét').fill('Sản phẩm đặc trưng, hoa văn truyền thống.');
    await form
      .getByTestId('score-total')
      .getByText(`Tổng: ${market + econ + culture + other}/100 điểm`)
      .waitFor();
    if (email.startsWith('giamkhao1')) {
      expect(await docScreenshot(judge, 'scoring-form')).toBeLessThan(SCREENSHOT_LIMIT);
      expect(await phoneScreenshot(judge, 'scoring-form', form)).toBeLessThan(SCREENSHOT_LIMIT);
    }
    await form.getByRole('button', { name: 'Gửi phiếu chấm' }).click();
    await judge.getByTestId('score-sent').waitFor();
    expect(await judge.getByTestId('score-form').count()).toBe(0);
    await judge.context().close();
  });

  it('once every judge has scored, the jury closes and everyone sees the scores', async () => {
    const applicant = await signInAs(browser, platform.adminUrl, 'coso@khuyencong.vn');
    await applicant.goto(`${platform.adminUrl}/instances/${entryId}`);
    await waitForStage(applicant, 'council_review');
    const scores = applicant.getByTestId('scores');
    await scores.getByText('Đạt').waitFor();
    expect(await scores.getByTestId('score-sheets').locator('tbody tr').count()).toBe(3);
    expect(await stageOf(applicant)).toBe('council_review');
    await applicant.context().close();
  });

  it('the officer forms the council and its members approve: the entry waits for the decision', async () => {
    const officer = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await officer.goto(`${platform.adminUrl}/instances/${entryId}`);
    await officer.getByRole('button', { name: 'Lập hội đồng' }).click();
    for (const member of ['hoidong1', 'hoidong2', 'chutich']) await pick(officer, 'pick-members', member, new RegExp(`${member}@`));
    await officer.keyboard.press('Escape');
    await pick(officer, 'pick-chair', 'chutich', /chutich@/);
    await officer.getByRole('button', { name: 'Xác nhận' }).click();
    await officer.getByTestId('timeline').locator('[data-type="council_assigned"], [data-type="assign_council"]').first().waitFor();
    await officer.context().close();

    for (const email of ['hoidong1@khuyencong.vn', 'hoidong2@khuyencong.vn', 'chutich@khuyencong.vn']) {
      const member = await signInAs(browser, platform.adminUrl, email);
      await member.goto(`${platform.adminUrl}/instances/${entryId}`);
      // The vote sits beside the scores; once cast it is shown as cast and not offered again.
      const card = member.getByTestId('vote-form');
      await card.getByRole('radio', { name: 'Thông qua', exact: true }).check();
      await card.getByRole('button', { name: 'Gửi biểu quyết' }).click();
      await member.getByTestId('vote-cast').getByText('Thông qua', { exact: true }).waitFor();
      expect(await member.getByTestId('vote-form').count()).toBe(0);
      await member.getByTestId('timeline').locator('[data-type="vote"], [data-type="vote_cast"]').first().waitFor();
      await member.context().close();
    }

    const applicant = await signInAs(browser, platform.adminUrl, 'coso@khuyencong.vn');
    await applicant.goto(`${platform.adminUrl}/instances/${entryId}`);
    await waitForStage(applicant, 'decision');
    await applicant.getByText(/Chuỗi sự kiện toàn vẹn/).waitFor();
    expect(await docScreenshot(applicant, 'entry-detail')).toBeLessThan(SCREENSHOT_LIMIT);
    expect(await phoneScreenshot(applicant, 'entry-detail')).toBeLessThan(SCREENSHOT_LIMIT);
    await applicant.context().close();
  });
});
