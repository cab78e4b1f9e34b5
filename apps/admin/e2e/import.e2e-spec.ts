// Spreadsheet import in the browser (issue 14): the Gia Lai officer imports an establishment list of 500 rows from
// .xlsx — 3 faulty rows are reported with their reasons, 497 are created — and importing the same file again
// creates none; then plan lines from a .csv. Every step goes through the UI; the API is only read back.
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { screenshot } from './browser.js';
import { apiToken } from './fixtures.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { signInAs } from './session.js';
import { noPageScroll } from './layout.js';

const OFFICER = 'so.gialai@khuyencong.vn';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['Tên cơ sở', 'Loại hình', 'Số đăng ký kinh doanh', 'Mã số thuế', 'Địa chỉ', 'Xã/phường'];
const NAME = 'Cơ sở nhập bảng tính số';

/** Runs a step; on failure keeps a screenshot of what the user saw (test-results/screenshots). */
async function step<T>(page: Page, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await screenshot(page, `failed-import-${name}`);
    throw error;
  }
}

async function apiGet<T>(platform: Platform, path: string): Promise<T> {
  const token = await apiToken(platform.apiUrl, OFFICER);
  const response = await fetch(`${platform.apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** 500 establishments in two communes of Gia Lai (by name and by official code); rows 51, 201 and 401 are faulty. */
async function establishmentList(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Dữ liệu');
  sheet.addRow(HEADERS);
  for (let index = 1; index <= 500; index += 1) {
    sheet.addRow([
      `${NAME} ${index}`,
      ['Hộ kinh doanh', 'Hợp tác xã', 'Doanh nghiệp'][index % 3]!,
      `GL-${String(index).padStart(4, '0')}`,
      `0987${String(index).padStart(6, '0')}`,
      `Thôn ${index}`,
      index % 2 === 0 ? 'Xã Ia Ly' : '21607',
    ]);
  }
  // Sheet rows are data rows + 1 (the header is row 1).
  sheet.getRow(51).getCell(4).value = '12345';
  sheet.getRow(201).getCell(6).value = 'Xã Không Tồn Tại';
  sheet.getRow(401).getCell(2).value = 'Công ty ma';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function chooseFile(page: Page, name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType, buffer });
  await page.getByTestId('import-check').click();
}

async function confirmApply(page: Page, count: number): Promise<void> {
  await page.getByTestId('import-apply').click();
  await page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: `Ghi ${count} dòng hợp lệ` })
    .click();
}

describe('spreadsheet import', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  it('so.gialai imports 500 establishments from .xlsx: 3 refused with reasons, 497 created, and a second import creates none', async () => {
    const page = await signInAs(browser, platform.adminUrl, OFFICER);
    page.setDefaultTimeout(30_000);
    const file = await establishmentList();

    await step(page, 'template', async () => {
      await page.getByRole('link', { name: 'Nhập từ bảng tính' }).click();
      await page.getByRole('heading', { name: 'Nhập từ bảng tính' }).waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template-xlsx').click()]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(await download.path());
      expect((workbook.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
    });

    await step(page, 'dry-run', async () => {
      await chooseFile(page, 'co-so-gia-lai.xlsx', XLSX_TYPE, file);
      await page.getByTestId('import-totals').getByText('500 dòng: 497 tạo mới · 0 cập nhật · 0 không đổi · 3 bị từ chối').waitFor({ timeout: 60_000 });
      // The refused rows are shown first, each with its row number, column and reason.
      const rows = page.getByTestId('import-rows').locator('tbody tr');
      expect(await rows.count()).toBe(3);
      expect(await rows.nth(0).innerText()).toMatch(/51[\s\S]*Mã số thuế: Mã số thuế gồm 10 chữ số/);
      expect(await rows.nth(1).innerText()).toMatch(/201[\s\S]*Xã\/phường: Không có xã\/phường "Xã Không Tồn Tại"/);
      expect(await rows.nth(2).innerText()).toMatch(/401[\s\S]*Loại hình: "Công ty ma" không phải loại hình/);
      await page.getByText('Tạo mới (497)').click();
      expect(await rows.count()).toBe(497);
      // Nothing is written by the check.
      const before = await apiGet<{ items: unknown[] }>(platform, `/api/establishments?q=${encodeURIComponent(NAME)}&limit=500`);
      expect(before.items).toHaveLength(0);
    });

    await step(page, 'phone', async () => {
      await page.getByText('Bị từ chối (3)').click();
      await page.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(page, 390);
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await step(page, 'apply', async () => {
      await confirmApply(page, 497);
      await page.getByText('Đã nhập: 497 tạo mới, 0 cập nhật, 0 không đổi, 3 bị từ chối.').waitFor({ timeout: 60_000 });
      await page.getByTestId('import-totals').getByText('500 dòng: 497 tạo mới · 0 cập nhật · 0 không đổi · 3 bị từ chối').waitFor();
      const created = await apiGet<{ items: { name: string; communeCode: string; provinceCode: string; verified: boolean }[] }>(
        platform,
        `/api/establishments?q=${encodeURIComponent(NAME)}&limit=500`,
      );
      expect(created.items).toHaveLength(497);
      expect(created.items.every((item) => item.provinceCode === 'gia-lai-2025' && ['23734', '21607'].includes(item.communeCode) && !item.verified)).toBe(true);
      expect(created.items.map((item) => item.name)).not.toContain(`${NAME} 50`);
    });

    await step(page, 'again', async () => {
      await page.getByTestId('import-again').click();
      await chooseFile(page, 'co-so-gia-lai.xlsx', XLSX_TYPE, file);
      await page.getByTestId('import-totals').getByText('500 dòng: 0 tạo mới · 0 cập nhật · 497 không đổi · 3 bị từ chối').waitFor({ timeout: 60_000 });
      await page.getByTestId('import-nothing').waitFor();
      const after = await apiGet<{ items: unknown[] }>(platform, `/api/establishments?q=${encodeURIComponent(NAME)}&limit=500`);
      expect(after.items).toHaveLength(497);
    });
    await page.context().close();
  }, 300_000);

  it('so.gialai imports the annual plan lines of Gia Lai from a .csv (semicolons, BOM)', async () => {
    const page = await signInAs(browser, platform.adminUrl, OFFICER);
    page.setDefaultTimeout(30_000);
    await step(page, 'plan-lines', async () => {
      await page.getByRole('link', { name: 'Nhập từ bảng tính' }).click();
      await page.getByText('Dòng kế hoạch khuyến công năm', { exact: true }).click();
      const csv =
        '\uFEFFTỉnh;Năm;Nhóm nội dung;Nguồn kinh phí;Số tiền kế hoạch (đồng)\r\nGia Lai;2026;CG1;Địa phương;1.500.000.000\r\nGia Lai;2026;CG3;Quốc gia;750.000.000\r\n';
      await chooseFile(page, 'ke-hoach-2026.csv', 'text/csv', Buffer.from(csv, 'utf8'));
      await page.getByTestId('import-totals').getByText('2 dòng: 2 tạo mới · 0 cập nhật · 0 không đổi · 0 bị từ chối').waitFor({ timeout: 30_000 });
      await confirmApply(page, 2);
      await page.getByText('Đã nhập: 2 tạo mới, 0 cập nhật, 0 không đổi, 0 bị từ chối.').waitFor({ timeout: 30_000 });
      const lines = await apiGet<{ items: { contentGroupCode: string; fundingSource: string; plannedAmount: number }[]; total: number }>(
        platform,
        '/api/plan-lines?provinceCode=gia-lai-2025&year=2026',
      );
      expect(lines.items.map((line) => [line.contentGroupCode, line.fundingSource, line.plannedAmount])).toEqual([
        ['CG1', 'LOCAL', 1_500_000_000],
        ['CG3', 'NATIONAL', 750_000_000],
      ]);
      expect(lines.total).toBe(2_250_000_000);
      await page.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(page, 390);
    });
    await page.context().close();
  }, 120_000);
});
