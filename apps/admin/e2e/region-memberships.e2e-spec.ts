// The administrator moves a province to another contest region from a date on the reference page, on a phone
// (360 px, one column), and the API reads the move back (issue 16).
import { type Browser } from 'playwright-core';

import { apiToken } from './fixtures.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { signInAs } from './session.js';

interface Listing {
  regions: { code: string; provinces: { code: string; validFrom: string; validTo: string | null }[] }[];
}

describe('contest regions on the reference page', () => {
  let platform: Platform;
  let browser: Browser;
  withPlatform((running) => ({ platform, browser } = running));

  async function regionOn(date: string, province: string): Promise<string | undefined> {
    const token = await apiToken(platform.apiUrl, 'admin@khuyencong.vn');
    const response = await fetch(`${platform.apiUrl}/api/admin/reference/region-memberships?date=${date}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const listing = (await response.json()) as Listing;
    return listing.regions.find((region) => region.provinces.some((p) => p.code === province))?.code;
  }

  it('the administrator moves Khánh Hòa to the southern region from 2027-01-01 at 360 px; the API reads it back', async () => {
    const page = await signInAs(browser, platform.adminUrl, 'admin@khuyencong.vn');
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${platform.adminUrl}/admin/reference`);
    const section = page.getByTestId('region-memberships');
    await section.getByText('Khu vực bình chọn').first().waitFor();
    const item = page.getByTestId('membership-khanh-hoa-2025');
    await item.getByText('Khánh Hòa').waitFor();
    expect(await page.getByTestId('region-CENTRAL_HIGHLANDS').getByTestId('membership-khanh-hoa-2025').count()).toBe(1);

    // One column: the three region cards stacked at the same left edge, and no horizontal scrolling.
    const boxes = await Promise.all(['NORTH', 'CENTRAL_HIGHLANDS', 'SOUTH'].map((code) => page.getByTestId(`region-${code}`).boundingBox()));
    expect(new Set(boxes.map((box) => Math.round(box!.x))).size).toBe(1);
    expect(new Set(boxes.map((box) => Math.round(box!.y))).size).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    const form = page.getByTestId('region-move-form');
    // Inline validation: nothing chosen.
    await form.getByRole('button', { name: 'Chuyển' }).click();
    await form.getByText('Bắt buộc nhập').first().waitFor();

    await item.getByRole('button').click();
    // The region it already belongs to is refused inline.
    await page.getByLabel('Khu vực mới').click();
    await page.getByTitle('Khu vực miền Trung - Tây Nguyên', { exact: true }).last().click();
    await form.getByText('Tỉnh đã thuộc khu vực này; chọn khu vực khác.').waitFor();
    await page.getByLabel('Khu vực mới').click();
    await page.getByTitle('Khu vực phía Nam', { exact: true }).last().click();
    await form.getByLabel('Từ ngày').fill('01/01/2027');
    await form.getByLabel('Từ ngày').press('Enter');
    await form.getByRole('button', { name: 'Chuyển' }).click();
    await page.getByTestId('region-move-done').getByText('Đã chuyển Khánh Hòa sang Khu vực phía Nam từ 01/01/2027.').waitFor();

    expect(await regionOn('2026-12-31', 'khanh-hoa-2025')).toBe('CENTRAL_HIGHLANDS');
    expect(await regionOn('2027-01-01', 'khanh-hoa-2025')).toBe('SOUTH');
    await page.context().close();
  });
});
