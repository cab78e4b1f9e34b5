// Trang công khai (issue 13): the open rounds and the catalogue without signing in, the public frame on a phone, and
// the documentation screenshots of /open-rounds, /catalogue and /register. Every step through the UI; the API is
// only read back to assert.
import { createDataSource } from '@khuyencong/persistence';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startPlatform, type Platform } from './platform.js';
import { docScreenshot } from './session.js';

const SCREENSHOT_LIMIT = 300 * 1024;
const DATE = /\d{2}\/\d{2}\/\d{4}/;

interface PublicRound {
  id: string;
  name: string;
  level: string;
  year: number;
  scopeCode: string;
  scopeName: string;
  contact: { name: string | null; phone: string | null; email: string | null } | null;
}
interface Product {
  certificateNumber: string;
  productName: string;
  establishmentName: string;
  provinceCode: string;
  provinceName: string;
}

async function visitor(browser: Browser, width = 1280, height = 900): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  return { context, page: await context.newPage() };
}

/**
 * The demo's recognised products come from the 2022 regional round, whose certificates ran to 31/12/2025, and the
 * worker expires them (certificate_expiry timers) as soon as it starts; the catalogue lists certificates in force
 * only. The set-up moves the pending expiry timers and the validity of the certificates still in force to the end
 * of next year (what a renewed recognition would do), then returns how many stay in force.
 */
async function keepDemoCertificatesInForce(databaseUrl: string): Promise<number> {
  const dataSource = createDataSource({ url: databaseUrl, poolSize: 1, applicationName: 'admin-e2e' });
  await dataSource.initialize();
  try {
    const until = `make_date(EXTRACT(YEAR FROM CURRENT_DATE)::int + 1, 12, 31)`;
    await dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE timers SET due_at = ${until}::timestamptz WHERE kind = 'certificate_expiry' AND fired_at IS NULL AND cancelled_at IS NULL`);
      await tx.query(`UPDATE certificates SET valid_until = ${until} WHERE status = 'valid'`);
    });
    // An expiry the worker had already taken may still land: count once it has.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const [row] = await dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM certificates WHERE status = 'valid' AND valid_until >= CURRENT_DATE`,
    );
    return row?.count ?? 0;
  } finally {
    await dataSource.destroy();
  }
}

async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('the public pages', () => {
  let platform: Platform;
  let browser: Browser;

  beforeAll(async () => {
    platform = await startPlatform();
    expect(await keepDemoCertificatesInForce(platform.databaseUrl)).toBeGreaterThan(20);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function read<T>(path: string): Promise<T> {
    const response = await fetch(`${platform.apiUrl}${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  }

  it('lists the demo 2026 rounds open for entries by area name, with dates, rules and the way in; filters by level', async () => {
    const { context, page } = await visitor(browser);
    await page.goto(`${platform.adminUrl}/login`);
    await page.getByTestId('login-public-links').getByRole('link', { name: 'Đợt đang nhận hồ sơ' }).click();
    await page.waitForURL('**/open-rounds');
    const { items } = await read<{ items: PublicRound[] }>('/api/public/rounds');
    const commune = items.find((round) => round.level === 'commune' && round.scopeCode === '23734' && round.year === 2026);
    const province = items.find((round) => round.level === 'province' && round.scopeCode === 'gia-lai-2025' && round.year === 2026);
    expect(commune).toBeDefined();
    expect(province).toBeDefined();
    for (const round of [commune!, province!]) {
      const card = page.getByTestId(`open-round-${round.id}`);
      await card.getByText(round.name).waitFor();
      // The area by its name, never the unit code.
      const area = (await card.getByTestId('round-area').textContent()) ?? '';
      expect(area).toBe(round.scopeName);
      expect(area).not.toMatch(/23734|gia-lai/);
      expect(await card.getByTestId('round-dates').textContent()).toMatch(
        new RegExp(`từ ${DATE.source} đến ${DATE.source} (còn \\d+ ngày|hôm nay là ngày cuối|mở sau \\d+ ngày)`),
      );
      await card.getByText('Điểm đạt').waitFor();
      await card.getByTestId('round-criteria').getByText('Tổng điểm tối đa').waitFor();
      // Whom to ask before applying: the round's office, a phone to dial and an address to write to.
      const contact = card.getByTestId('round-contact');
      expect(round.contact?.name).toBeTruthy();
      await contact.getByTestId('contact-name').getByText(round.contact!.name!, { exact: true }).waitFor();
      expect(await contact.getByTestId('contact-phone').getAttribute('href')).toBe(`tel:${round.contact!.phone!.replace(/[^0-9+]/g, '')}`);
      expect(await contact.getByTestId('contact-email').getAttribute('href')).toBe(`mailto:${round.contact!.email!}`);
      await card.getByRole('button', { name: 'Đăng nhập để nộp hồ sơ' }).waitFor();
    }
    expect(commune!.scopeName).toContain('Ia Ly');
    expect(province!.scopeName).toContain('Gia Lai');
    await page.getByTestId('how-to-apply').getByText('Chờ xác nhận').waitFor();
    expect(await docScreenshot(page, 'open-rounds')).toBeLessThan(SCREENSHOT_LIMIT);

    // Level filter: the commune round stays, the provincial one goes; the filter is kept in the address.
    await page.getByLabel('Cấp bình chọn').click();
    await page.locator('.ant-select-dropdown:visible').getByTitle('Cấp xã', { exact: true }).click();
    await page.getByTestId(`open-round-${province!.id}`).waitFor({ state: 'detached' });
    await page.getByTestId(`open-round-${commune!.id}`).waitFor();
    expect(page.url()).toContain('level=commune');

    // Signing in from a round comes back to the rounds.
    await page.getByTestId(`open-round-${commune!.id}`).getByRole('button', { name: 'Đăng nhập để nộp hồ sơ' }).click();
    await page.waitForURL('**/login');
    await context.close();
  });

  it('searches the catalogue by name and by province, keeps the search in the address, and opens a verification link', async () => {
    const { context, page } = await visitor(browser);
    await page.goto(`${platform.adminUrl}/open-rounds`);
    await page.getByRole('link', { name: 'Sản phẩm tiêu biểu' }).click();
    await page.waitForURL('**/catalogue');
    const all = await read<{ items: Product[]; total: number }>('/api/public/products?pageSize=100');
    expect(all.total).toBeGreaterThan(20);
    await page
      .getByTestId('catalogue-total')
      .getByText(`${all.total.toLocaleString('vi-VN')} sản phẩm`)
      .waitFor();
    // Server-side paging: 20 on the first page.
    expect(await page.getByTestId('catalogue-table').locator('tbody tr').count()).toBe(20);
    expect(await docScreenshot(page, 'catalogue')).toBeLessThan(SCREENSHOT_LIMIT);

    // By name: a product of the demo, typed without its accents.
    const target = all.items[0]!;
    const word = target.productName.split(' ').slice(0, 3).join(' ');
    await page.getByLabel('Tên sản phẩm hoặc cơ sở').fill(word);
    await page.getByLabel('Tên sản phẩm hoặc cơ sở').press('Enter');
    await page.waitForURL(/q=/);
    const byName = await read<{ items: Product[]; total: number }>(`/api/public/products?q=${encodeURIComponent(word)}&pageSize=100`);
    expect(byName.total).toBeLessThan(all.total);
    await page
      .getByTestId('catalogue-total')
      .getByText(`${byName.total.toLocaleString('vi-VN')} sản phẩm`)
      .waitFor();
    await page.getByTestId(`product-${target.certificateNumber}`).waitFor();
    // A bookmark of the search shows the same results.
    await page.reload();
    expect(await page.getByLabel('Tên sản phẩm hoặc cơ sở').inputValue()).toBe(word);
    await page.getByTestId(`product-${target.certificateNumber}`).waitFor();

    // By province (name chosen from today's provinces): every row in that province.
    await page.getByRole('button', { name: 'Xóa bộ lọc' }).click();
    await page.getByLabel('Tỉnh, thành phố').fill('gia lai');
    await page.locator('.ant-select-dropdown:visible').getByTitle('Gia Lai', { exact: true }).click();
    await page.waitForURL(/province=gia-lai-2025/);
    const byProvince = await read<{ items: Product[]; total: number }>('/api/public/products?provinceCode=gia-lai-2025&pageSize=100');
    expect(byProvince.total).toBeGreaterThan(0);
    expect(byProvince.total).toBeLessThan(all.total);
    await page
      .getByTestId('catalogue-total')
      .getByText(`${byProvince.total.toLocaleString('vi-VN')} sản phẩm`)
      .waitFor();
    const rows = page.getByTestId('catalogue-table').locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(20, byProvince.total));
    // Today's Gia Lai covers the provinces it succeeded (old Gia Lai and Bình Định): the rows are the API's, in order.
    const texts = await rows.allTextContents();
    expect(new Set(byProvince.items.map((item) => item.provinceName))).toEqual(new Set(['Gia Lai', 'Bình Định']));
    byProvince.items.slice(0, 20).forEach((item, index) => {
      expect(texts[index]).toContain(item.certificateNumber);
      expect(texts[index]).toContain(item.provinceName);
      expect(texts[index]).toMatch(DATE);
    });

    // Its verification link opens the certificate check.
    const first = byProvince.items[0]!;
    await page.getByTestId(`verify-${first.certificateNumber}`).click();
    await page.waitForURL(`**/verify/${encodeURIComponent(first.certificateNumber)}`);
    await page.getByTestId('verify-status').getByText('Còn hiệu lực').waitFor();
    await page.getByTestId('verification').getByText(first.productName).waitFor();
    await context.close();
  });

  it('fits every public page in 390 px (cards, a menu button opening the navigation) and saves the registration screenshot', async () => {
    const wide = await visitor(browser);
    await wide.page.goto(`${platform.adminUrl}/register`);
    await wide.page.getByTestId('register-form').waitFor();
    await wide.page.getByLabel('Tỉnh, thành phố').waitFor();
    expect(await docScreenshot(wide.page, 'register')).toBeLessThan(SCREENSHOT_LIMIT);
    await wide.context.close();

    const { context, page } = await visitor(browser, 390, 844);
    for (const [path, ready] of [
      ['/open-rounds', 'open-rounds'],
      ['/catalogue', 'catalogue-results'],
      ['/register', 'register-form'],
      ['/login', 'login-public-links'],
    ] as const) {
      await page.goto(`${platform.adminUrl}${path}`);
      await page.getByTestId(ready).waitFor();
      await page.waitForLoadState('networkidle');
      const width = await scrollWidth(page);
      // Names the page that overflows.
      expect(width <= 390 ? path : `${path} is ${width} px wide`).toBe(path);
    }
    // The catalogue shows cards on a phone, not the table.
    await page.goto(`${platform.adminUrl}/catalogue`);
    await page.getByTestId('catalogue-results').waitFor();
    expect(await page.getByTestId('catalogue-table').count()).toBe(0);
    expect(await page.locator('[data-testid^="product-"]').count()).toBe(20);
    // The navigation collapses into a button; the drawer holds every public link.
    await page.getByTestId('public-menu-button').click();
    const drawer = page.getByTestId('public-drawer');
    for (const name of ['Đợt đang nhận hồ sơ', 'Sản phẩm tiêu biểu', 'Tra cứu giấy chứng nhận', 'Đăng ký cơ sở', 'Đăng nhập'])
      await drawer.getByRole('link', { name }).waitFor();
    await drawer.getByRole('link', { name: 'Đăng ký cơ sở' }).click();
    await page.waitForURL('**/register');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
