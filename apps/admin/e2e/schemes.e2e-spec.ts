// A local-fund khuyến công scheme done wholly in the browser (issue 14): the Đắk Lắk officer creates it (a line above
// the province's own cap for a cleaner-production pilot, refused by the server with the resolution named beside it,
// then corrected) and submits it; a second officer appraises it (four-eyes); the provincial signer approves the
// local plan; contract, an advance refused above the allowed share
// and one within it, a payment, a change and its approval, completion, the acceptance council chosen by name and its
// votes, settlement. The API is only read back at the end.
import { type Browser, type Locator, type Page } from 'playwright-core';
import { chooseOption } from './pickers.js';
import { demoFiles } from './fixtures.js';
import { type Platform } from './platform.js';
import { withPlatform } from './suite.js';
import { signInAs } from './session.js';
import { apiGet, stepper } from './steps.js';
import { noPageScroll } from './layout.js';

const TITLE = 'Đánh giá và thí điểm sản xuất sạch hơn cho cơ sở chế biến cà phê Buôn Hồ';
const OFFICER = 'so.daklak@khuyencong.vn';
const APPRAISER = 'so2.daklak@khuyencong.vn';
const SIGNER = 'lanhdao.daklak@khuyencong.vn';
/** Đắk Lắk's own cap for a cleaner-production pilot (30 % of the eligible cost, 400 million per model). */
const RESOLUTION = 'Nghị quyết HĐND tỉnh Đắk Lắk năm 2025';

interface SchemeView {
  stage: string;
  fundingSource: string;
  requestedAmount: number;
  allocatedAmount: number | null;
  disbursedAmount: number;
  contractNumber: string | null;
  budgetLines: { activityCode: string; eligibleCost: number; supportAmount: number }[];
  disbursements: { kind: string; amount: number }[];
  changes: { kind: string; status: string; newAllocatedAmount: number | null; newEndsOn: string | null }[];
  acceptances: { outcome: string }[];
  settlement: { settledAmount: number } | null;
  endsOn: string | null;
  revision: number;
  location: string;
  documents: { kind: string; fileName: string }[];
}

/** A step of this journey; a failure says what the user saw: the stage shown and any alert or message on screen. */
const step = stepper('schemes', (page) =>
  page.evaluate(() => {
    const stage = document.querySelector('[data-testid="scheme-stage"]')?.getAttribute('data-stage') ?? 'none';
    const notes = [...document.querySelectorAll('.ant-alert, .ant-message-notice')].map((node) => (node as HTMLElement).innerText.trim());
    return `url ${location.pathname}, stage ${stage}, on screen: ${notes.join(' | ') || 'no alert'}`;
  }),
);

/** The antd Select of the form item whose label is for this id (Form.Item names it after its field). */
const selectOf = (scope: Locator, id: string) =>
  scope
    .locator('.ant-form-item', { has: scope.page().locator(`label[for="${id}"]`) })
    .locator('.ant-select')
    .first();

async function stageIs(page: Page, stage: string): Promise<void> {
  await page.locator(`[data-testid="scheme-stage"][data-stage="${stage}"]`).waitFor();
}

/** Opens a stage action's form, fills it with `fill` and confirms; waits for the success message. */
async function act(page: Page, action: string, fill: (dialog: Locator) => Promise<void>, done = true): Promise<Locator> {
  await page.locator(`[data-action="${action}"]`).click();
  const dialog = page.locator('.ant-modal:visible');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: 'Xác nhận' }).click();
  if (done) {
    await page
      .locator('.ant-message')
      .getByText(/^Đã thực hiện:/)
      .last()
      .waitFor();
    await dialog.waitFor({ state: 'hidden' });
  }
  return dialog;
}

/** A stage action without a form: its confirmation. */
async function confirm(page: Page, action: string): Promise<void> {
  await page.locator(`[data-action="${action}"]`).click();
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Xác nhận' }).click();
}

describe('a local-fund scheme from the form to its settlement, in the browser', () => {
  let platform: Platform;
  let browser: Browser;
  let schemeUrl = '';
  let schemeId = '';
  withPlatform((running) => ({ platform, browser } = running));

  async function open(email: string): Promise<Page> {
    const page = await signInAs(browser, platform.adminUrl, email);
    await page.goto(schemeUrl);
    await page.getByTestId('scheme-stage').waitFor();
    return page;
  }

  it("the officer creates the scheme: a line above the province's cap is refused with the rule named, corrected, saved and submitted", async () => {
    const page = await signInAs(browser, platform.adminUrl, OFFICER);
    await step(page, 'form', async () => {
      await page.getByRole('link', { name: 'Tạo đề án' }).click();
      const form = page.getByTestId('scheme-form');
      await form.waitFor();
      await form.getByLabel('Tên đề án').fill(TITLE);
      // Province from the grant and the implementing unit from the province's list, by name.
      await selectOf(form, 'provinceCode').getByText('Đắk Lắk').waitFor();
      await selectOf(form, 'implementingUnitId').getByText('Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Đắk Lắk').waitFor();
      await form.getByLabel('Khuyến công địa phương').check();
      await form.getByLabel('Địa điểm thực hiện').fill('Phường Buôn Hồ, tỉnh Đắk Lắk');
      await form.getByLabel('Thời hạn hoàn thành').fill('20/12/2026');
      await form.getByLabel('Thời hạn hoàn thành').press('Enter');
      await chooseOption(page, selectOf(form, 'contentGroupCode'), 'sạch hơn', /Mô hình thí điểm áp dụng sản xuất sạch hơn/);
      await chooseOption(page, selectOf(form, 'subActivity'), 'Đánh giá', /Đánh giá sản xuất sạch hơn/);
      await page.getByTestId('add-beneficiary').click();
      const beneficiary = page.getByTestId('beneficiary').first();
      await beneficiary.getByLabel('Tên cơ sở thụ hưởng').fill('Cơ sở chế biến cà phê Thu Hà');
      await beneficiary.getByLabel('Kinh phí hỗ trợ').fill('200000000');
      await beneficiary.getByLabel('Vốn đối ứng').fill('380000000');

      // Line 1 asks 40 % of the pilot's cost: the province's cap is 30 %, and the form says so as the user types.
      const line1 = page.locator('[data-testid="budget-line"][data-line="1"]');
      await chooseOption(page, selectOf(line1, 'budgetLines_0_activityCode'), 'thí điểm', /Mô hình thí điểm sản xuất sạch hơn/);
      await line1.getByLabel('Nội dung').fill('Thiết bị sấy và xử lý nước thải cho dây chuyền chế biến');
      await line1.getByLabel('Chi phí hợp lệ').fill('500000000');
      await line1.getByTestId('line-cap').getByText(/30 %/).waitFor();
      await line1.getByLabel('Kinh phí hỗ trợ').fill('200000000');
      await line1
        .getByTestId('line-warning')
        .getByText(new RegExp(`Vượt 30 % chi phí hợp lệ \\(tối đa 150.000.000 đ\\) theo ${RESOLUTION}`))
        .waitFor();
      await page.getByTestId('add-line').click();
      const line2 = page.locator('[data-testid="budget-line"][data-line="2"]');
      await chooseOption(page, selectOf(line2, 'budgetLines_1_activityCode'), 'Đánh giá', /Đánh giá sản xuất sạch hơn/);
      await line2.getByLabel('Nội dung').fill('Đánh giá sản xuất sạch hơn tại cơ sở');
      await line2.getByLabel('Chi phí hợp lệ').fill('80000000');
      await line2.getByLabel('Kinh phí hỗ trợ').fill('50000000');
      await line2.getByTestId('line-cap').waitFor();
      expect(await line2.getByTestId('line-warning').count()).toBe(0);
      await page.getByTestId('total-local').getByText('250.000.000 đ').waitFor();
    });

    await step(page, 'refused', async () => {
      // Sent anyway: the server refuses, and its refusal stands beside line 1 with the rule it applied.
      await page.getByTestId('save-scheme').click();
      const refused = page.locator('[data-testid="budget-line"][data-line="1"]').getByTestId('line-refused');
      await refused.waitFor();
      await refused.getByText(new RegExp(`Dòng 1 vượt mức hỗ trợ tối đa theo ${RESOLUTION} \\(Mô hình thí điểm sản xuất sạch hơn\\)`)).waitFor();
      await refused.getByText(new RegExp(`Quy định áp dụng: ${RESOLUTION}`)).waitFor();
    });

    await step(page, 'phone-form', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(page, 390);
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await step(page, 'corrected', async () => {
      const line1 = page.locator('[data-testid="budget-line"][data-line="1"]');
      await line1.getByLabel('Kinh phí hỗ trợ').fill('150000000');
      await line1.getByTestId('line-refused').waitFor({ state: 'hidden' });
      expect(await line1.getByTestId('line-warning').count()).toBe(0);
      await page.getByTestId('save-scheme').click();
      await page.getByText(`Đã tạo đề án "${TITLE}" (nháp).`).waitFor();
      await page.waitForURL(/\/schemes\/[0-9a-f-]{36}$/);
      schemeUrl = page.url();
      schemeId = schemeUrl.split('/').at(-1)!;
      await stageIs(page, 'draft');
      // Its code reads out: year, local fund, Đắk Lắk's official code (66), a random part — no slug.
      expect(await page.getByRole('heading', { level: 3 }).first().innerText()).toMatch(/^\d{4}-DP-66-[0-9A-F]{6} — Đánh giá và thí điểm/);
    });

    await step(page, 'edit', async () => {
      // The draft is rewritten before it is sent: the place grows and line 2 is renamed; year, province and fund stay.
      await page.getByTestId('edit-scheme').click();
      await page.waitForURL(/\/schemes\/[0-9a-f-]{36}\/edit$/);
      const form = page.getByTestId('scheme-form');
      await form.waitFor();
      await page
        .getByRole('heading', { level: 3 })
        .getByText(/^Sửa đề án \d{4}-DP-66-[0-9A-F]{6}$/)
        .waitFor();
      expect(await form.getByLabel('Năm kế hoạch').isDisabled()).toBe(true);
      expect(await form.getByLabel('Địa điểm thực hiện').inputValue()).toBe('Phường Buôn Hồ, tỉnh Đắk Lắk');
      await form.getByLabel('Địa điểm thực hiện').fill('Phường Buôn Hồ và xã Ea Drông, tỉnh Đắk Lắk');
      const line2 = page.locator('[data-testid="budget-line"][data-line="2"]');
      await line2.getByLabel('Nội dung').fill('Đánh giá sản xuất sạch hơn tại hai cơ sở');
      await page.getByTestId('total-local').getByText('200.000.000 đ').waitFor();
      await page.getByTestId('save-scheme').click();
      await page.getByText(`Đã lưu thay đổi của đề án "${TITLE}".`).waitFor();
      await page.waitForURL(schemeUrl);
      await stageIs(page, 'draft');
      await page.getByText('Phường Buôn Hồ và xã Ea Drông, tỉnh Đắk Lắk').waitFor();
    });
    const edited = await apiGet<SchemeView>(platform, OFFICER, `/api/schemes/${schemeId}`);
    expect(edited).toMatchObject({ revision: 2, location: 'Phường Buôn Hồ và xã Ea Drông, tỉnh Đắk Lắk', requestedAmount: 200_000_000, stage: 'draft' });
    expect(edited.budgetLines.map((line) => line.supportAmount)).toEqual([150_000_000, 50_000_000]);

    await step(page, 'submit', async () => {
      await confirm(page, 'submit');
      await stageIs(page, 'base_appraisal');
      // Sent: no longer offered for editing.
      await page.getByTestId('edit-scheme').waitFor({ state: 'detached' });
      // Four-eyes: the submitter is told, and offered no appraisal.
      await page.getByTestId('four-eyes').waitFor();
      expect(await page.locator('[data-action="pass"]').count()).toBe(0);
    });
  });

  it('a second officer of the province appraises it within the requested amount', async () => {
    const page = await open(APPRAISER);
    await step(page, 'pass', async () => {
      const dialog = await act(page, 'pass', async (form) => form.getByLabel('Kinh phí thẩm định').fill('250000000'), false);
      await dialog
        .getByText(/Tối đa 200.000.000 đ/)
        .first()
        .waitFor();
      await dialog.getByLabel('Kinh phí thẩm định').fill('200000000');
      await dialog.getByRole('button', { name: 'Xác nhận' }).click();
      await stageIs(page, 'awaiting_local_plan');
      await page.getByTestId('allocated').getByText('0,20 tỷ đồng').waitFor();
    });
  });

  it('the provincial signer approves the local plan for the selected scheme', async () => {
    const page = await signInAs(browser, platform.adminUrl, SIGNER);
    await step(page, 'local-plan', async () => {
      await page.getByRole('link', { name: 'Phê duyệt kế hoạch địa phương' }).click();
      await page.getByTestId('local-plan').waitFor();
      await page.locator(`[data-scheme="${schemeId}"]`).check();
      await page.getByTestId('approve-plan').click();
      const popconfirm = page.locator('.ant-popconfirm:visible');
      await popconfirm.getByText(/tổng kinh phí 200.000.000 đ/).waitFor();
      await popconfirm.getByRole('button', { name: 'Xác nhận' }).click();
      await page.getByText('Đã phê duyệt 1 đề án vào kế hoạch địa phương.').waitFor();
      await page.locator(`[data-scheme="${schemeId}"]`).waitFor({ state: 'detached' });
    });
  });

  it('the appraiser signs the contract; the officer records an advance (one above 70 % refused with the rule), a payment, a change and an extension', async () => {
    const appraiser = await open(APPRAISER);
    await step(appraiser, 'contract', async () => {
      await stageIs(appraiser, 'in_plan');
      await act(appraiser, 'contract', async (form) => form.getByLabel('Số hợp đồng').fill('HĐ 12/2026/KC-ĐL'));
      await stageIs(appraiser, 'in_progress');
    });

    const page = await open(OFFICER);
    await step(page, 'advance-refused', async () => {
      const dialog = await act(
        page,
        'record_disbursement',
        async (form) => {
          await form.getByLabel('Tạm ứng').check();
          await form
            .getByTestId('advance-rule')
            .getByText(/tối đa 70 % kinh phí được phân bổ \(140.000.000 đ\)/)
            .waitFor();
          await form.getByLabel('Số tiền').fill('150000000');
        },
        false,
      );
      await dialog
        .getByTestId('refused-rule')
        .getByText(/TT 28\/2018\/TT-BTC/)
        .waitFor();
      await dialog.getByText(/vượt 70 % kinh phí được phân bổ/).waitFor();
      await dialog.getByLabel('Số tiền').fill('100000000');
      await dialog.getByRole('button', { name: 'Xác nhận' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('disbursements').getByText('100.000.000 đ').waitFor();
    });

    await step(page, 'payment', async () => {
      await act(page, 'record_disbursement', async (form) => {
        await form.getByLabel('Thanh toán').check();
        await form.getByLabel('Số tiền').fill('50000000');
      });
      await page.getByTestId('disbursements').getByText('50.000.000 đ').waitFor();
    });

    await step(page, 'documents', async () => {
      // The signed contract is attached as such; a file of a refused type is turned away before it is sent, saying why.
      const documents = page.getByTestId('scheme-documents');
      await documents.getByTestId('scheme-upload-rules').getByText(/PDF/).waitFor();
      await documents
        .getByTestId('scheme-document-file')
        .setInputFiles({ name: 'hop-dong.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
      await documents
        .getByTestId('scheme-document-refused')
        .getByText(/Không nhận tệp “hop-dong.exe”: chỉ nhận các loại .*PDF/)
        .waitFor();
      await chooseOption(page, documents.getByTestId('scheme-document-kind'), 'Hợp', /^Hợp đồng$/);
      await documents.getByTestId('scheme-document-file').setInputFiles(demoFiles.pdf('hop-dong-12-2026'));
      await page.getByText('Đã gắn “hop-dong-12-2026.pdf” (Hợp đồng) vào đề án.').waitFor();
      const row = documents.getByTestId('scheme-document-list').locator('tbody tr', { hasText: 'hop-dong-12-2026.pdf' });
      await row.getByText('Hợp đồng', { exact: true }).waitFor();
      expect(await documents.getByTestId('scheme-document-refused').count()).toBe(0);
    });

    await step(page, 'change', async () => {
      await act(page, 'request_change', async (form) => {
        await form.getByLabel('Kinh phí sau điều chỉnh (để trống nếu không đổi)').fill('180000000');
        await form.getByLabel('Lý do').fill('Thu hẹp phạm vi đánh giá do cơ sở tạm dừng một dây chuyền');
      });
      await stageIs(page, 'change_review');
    });

    const again = await open(APPRAISER);
    await step(again, 'approve-change', async () => {
      await again
        .getByTestId('pending-change')
        .getByText(/Thu hẹp phạm vi đánh giá/)
        .waitFor();
      await confirm(again, 'approve_change');
      await stageIs(again, 'in_progress');
      await again.getByTestId('allocated').getByText('0,18 tỷ đồng').waitFor();
    });

    // An extension: a date not after the current one is refused in the form, a later one is asked and approved.
    await step(page, 'extend', async () => {
      await page.reload();
      await stageIs(page, 'in_progress');
      await page.getByTestId('ends-on').getByText('20/12/2026').waitFor();
      const dialog = await act(
        page,
        'request_change',
        async (form) => {
          await chooseOption(
            page,
            form.locator('.ant-form-item', { has: page.locator('label[for="changeKind"]') }).locator('.ant-select'),
            'Gia hạn',
            /Gia hạn thời gian thực hiện/,
          );
          await form.getByLabel('Thời hạn hoàn thành mới').fill('15/12/2026');
          await form.getByLabel('Thời hạn hoàn thành mới').press('Enter');
          await form.getByLabel('Lý do').fill('Thiết bị sấy giao chậm, cần thêm ba tháng');
        },
        false,
      );
      await dialog.locator('.ant-form-item-explain-error').getByText('Sau ngày 20/12/2026').waitFor();
      await dialog.getByLabel('Thời hạn hoàn thành mới').fill('31/03/2027');
      await dialog.getByLabel('Thời hạn hoàn thành mới').press('Enter');
      await dialog.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
      await dialog.getByRole('button', { name: 'Xác nhận' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await stageIs(page, 'change_review');
    });
    await step(again, 'approve-extension', async () => {
      await again.reload();
      await again
        .getByTestId('pending-change')
        .getByText(/Gia hạn thời gian thực hiện — Thiết bị sấy giao chậm.*31\/03\/2027/)
        .waitFor();
      await confirm(again, 'approve_change');
      await stageIs(again, 'in_progress');
      await again.getByTestId('ends-on').getByText('31/03/2027').waitFor();
    });
  });

  it('the officer completes it; the appraiser names the council; the council accepts; the appraiser settles it', async () => {
    const page = await open(OFFICER);
    await step(page, 'complete', async () => {
      await confirm(page, 'complete');
      await stageIs(page, 'acceptance');
    });

    const appraiser = await open(APPRAISER);
    await step(appraiser, 'council', async () => {
      await act(appraiser, 'assign_council', async (form) => {
        await chooseOption(appraiser, form.getByTestId('pick-council_member'), 'Hội đồng 1', /Ủy viên Hội đồng 1/);
        await chooseOption(appraiser, form.getByTestId('pick-council_member'), 'Hội đồng 2', /Ủy viên Hội đồng 2/);
        await chooseOption(appraiser, form.getByTestId('pick-council_chair'), 'Chủ tịch', /Chủ tịch Hội đồng/);
      });
      await appraiser
        .getByTestId('council')
        .getByText(/Ủy viên Hội đồng 1/)
        .waitFor();
    });

    for (const member of ['hoidong1@khuyencong.vn', 'hoidong2@khuyencong.vn', 'chutich@khuyencong.vn']) {
      const voter = await signInAs(browser, platform.adminUrl, member);
      await step(voter, `vote-${member}`, async () => {
        await voter.goto(schemeUrl);
        await voter.getByTestId('scheme-stage').waitFor();
        await act(voter, 'vote', async (form) => form.getByLabel('Thông qua', { exact: true }).check());
      });
    }

    await step(appraiser, 'settle', async () => {
      await appraiser.reload();
      await stageIs(appraiser, 'settlement');
      const dialog = await act(appraiser, 'settle', async (form) => form.getByLabel('Số quyết toán').fill('190000000'), false);
      await dialog.locator('.ant-form-item-explain-error').first().waitFor();
      await dialog.getByLabel('Số quyết toán').fill('170000000');
      await dialog.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
      // The button moves while the error folds away: a click that landed beside it is given again (a pending
      // command shows the button loading, where a click does nothing, so nothing is sent twice).
      for (let attempt = 0; attempt < 3 && (await dialog.isVisible()); attempt += 1) {
        await dialog.getByRole('button', { name: 'Xác nhận' }).click();
        await dialog.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
      }
      await stageIs(appraiser, 'closed');
      await appraiser.getByTestId('settlement').getByText('170.000.000 đ').waitFor();
      await appraiser.getByTestId('timeline').waitFor();
    });

    await step(appraiser, 'phone-scheme', async () => {
      await appraiser.setViewportSize({ width: 390, height: 844 });
      await noPageScroll(appraiser, 390);
    });

    const scheme = await apiGet<SchemeView>(platform, OFFICER, `/api/schemes/${schemeId}`);
    expect(scheme).toMatchObject({
      stage: 'closed',
      fundingSource: 'LOCAL',
      requestedAmount: 200_000_000,
      allocatedAmount: 180_000_000,
      disbursedAmount: 170_000_000,
      contractNumber: 'HĐ 12/2026/KC-ĐL',
    });
    expect(scheme.documents).toEqual([expect.objectContaining({ kind: 'contract', fileName: 'hop-dong-12-2026.pdf' })]);
    expect(scheme.budgetLines.map((line) => [line.activityCode, line.eligibleCost, line.supportAmount])).toEqual([
      ['CLEANER_PRODUCTION_PILOT', 500_000_000, 150_000_000],
      ['CLEANER_PRODUCTION_ASSESSMENT', 80_000_000, 50_000_000],
    ]);
    expect(scheme.disbursements.map((item) => [item.kind, item.amount])).toEqual([
      ['advance', 100_000_000],
      ['payment', 50_000_000],
      ['settlement', 20_000_000],
    ]);
    expect(scheme.changes).toEqual([
      expect.objectContaining({ kind: 'adjust', status: 'approved', newAllocatedAmount: 180_000_000, newEndsOn: null }),
      expect.objectContaining({ kind: 'extend', status: 'approved', newAllocatedAmount: null, newEndsOn: '2027-03-31' }),
    ]);
    expect(scheme.endsOn).toBe('2027-03-31');
    expect(scheme.acceptances.map((item) => item.outcome)).toEqual(['accepted']);
    expect(scheme.settlement?.settledAmount).toBe(170_000_000);
  });
});
