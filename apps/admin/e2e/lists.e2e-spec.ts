// Issue 14 in the browser: the entry, scheme, establishment and certificate lists search on the server without
// accents, filter, sort and page, keep all of it in the URL (a reload and the back button keep the list), and fit a
// phone (390 px) without sideways scroll.
import { type Browser, type Locator, type Page } from 'playwright-core';
import { createDataSource } from '@khuyencong/persistence';
import { chooseOption } from './pickers.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { signInAs } from './session.js';
import { apiGet, stepper } from './steps.js';
import { noPageScroll } from './layout.js';

const step = stepper('lists');

/** Types in a list's search box and presses Enter, as a user does. */
async function search(page: Page, list: string, text: string): Promise<void> {
  const box = page.getByTestId(`${list}-search`).locator('input').first();
  await box.fill(text);
  await box.press('Enter');
}

/** Chooses a filter's (or the sort's) option by typing part of its label. */
async function choose(page: Page, select: Locator, typed: string, option: RegExp): Promise<void> {
  await chooseOption(page, select, typed, option);
}

/** The list's total once it reads the expected count (the previous page stays on screen while the next loads). */
async function totalOf(page: Page, list: string, expected: number): Promise<number> {
  await page.locator(`[data-testid="${list}-total"][data-total="${expected}"]`).waitFor();
  return Number(await page.getByTestId(`${list}-total`).getAttribute('data-total'));
}

/** The row ids once the first row is no longer `previous` (the page has been replaced). */
async function idsAfter(rows: Locator, previous: string | null): Promise<(string | null)[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ids = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id')));
    if (ids[0] !== previous || Date.now() > deadline) return ids;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

describe('lists: server-side search, filters, sort and paging kept in the URL', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  it('the Gia Lai officer finds entries by a product typed without accents, filters by stage and year, sorts, reloads and opens one', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(page, 'entries-search', async () => {
      await page.locator('.ant-layout-sider').getByRole('link', { name: 'Hồ sơ tham gia' }).click();
      await page.waitForURL('**/entries');
      await search(page, 'entries', 'ca phe');
      await page.waitForURL(/q=ca\+phe/);
      await choose(page, page.getByTestId('entries-filter-stage'), 'Kiểm tra', /^Kiểm tra hồ sơ$/);
      await page.waitForURL(/stage=screening/);
      await choose(page, page.getByTestId('entries-filter-year'), '2024', /^2024$/);
      await page.waitForURL(/year=2024/);
      await choose(page, page.getByTestId('entries-sort'), 'Tên sản phẩm', /^Tên sản phẩm$/);
      await page.waitForURL(/sort=product/);
    });
    const expected = await apiGet<{ items: { instanceId: string; code: string; productName: string; stage: string }[]; total: number }>(
      platform,
      'so.gialai@khuyencong.vn',
      '/api/entries?q=ca%20phe&stage=screening&year=2024&sort=product',
    );
    expect(expected.total).toBeGreaterThan(0);
    const rows = page.getByTestId('entry-row');
    await step(page, 'entries-rows', async () => {
      await rows.first().waitFor();
      expect(await totalOf(page, 'entries', expected.total)).toBe(expected.total);
      expect(await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id')))).toEqual(
        expected.items.map((item) => item.instanceId),
      );
      for (const text of await rows.allInnerTexts()) expect(fold(text)).toContain('ca phe');
      // Each row shows the dossier's tracking code.
      expect(await rows.getByTestId('entry-code').allInnerTexts()).toEqual(expected.items.map((item) => item.code));
    });
    // A reload keeps the search, the filters and the sort (read back from the URL).
    await page.reload();
    await step(page, 'entries-reload', async () => {
      await rows.first().waitFor();
      expect(await page.getByTestId('entries-search').locator('input').first().inputValue()).toBe('ca phe');
      expect(await page.getByTestId('entries-filter-stage').innerText()).toContain('Kiểm tra hồ sơ');
      expect(await totalOf(page, 'entries', expected.total)).toBe(expected.total);
    });
    // The back button returns to the list before the sort was chosen.
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('sort=product') && url.search.includes('year=2024'));
    await page.goForward();
    await page.waitForURL(/sort=product/);
    // At 390 px the filters stack and the rows are cards: no sideways scroll.
    await page.setViewportSize({ width: 390, height: 844 });
    await step(page, 'entries-phone', async () => {
      await page.getByTestId('entry-cards').waitFor();
      await noPageScroll(page, 390);
    });
    await rows.first().getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/instances/${expected.items[0]!.instanceId}$`));
    await page.context().close();
  }, 180_000);

  it('the central officer pages through entries, and the back button returns to the previous page', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'cuc@khuyencong.vn');
    await page.goto(`${platform.adminUrl}/entries`);
    const rows = page.getByTestId('entry-row');
    await step(page, 'entries-pages', async () => {
      await rows.first().waitFor();
      const all = await apiGet<{ total: number }>(platform, 'cuc@khuyencong.vn', '/api/entries?limit=1');
      expect(all.total).toBeGreaterThan(20);
      await totalOf(page, 'entries', all.total);
      const first = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-id')));
      expect(first).toHaveLength(20);
      await page.getByTestId('entries-pager').locator('.ant-pagination-item-2').click();
      await page.waitForURL(/page=2/);
      const second = await idsAfter(rows, first[0]!);
      expect(second.some((id) => first.includes(id))).toBe(false);
      const api = await apiGet<{ items: { instanceId: string }[] }>(platform, 'cuc@khuyencong.vn', '/api/entries?limit=20&offset=20');
      expect(second).toEqual(api.items.map((item) => item.instanceId));
      await page.goBack();
      await page.waitForURL((url) => !url.search.includes('page=2'));
      expect(await idsAfter(rows, second[0]!)).toEqual(first);
    });
    await page.context().close();
  }, 120_000);

  it('the central officer filters schemes by funding source and content group, finds one by its title without accents and opens it', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'cuc@khuyencong.vn');
    await page.goto(`${platform.adminUrl}/schemes`);
    await step(page, 'schemes', async () => {
      await page.getByTestId('scheme-row').first().waitFor();
      await choose(page, page.getByTestId('schemes-filter-source'), 'địa phương', /địa phương/i);
      await page.waitForURL(/source=LOCAL/);
      await choose(page, page.getByTestId('schemes-filter-contentGroup'), 'nguồn nhân lực', /nguồn nhân lực/);
      await page.waitForURL(/contentGroup=CG5/);
      const filtered = await apiGet<{ items: { title: string; fundingSource: string; contentGroupCode: string }[]; total: number }>(
        platform,
        'cuc@khuyencong.vn',
        '/api/schemes?fundingSource=LOCAL&contentGroupCode=CG5&limit=20',
      );
      expect(filtered.total).toBeGreaterThan(0);
      expect(await totalOf(page, 'schemes', filtered.total)).toBe(filtered.total);
      for (const source of await page
        .locator('[data-testid="scheme-row"] [data-source]')
        .evaluateAll((elements) => elements.map((element) => element.getAttribute('data-source'))))
        expect(source).toBe('LOCAL');
      const title = filtered.items[0]!.title;
      const typed = fold(title).split(' ').slice(0, 3).join(' ');
      await search(page, 'schemes', typed);
      await page.waitForURL(/q=/);
      const found = await apiGet<{ total: number }>(
        platform,
        'cuc@khuyencong.vn',
        `/api/schemes?q=${encodeURIComponent(typed)}&fundingSource=LOCAL&contentGroupCode=CG5`,
      );
      await totalOf(page, 'schemes', found.total);
      for (const text of await page.getByTestId('scheme-row').allInnerTexts()) expect(fold(text)).toContain(typed);
      await page.reload();
      await page.getByTestId('schemes').getByRole('link', { name: title }).first().click();
      await page.waitForURL(/\/schemes\/[0-9a-f-]{36}$/);
    });
    await page.context().close();
  }, 120_000);

  it('the Gia Lai officer sees the "Tạo đề án" link to /schemes/new; the central officer does not', async () => {
    const officer = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await officer.goto(`${platform.adminUrl}/schemes`);
    await officer.getByTestId('scheme-row').first().waitFor();
    expect(await officer.getByTestId('scheme-create').innerText()).toContain('Tạo đề án');
    await officer.setViewportSize({ width: 390, height: 844 });
    await noPageScroll(officer, 390);
    // The list's own button (the menu holds an entry of the same name) opens the create page.
    await officer.getByTestId('scheme-create').click();
    await officer.waitForURL(/\/schemes\/new$/);
    await officer.context().close();
    const central = await signInAs(browser, platform.adminUrl, 'cuc@khuyencong.vn');
    await central.goto(`${platform.adminUrl}/schemes`);
    await central.getByTestId('scheme-row').first().waitFor();
    expect(await central.getByTestId('scheme-create').count()).toBe(0);
    await central.context().close();
  }, 120_000);

  it('the Gia Lai officer finds an establishment by part of its tax code; so.daklak does not find it', async () => {
    // Set-up: the demo establishments carry no tax code; one of Gia Lai's gets one.
    const [target] = (await apiGet<{ items: { id: string; name: string }[] }>(platform, 'so.gialai@khuyencong.vn', '/api/establishments?limit=1')).items;
    const dataSource = createDataSource({ url: platform.databaseUrl, poolSize: 1, applicationName: 'admin-e2e' });
    await dataSource.initialize();
    await dataSource.query(`UPDATE organisations SET tax_code = '5900765432' WHERE id = $1`, [target!.id]);
    await dataSource.destroy();
    const taxCode = '5900765432';
    const part = taxCode.slice(2, 9);
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await page.goto(`${platform.adminUrl}/establishments`);
    await step(page, 'establishments', async () => {
      await search(page, 'establishment', part);
      await page.waitForURL(new RegExp(`q=${part}`));
      const row = page.locator(`[data-testid="establishment-row"][data-id="${target!.id}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain(taxCode);
      await page.reload();
      await row.waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(page, 390);
    });
    await page.context().close();
    const other = await apiGet<{ total: number }>(platform, 'so.daklak@khuyencong.vn', `/api/establishments?q=${part}`);
    expect(other.total).toBe(0);
  }, 120_000);

  it('the central officer finds certificates by part of the number and by a product without accents', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'cuc@khuyencong.vn');
    await page.goto(`${platform.adminUrl}/certificates`);
    await step(page, 'certificates', async () => {
      await search(page, 'certificates', '2022-012');
      await page.waitForURL(/q=2022-012/);
      await page.getByRole('link', { name: 'KV-2022-0120' }).waitFor();
      expect(await totalOf(page, 'certificates', 5)).toBe(5);
      await search(page, 'certificates', 'ca phe');
      await page.waitForURL(/q=ca\+phe/);
      const expected = await apiGet<{ total: number }>(platform, 'cuc@khuyencong.vn', '/api/certificates?q=ca%20phe');
      expect(expected.total).toBeGreaterThan(0);
      expect(await totalOf(page, 'certificates', expected.total)).toBe(expected.total);
      for (const text of await page.getByTestId('certificates').locator('tbody tr').allInnerTexts()) expect(fold(text)).toContain('ca phe');
      await page.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(page, 390);
    });
    await page.context().close();
  }, 120_000);
});
