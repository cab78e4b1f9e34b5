// The inbox of issue 14, every step after signing in done through the screens (the API is only read back to
// assert): so.gialai finds a dossier by its product name typed without accents, claims it; a second Gia Lai
// officer (created by the administrator through the users API) sees it claimed by so.gialai's name; so.gialai
// hands it to that officer by typing part of the name; the officer gives it back. The inbox at 390 px wide.
import { type Browser, type Page } from 'playwright-core';
import { chooseOption } from './pickers.js';
import { launchBrowser, screenshot } from './browser.js';
import { apiToken, createAppraiser } from './fixtures.js';
import { startPlatform, type Platform } from './platform.js';
import { signInAs } from './session.js';

const PRODUCT = 'Nước mắm cá cơm Quy Nhơn';
const ESTABLISHMENT = 'Cơ sở nước mắm Quy Nhơn';
const SO_GIALAI = 'Chuyên viên Sở Công Thương Gia Lai';
const SECOND = 'Chuyên viên thẩm định Gia Lai';

/** Runs a step; on failure keeps a screenshot of what the user saw (test-results/screenshots). */
async function step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await screenshot(page, `failed-inbox-${name}`);
    throw error;
  }
}

/** Types the search as a user does (no accents) and waits for the row of the product. */
async function search(page: Page, typed: string) {
  await page.getByTestId('task-search').locator('input').fill(typed);
  // This search's own query in the URL (a second search must not pass on the first one's).
  await page.waitForURL((url) => url.searchParams.get('q') === typed.trim());
  // The previous page stays on screen until the searched one arrives: wait for the list to hold only matches.
  const rows = page.getByTestId('tasks').locator('tbody tr');
  const deadline = Date.now() + 15_000;
  while ((await rows.count()) !== (await rows.filter({ hasText: PRODUCT }).count()) || (await rows.count()) === 0) {
    if (Date.now() > deadline) throw new Error(`the inbox still lists other tasks after searching "${typed}"`);
    await page.waitForTimeout(100);
  }
  return rows.filter({ hasText: PRODUCT });
}

interface InboxItem {
  title: string | null;
  claimedBy: { name: string } | null;
}

async function inboxAs(platform: Platform, email: string): Promise<InboxItem | undefined> {
  const token = await apiToken(platform.apiUrl, email);
  const response = await fetch(`${platform.apiUrl}/api/inbox?q=${encodeURIComponent('nuoc mam ca com')}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { items: InboxItem[] };
  return body.items.find((item) => item.title === PRODUCT);
}

describe('the inbox: search, claim, reassign and release', () => {
  let platform: Platform;
  let browser: Browser;
  let second: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
    second = await createAppraiser(platform.apiUrl);
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('so.gialai finds a dossier by its product name without accents and claims it; a colleague sees who handles it', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(page, 'search', async () => {
      const row = await search(page, 'nuoc mam ca com');
      await row.getByText(ESTABLISHMENT).waitFor();
      await row.getByText('Kiểm tra hồ sơ').waitFor();
      expect(await row.getByTestId('task-due').innerText()).toMatch(/\d{2}\/\d{2}\/\d{4}/);
      expect(await page.getByTestId('tasks').locator('tbody tr').count()).toBe(1);
      expect(page.url()).toContain('q=nuoc+mam+ca+com');
      // The row carries the dossier's tracking code, and the code typed in lower case finds the dossier too.
      const tracking = (await row.getByTestId('task-code').innerText()).replace('Mã hồ sơ: ', '');
      expect(tracking).toMatch(/^\d{4}-(T|X)-\d+-\d{4}$/);
      const byCode = await search(page, tracking.toLowerCase());
      await byCode.getByText(ESTABLISHMENT).waitFor();
    });
    await step(page, 'claim', async () => {
      const row = page.getByTestId('tasks').locator('tbody tr', { hasText: PRODUCT });
      await row.getByRole('button', { name: 'Nhận việc' }).click();
      await page.getByTestId('inbox-done').getByText(`Bạn đã nhận việc "${PRODUCT}".`).waitFor();
      await row.getByTestId('task-holder').getByText('Bạn đang xử lý').waitFor();
    });
    expect((await inboxAs(platform, 'so.gialai@khuyencong.vn'))?.claimedBy?.name).toBe(SO_GIALAI);

    const colleague = await signInAs(browser, platform.adminUrl, second);
    await step(colleague, 'colleague-sees-claim', async () => {
      const row = await search(colleague, 'quy nhon');
      await row.getByTestId('task-holder').getByText(`Do ${SO_GIALAI} xử lý`).waitFor();
      // The filter "claimed by colleagues" is kept in the URL.
      await colleague.getByTestId('inbox-claim').selectOption('others');
      await colleague.waitForURL(/claim=others/);
      await colleague.getByTestId('tasks').locator('tbody tr', { hasText: PRODUCT }).waitFor();
    });
    await colleague.context().close();
    await page.context().close();
  }, 240_000);

  it('so.gialai hands the task to the colleague by name; the colleague gives it back; the inbox fits a phone', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(page, 'reassign', async () => {
      const row = await search(page, 'nuoc mam');
      await row.getByRole('button', { name: 'Chuyển cho…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Chuyển việc cho người khác' });
      await dialog.waitFor();
      await chooseOption(page, dialog.getByTestId('reassign-person'), 'tham dinh', new RegExp(SECOND));
      await dialog.getByRole('button', { name: 'Chuyển việc' }).click();
      await page.getByTestId('inbox-done').getByText(`Đã chuyển việc "${PRODUCT}" cho ${SECOND}.`).waitFor();
      await row.getByTestId('task-holder').getByText(`Do ${SECOND} xử lý`).waitFor();
    });
    expect((await inboxAs(platform, 'so.gialai@khuyencong.vn'))?.claimedBy?.name).toBe(SECOND);

    const colleague = await signInAs(browser, platform.adminUrl, second);
    await step(colleague, 'release', async () => {
      await colleague.goto(`${platform.adminUrl}/?claim=mine`);
      const row = colleague.getByTestId('tasks').locator('tbody tr', { hasText: PRODUCT });
      await row.getByTestId('task-holder').getByText('Bạn đang xử lý').waitFor();
      await row.getByRole('button', { name: 'Trả lại' }).click();
      await colleague.getByTestId('inbox-done').getByText(`Đã trả lại việc "${PRODUCT}"`, { exact: false }).waitFor();
    });
    expect((await inboxAs(platform, second))?.claimedBy).toBeNull();

    await step(page, 'phone', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${platform.adminUrl}/?q=nuoc+mam`);
      const row = page.getByTestId('tasks').locator('tbody tr', { hasText: PRODUCT });
      await row.getByTestId('task-holder').getByText('Chưa ai nhận').waitFor();
      await row.getByRole('button', { name: 'Nhận việc' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      // Rows are cards on a phone: the header row is hidden and each cell carries its column's title.
      expect(await row.evaluate((element) => getComputedStyle(element).display)).toBe('block');
      await screenshot(page, 'inbox-phone');
    });
    await colleague.context().close();
    await page.context().close();
  }, 240_000);
});
