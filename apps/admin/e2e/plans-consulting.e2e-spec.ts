// Annual plans and consulting in the browser (issue 14): the Gia Lai officer opens the province's plan of the demo
// year, adjusts it with a reason and sees the new version with the difference; the Cục adjusts the national funds;
// the officer records a consulting engagement, a month's revenue (then replaces it) and the year's revenue plan. Bad
// input is refused inline. Every step after signing in goes through the UI; the API is read back at the end.
import { type Browser, type Locator, type Page } from 'playwright-core';
import dayjs from 'dayjs';
import { launchBrowser, screenshot } from './browser.js';
import { apiToken } from './fixtures.js';
import { chooseOption, confirmDialog } from './pickers.js';
import { startPlatform, type Platform } from './platform.js';
import { signInAs } from './session.js';
import { noPageScroll } from './layout.js';

const DEMO_YEAR = 2026;
const OFFICER = 'Chuyên viên Sở Công Thương Gia Lai';
const CLIENT = 'Hợp tác xã Dệt thổ cẩm Ia Ly';
const AMOUNT_RULE = 'Số tiền là số nguyên đồng, từ 0 trở lên (không âm).';

async function step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await screenshot(page, `failed-plans-consulting-${name}`);
    throw error;
  }
}

async function apiGet<T>(platform: Platform, email: string, path: string): Promise<T> {
  const token = await apiToken(platform.apiUrl, email);
  const response = await fetch(`${platform.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Chooses an option of a select without search by its visible name. */
async function pickFrom(page: Page, select: Locator, name: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).first().click();
}

/** The antd Select around the input of this id. */
const selectOf = (page: Page, id: string) => page.locator('.ant-select').filter({ has: page.locator(`#${id}`) });

/** Types the year filter; the year shown by default (this year) stays out of the URL. */
async function setYear(page: Page, id: string, year: number): Promise<void> {
  const input = page.locator(`#${id}`);
  if ((await input.inputValue()) === String(year)) return;
  await input.fill(String(year));
  await input.press('Enter');
  await page.waitForURL(new RegExp(`year=${year}`));
}

/** The rows of the plans table once it holds this many (a new filter reloads it). */
async function planRows(page: Page, count: number): Promise<Locator> {
  const rows = page.getByTestId('plans').locator('tbody tr');
  const deadline = Date.now() + 10_000;
  while ((await rows.count()) !== count) {
    if (Date.now() > deadline) throw new Error(`the plans table holds ${await rows.count()} rows, expected ${count}`);
    await page.waitForTimeout(100);
  }
  return rows;
}

async function typeInto(field: Locator, value: string): Promise<void> {
  await field.click();
  await field.fill(value);
  await field.press('Enter');
}

interface Plan {
  id: string;
  provinceCode: string | null;
  fundingSource: string;
  amount: number;
  currentVersion: number;
  versions: { amount: number; difference: number | null; reason: string | null; createdByName: string | null }[];
}
interface Engagement {
  id: string;
  clientName: string;
  revenues: { period: string; amount: number }[];
  revenueTotal: number;
}

describe('annual plans and consulting in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  const today = dayjs();
  const month = today.format('MM/YYYY');

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('the Gia Lai officer adjusts the province’s local plan with a reason and sees the new version and the difference', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(page, 'list', async () => {
      await page.getByRole('link', { name: 'Kế hoạch năm' }).click();
      await page.getByTestId('plans').waitFor();
      await setYear(page, 'plans-year', DEMO_YEAR);
      await pickFrom(page, selectOf(page, 'plans-source'), 'Khuyến công địa phương');
      await page.waitForURL(/source=LOCAL/);
      const rows = await planRows(page, 1);
      await rows.first().getByRole('link', { name: 'Gia Lai', exact: true }).click();
      await page
        .getByTestId('plan-title')
        .filter({ hasText: `Khuyến công địa phương — Gia Lai — năm ${DEMO_YEAR}` })
        .waitFor();
      await page.getByTestId('plan-lines').getByText('Phát triển nguồn nhân lực', { exact: false }).waitFor();
      await page.getByTestId('plan-lines').getByText('600.000.000 đ').waitFor();
    });

    await step(page, 'refused', async () => {
      await page.getByTestId('adjust-plan').click();
      const form = page.getByTestId('adjust-form');
      await form.waitFor();
      await form.getByLabel('Số kế hoạch mới (đồng)').fill('-5');
      await page.getByTestId('adjust-submit').click();
      await form.getByText(AMOUNT_RULE).waitFor();
      await form.getByText('Không được để trống, tối đa 2000 ký tự.').waitFor();
      await form.getByLabel('Số kế hoạch mới (đồng)').fill('');
      await page.getByTestId('adjust-submit').click();
      await form.getByText(AMOUNT_RULE).waitFor();
      expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
    });

    await step(page, 'adjust', async () => {
      const form = page.getByTestId('adjust-form');
      await form.getByLabel('Số kế hoạch mới (đồng)').fill('750000000');
      await form.getByLabel('Lý do điều chỉnh').fill('Bổ sung kinh phí đào tạo nghề dệt thổ cẩm');
      await page.getByTestId('adjust-diff').getByText('600.000.000 đ → 750.000.000 đ (+150.000.000 đ)').waitFor();
      await page.getByTestId('adjust-submit').click();
      await page
        .locator('.ant-modal-confirm')
        .getByText('Điều chỉnh kế hoạch từ 600.000.000 đ thành 750.000.000 đ (+150.000.000 đ)? Phiên bản 2 sẽ được tạo.')
        .waitFor();
      await page.getByTestId('adjust-confirm').click();
      await page.getByText('Đã điều chỉnh kế hoạch: phiên bản 2, +150.000.000 đ.').waitFor();
      await page.getByTestId('plan-version').getByText('2', { exact: true }).waitFor();
      await page.getByTestId('plan-amount').getByText('750.000.000 đ').waitFor();
      const latest = page.getByTestId('plan-versions').locator('tbody tr').first();
      for (const text of ['+150.000.000 đ', 'Điều chỉnh', 'Bổ sung kinh phí đào tạo nghề dệt thổ cẩm', OFFICER])
        await latest.getByText(text, { exact: true }).waitFor();
    });

    await step(page, 'national-read-only', async () => {
      await page.getByRole('link', { name: '← Danh sách kế hoạch' }).click();
      await pickFrom(page, selectOf(page, 'plans-source'), 'Khuyến công quốc gia');
      await page.waitForURL(/source=NATIONAL/);
      await page.getByRole('link', { name: 'Xem Gia Lai Khuyến công quốc gia' }).click();
      await page.getByTestId('plan-read-only').getByText('Kế hoạch nguồn kinh phí khuyến công quốc gia do Cục điều chỉnh; bạn chỉ xem.').waitFor();
      expect(await page.getByTestId('adjust-plan').count()).toBe(0);
    });

    await step(page, 'narrow', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(page, 390);
      await page.getByRole('link', { name: '← Danh sách kế hoạch' }).click();
      await page.getByTestId('plans').waitFor();
      await noPageScroll(page, 390);
    });
    await page.context().close();
  }, 300_000);

  it('the Cục adjusts the national funds of Gia Lai and reads the ministry’s national plan', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'cuc@khuyencong.vn');
    await step(page, 'cuc-adjust', async () => {
      await page.getByRole('link', { name: 'Kế hoạch năm' }).click();
      await page.getByTestId('plans').waitFor();
      await setYear(page, 'plans-year', DEMO_YEAR);
      await chooseOption(page, selectOf(page, 'plans-province'), 'Gia Lai', /^Gia Lai$/);
      await page.waitForURL(/province=gia-lai-2025/);
      await pickFrom(page, selectOf(page, 'plans-source'), 'Khuyến công quốc gia');
      await page.waitForURL(/source=NATIONAL/);
      await page.getByRole('link', { name: 'Xem Gia Lai Khuyến công quốc gia' }).click();
      await page.getByTestId('adjust-plan').click();
      const form = page.getByTestId('adjust-form');
      await form.getByLabel('Số kế hoạch mới (đồng)').fill('1800000000');
      await form.getByLabel('Lý do điều chỉnh').fill('Điều chỉnh theo dự toán được giao');
      await page.getByTestId('adjust-diff').getByText('1.900.000.000 đ → 1.800.000.000 đ (−100.000.000 đ)').waitFor();
      await page.getByTestId('adjust-submit').click();
      await page.getByTestId('adjust-confirm').click();
      await page.getByText('Đã điều chỉnh kế hoạch: phiên bản 2, −100.000.000 đ.').waitFor();
      await page.getByTestId('plan-versions').locator('tbody tr').first().getByText('−100.000.000 đ', { exact: true }).waitFor();
    });
    await step(page, 'cuc-national', async () => {
      // The menu entry opens the list without filters.
      await page.getByRole('link', { name: 'Kế hoạch năm' }).click();
      await page.waitForURL((url) => url.pathname === '/plans' && !url.search.includes('province='));
      await setYear(page, 'plans-year', 2022);
      await page.getByTestId('plans').getByRole('link', { name: 'Kế hoạch quốc gia' }).first().click();
      await page.getByTestId('plan-title').filter({ hasText: 'Khuyến công quốc gia — Kế hoạch quốc gia — năm 2022' }).waitFor();
      await page.getByTestId('adjust-plan').waitFor();
    });
    await page.context().close();
  }, 300_000);

  it('the Gia Lai officer records a consulting engagement, a month’s revenue (then replaces it) and the year’s plan', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'so.gialai@khuyencong.vn');
    await step(page, 'create', async () => {
      await page.getByRole('link', { name: 'Tư vấn' }).click();
      await page.getByTestId('engagements').waitFor();
      await page.getByTestId('new-engagement').click();
      const form = page.getByTestId('create-engagement-form');
      await form.waitFor();
      await form.getByText('Gia Lai', { exact: true }).waitFor();
      await form.getByLabel('Giá trị hợp đồng (đồng)').fill('-1');
      await page.getByTestId('create-engagement-submit').click();
      await form.getByText(AMOUNT_RULE).waitFor();
      await form.getByLabel('Trung tâm thực hiện').fill('Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Gia Lai');
      await form.getByLabel('Khách hàng').fill(CLIENT);
      await form.getByLabel('Dịch vụ tư vấn').fill('Tư vấn thiết kế mẫu mã và bao bì sản phẩm thổ cẩm');
      await form.getByLabel('Giá trị hợp đồng (đồng)').fill('300000000');
      await typeInto(form.getByLabel('Ngày ký'), today.format('DD/MM/YYYY'));
      await page.getByTestId('create-engagement-submit').click();
      await page.getByText(`Đã thêm hợp đồng tư vấn với ${CLIENT}.`).waitFor();
      await page.getByTestId('engagement-summary').getByText(today.format('DD/MM/YYYY')).waitFor();
    });

    await step(page, 'revenue', async () => {
      const form = page.getByTestId('revenue-form');
      await typeInto(form.getByLabel('Kỳ doanh thu (tháng/năm)'), `${today.year()}-13`);
      await form.getByLabel('Doanh thu của tháng (đồng)').fill('-10');
      await page.getByTestId('revenue-submit').click();
      await form.getByText('Chọn một tháng dạng mm/yyyy, ví dụ 04/2026.').waitFor();
      await form.getByText(AMOUNT_RULE).waitFor();
      await typeInto(form.getByLabel('Kỳ doanh thu (tháng/năm)'), month);
      await form.getByLabel('Doanh thu của tháng (đồng)').fill('120000000');
      await page.getByTestId('revenue-submit').click();
      await page.getByText(`Đã ghi doanh thu tháng ${month}: 120.000.000 đ.`).waitFor();
      await page.getByTestId('revenues').getByText('120.000.000 đ').waitFor();
      // The same month again: the form says the amount will be replaced, and asks.
      await typeInto(form.getByLabel('Kỳ doanh thu (tháng/năm)'), month);
      await page.getByTestId('revenue-replace-warning').getByText(`Tháng ${month} đã ghi 120.000.000 đ. Lưu sẽ thay thế số cũ bằng số mới.`).waitFor();
      await form.getByLabel('Doanh thu của tháng (đồng)').fill('150000000');
      await page.getByTestId('revenue-submit').click();
      await page.locator('.ant-modal-confirm').getByText(`Thay thế doanh thu tháng ${month}: 120.000.000 đ → 150.000.000 đ?`).waitFor();
      await confirmDialog(page, 'Thay thế doanh thu tháng');
      await page.getByText(`Đã thay thế doanh thu tháng ${month}: 120.000.000 đ → 150.000.000 đ.`).waitFor();
      await page.getByTestId('engagement-revenue-total').getByText('150.000.000 đ').waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(page, 390);
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await step(page, 'search-and-plan', async () => {
      await page.getByRole('link', { name: '← Danh sách hợp đồng tư vấn' }).click();
      await page.getByTestId('engagements').waitFor();
      await page.locator('#engagement-q').fill('thổ cẩm');
      await page.locator('#engagement-q').press('Enter');
      await page.waitForURL(/q=/);
      await page.getByTestId('engagement-total').getByText('1 hợp đồng').waitFor();
      await page.getByTestId('engagements').getByRole('link', { name: CLIENT }).waitFor();
      await page.getByTestId('consulting-plan-set').click();
      const form = page.getByTestId('consulting-plan-form');
      await form.getByLabel('Kế hoạch doanh thu năm (đồng)').fill('-900');
      await page.getByTestId('consulting-plan-submit').click();
      await form.getByText(AMOUNT_RULE).waitFor();
      await form.getByLabel('Kế hoạch doanh thu năm (đồng)').fill('900000000');
      await page.getByTestId('consulting-plan-submit').click();
      await page.getByText(`Đã lưu kế hoạch doanh thu tư vấn năm ${today.year()}: 900.000.000 đ.`).waitFor();
      await page.getByTestId('consulting-plan-amount').getByText('900.000.000 đ').waitFor();
      await page.getByTestId('consulting-plan-revenue').getByText('150.000.000 đ').waitFor();
      await page.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(page, 390);
    });
    await page.context().close();
  }, 300_000);

  it('reads back through the API what the screens wrote', async () => {
    const plans = await apiGet<{ items: Plan[] }>(platform, 'so.gialai@khuyencong.vn', `/api/plans?year=${DEMO_YEAR}&provinceCode=gia-lai-2025`);
    const local = await apiGet<Plan>(platform, 'so.gialai@khuyencong.vn', `/api/plans/${plans.items.find((plan) => plan.fundingSource === 'LOCAL')!.id}`);
    expect(local).toMatchObject({ currentVersion: 2, amount: 750_000_000 });
    expect(local.versions[1]).toMatchObject({ difference: 150_000_000, reason: 'Bổ sung kinh phí đào tạo nghề dệt thổ cẩm', createdByName: OFFICER });
    const national = await apiGet<Plan>(platform, 'cuc@khuyencong.vn', `/api/plans/${plans.items.find((plan) => plan.fundingSource === 'NATIONAL')!.id}`);
    expect(national).toMatchObject({ currentVersion: 2, amount: 1_800_000_000 });
    const engagements = await apiGet<{ items: Engagement[]; total: number }>(
      platform,
      'so.gialai@khuyencong.vn',
      `/api/consulting/engagements?q=${encodeURIComponent(CLIENT)}`,
    );
    expect(engagements.total).toBe(1);
    expect(engagements.items[0]).toMatchObject({ revenues: [{ period: today.format('YYYY-MM'), amount: 150_000_000 }], revenueTotal: 150_000_000 });
    const plan = await apiGet<{ amount: number; revenue: number }>(platform, 'so.gialai@khuyencong.vn', `/api/consulting/plans/gia-lai-2025/${today.year()}`);
    expect(plan).toMatchObject({ amount: 900_000_000, revenue: 150_000_000 });
  });
});
