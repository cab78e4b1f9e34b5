import { type Browser, type Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { createAppraiser, createDemoScheme } from './fixtures.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { docScreenshot, signInAs } from './session.js';

const SCREENSHOT_LIMIT = 300 * 1024;

async function publicPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Runs a step; on failure keeps a screenshot of what the user saw (test-results/screenshots). */
async function step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await screenshot(page, `failed-${name}`);
    throw error;
  }
}

describe('certificates, decisions, schemes and reports in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  let issued: string;
  withPlatform((running) => ({ platform, browser } = running));

  it('the public checks a demo certificate by number without signing in; an unknown number says so', async () => {
    const page = await publicPage(browser, `${platform.adminUrl}/verify/KV-2022-0001`);
    await step(page, 'verify', async () => {
      const card = page.getByTestId('verification');
      await card.waitFor();
      // The 2022 regional certificates were valid until 31/12/2025.
      await card.getByText('31/12/2025').waitFor();
      expect(await card.getAttribute('data-status')).toBe(new Date() > new Date('2025-12-31T17:00:00Z') ? 'expired' : 'valid');
      await page
        .getByTestId('verify-status')
        .getByText(/Hết hiệu lực|Còn hiệu lực/)
        .waitFor();
      await card.getByText('Cấp khu vực').waitFor();
      await page.getByLabel('Số giấy chứng nhận').fill('KV-2099-9999');
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByTestId('verify-error').getByText('Không có giấy chứng nhận số KV-2099-9999').waitFor();
    });
    await page.context().close();
  });

  it('the signer previews the recommended list, issues the decision and downloads a certificate the worker rendered', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'lanhdao.gialai@khuyencong.vn');
    await step(page, 'decision', async () => {
      await page.getByRole('link', { name: 'Đợt bình chọn' }).click();
      await page.getByTestId('rounds').locator('tbody tr', { hasText: '2024' }).first().getByRole('link').click();
      await page.getByTestId('results').waitFor();
      await page.getByRole('button', { name: 'Ban hành quyết định công nhận' }).click();
      const preview = page.getByTestId('decision-preview');
      await preview.getByText('Tinh dầu sả chanh Đak Pơ', { exact: true }).waitFor();
      await preview.getByText('Hạt điều rang muối Krông Pa', { exact: true }).waitFor();
      expect(await preview.locator('tbody tr').count()).toBe(2);
      await page.getByLabel('Số quyết định').fill('112/QĐ-SCT');
      await page.locator('.ant-modal-footer').getByRole('button', { name: 'Ban hành quyết định công nhận' }).click();
      const result = page.getByTestId('decision-result');
      await result.getByText(/Đã ban hành quyết định 112\/QĐ-SCT: 2 sản phẩm/).waitFor({ timeout: 30_000 });
      issued = (await result.locator('tbody tr td a').first().textContent()) ?? '';
      expect(issued).toMatch(/^[A-Z]+-2024-\d{4}$|^[A-Z0-9-]+$/);
      expect(await docScreenshot(page, 'decision')).toBeLessThan(SCREENSHOT_LIMIT);
      await page.locator('.ant-modal-footer').getByRole('button', { name: 'Quay lại' }).click();
      await page
        .getByTestId('decision')
        .getByText(/112\/QĐ-SCT/)
        .waitFor();

      await page.getByRole('link', { name: 'Giấy chứng nhận' }).click();
      await page.getByTestId(`pdf-${issued}`).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByTestId(`pdf-${issued}`).click()]);
      expect(download.suggestedFilename()).toBe(`${issued}.pdf`);
      const path = await download.path();
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    });
    await page.context().close();

    const verify = await publicPage(browser, `${platform.adminUrl}/verify/${issued}`);
    await verify.getByTestId('verify-status').getByText('Còn hiệu lực').waitFor();
    await verify.context().close();
    // The worker renders the PDF a few seconds after the decision; the page asks again while the API answers 409.
  }, 200_000);

  it('provincial officers take a scheme through base appraisal (four eyes), seeing the rule warning of its budget', async () => {
    const schemeId = await createDemoScheme(platform.apiUrl);
    const appraiser = await createAppraiser(platform.apiUrl);
    const officer = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(officer, 'scheme-submit', async () => {
      await officer.getByRole('link', { name: 'Đề án khuyến công' }).click();
      await officer.getByTestId('schemes').getByRole('link', { name: 'Đào tạo nghề dệt thổ cẩm và mô hình trình diễn' }).click();
      await officer.waitForURL(`**/schemes/${schemeId}`);
      await officer.locator('[data-testid="scheme-stage"][data-stage="draft"]').waitFor();
      await officer.getByTestId('rule-warnings').waitFor();
      await officer.getByTestId('actions').getByRole('button', { name: 'Nộp hồ sơ' }).click();
      await officer.locator('.ant-popconfirm').getByRole('button', { name: 'Xác nhận' }).click();
      await officer.locator('[data-testid="scheme-stage"][data-stage="base_appraisal"]').waitFor();
    });
    await officer.context().close();
    const page = await signInAs(browser, platform.adminUrl, appraiser);
    await step(page, 'scheme', async () => {
      await page.getByRole('link', { name: 'Đề án khuyến công' }).click();
      await page.getByTestId('schemes').getByRole('link', { name: 'Đào tạo nghề dệt thổ cẩm và mô hình trình diễn' }).click();
      await page.waitForURL(`**/schemes/${schemeId}`);
      await page.locator('[data-testid="scheme-stage"][data-stage="base_appraisal"]').waitFor();
      await page.getByTestId('actions').locator('[data-action="pass"]').click();
      await page.getByTestId('form-pass').getByLabel('Kinh phí thẩm định', { exact: true }).fill('650000000');
      await page.getByRole('button', { name: 'Xác nhận' }).click();
      await page.locator('[data-testid="scheme-stage"][data-stage="central_appraisal"]').waitFor();
      await page.getByTestId('allocated').getByText('0,65 tỷ đồng').waitFor();
      // The content group, the sub-activity and the budget lines' activities by their labels, not CG5 / TRAINING.
      await page.getByText(/^Phát triển nguồn nhân lực.* · Đào tạo, truyền nghề$/).waitFor();
      await page.getByText('Mô hình trình diễn kỹ thuật', { exact: true }).waitFor();
      await page.getByTestId('form-pass').waitFor({ state: 'hidden' });
      await page.locator('.ant-modal-mask').waitFor({ state: 'hidden' });
      expect(await docScreenshot(page, 'scheme-detail')).toBeLessThan(SCREENSHOT_LIMIT);
    });
    await page.context().close();
  }, 90_000);

  it('the reports page shows the conference figures of the Central–Highlands region for 2021 and exports them to Excel', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'cuc@khuyencong.vn');
    await step(page, 'reports', async () => {
      await page.getByRole('link', { name: 'Báo cáo' }).click();
      const table = page.getByTestId('summary-table');
      await table.waitFor();
      const rows = table.locator('tbody tr');
      const texts = await rows.allInnerTexts();
      const national = texts.find((text) => /quốc gia/i.test(text)) ?? '';
      const local = texts.find((text) => /địa phương/i.test(text)) ?? '';
      const total = texts.at(-1) ?? '';
      expect(national).toMatch(/11,14 tỷ đồng[\s\S]*11,07 tỷ đồng[\s\S]*99,37 %/);
      expect(local).toMatch(/40,09 tỷ đồng[\s\S]*37,73 tỷ đồng[\s\S]*94,11 %/);
      expect(total).toMatch(/48,80 tỷ đồng[\s\S]*95,26 %/);
      await page.getByTestId('paragraph').waitFor();
      expect(await page.getByTestId('paragraph').innerText()).toMatch(/\d+,\d{2}/);
      await page.getByTestId('chart').waitFor();
      // Province lines by the units of their time, then rolled up to today's units: other lines, the same total.
      const provinceRows = page.getByTestId('province-table').locator('tbody tr');
      const showsBinhDinh = async () => (await provinceRows.allInnerTexts()).some((text) => /Bình Định/.test(text));
      const until = async (condition: () => Promise<boolean>) => {
        for (let attempt = 0; attempt < 100 && !(await condition()); attempt++) await page.waitForTimeout(100);
        expect(await condition()).toBe(true);
      };
      await until(showsBinhDinh);
      const historical = await provinceRows.allInnerTexts();
      await page.getByTestId('units').getByText('Quy về đơn vị hiện nay').click();
      // Rolled up: the lines are back (total last) and Bình Định is now part of today's Gia Lai.
      await until(async () => {
        const rows = await provinceRows.allInnerTexts();
        return rows.length > 1 && /Tổng cộng/.test(rows.at(-1) ?? '') && !rows.some((text) => /Bình Định/.test(text));
      });
      const current = await provinceRows.allInnerTexts();
      // The same choice rolls up the consulting lines: Bình Định is part of today's Gia Lai there too.
      const consultingRows = page.getByTestId('consulting').locator('tbody tr');
      await until(async () => {
        const rows = await consultingRows.allInnerTexts();
        return rows.length > 0 && rows.some((text) => /Gia Lai/.test(text)) && !rows.some((text) => /Bình Định/.test(text));
      });
      expect(current.length).toBeGreaterThan(1);
      expect(current.length).toBeLessThan(historical.length);
      expect(current.at(-1)).toBe(historical.at(-1));
      await page.getByTestId('units').getByText('Theo đơn vị hành chính thời đó').click();
      await until(async () => (await provinceRows.allInnerTexts()).length === historical.length);
      expect(await docScreenshot(page, 'reports')).toBeLessThan(SCREENSHOT_LIMIT);
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
      await page.getByTestId('export-done').waitFor();
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    });
    await page.context().close();
  }, 90_000);
});
