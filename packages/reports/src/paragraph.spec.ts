import { consultingParagraph, fundsParagraph, periodLabel, recognitionParagraph } from './paragraph.js';
import { buildWorkbook, readWorkbook } from './workbook.js';
import { type RegionSummary } from './region-summary.js';

const line = (key: string, label: string, plan: bigint, actual: bigint, percent: bigint, nationwide: bigint, share: bigint) => ({
  key,
  label,
  planVnd: plan,
  actualVnd: actual,
  percent,
  nationwideActualVnd: nationwide,
  sharePercent: share,
});

const year2021: RegionSummary = {
  regionCode: 'CENTRAL_HIGHLANDS',
  regionName: 'Khu vực miền Trung - Tây Nguyên',
  provinceCount: 15,
  year: 2021,
  until: '2021-12-31',
  sources: [
    line('LOCAL', 'Kinh phí khuyến công địa phương', 40_090_000_000n, 37_730_000_000n, 9411n, 158_800_000_000n, 2376n),
    line('NATIONAL', 'Kinh phí khuyến công quốc gia', 11_140_000_000n, 11_070_000_000n, 9937n, 75_250_000_000n, 1471n),
  ],
  total: { key: 'TOTAL', label: 'Tổng cộng', planVnd: 51_230_000_000n, actualVnd: 48_800_000_000n, percent: 9526n },
  previous: { year: 2020, until: '2020-12-31', planVnd: 0n, actualVnd: 0n, percent: null },
  rateChangePercent: null,
};

describe('periodLabel', () => {
  it.each([
    [2021, '2021-12-31', 'Năm 2021'],
    [2022, '2022-07-31', '7 tháng đầu năm 2022'],
    [2022, '2022-08-15', 'Từ đầu năm 2022 đến ngày 15/08/2022'],
  ])('labels %p up to %p as %p', (year, until, expected) => {
    expect(periodLabel(year, until)).toBe(expected);
  });
});

describe('paragraphs in the style of the conference report', () => {
  it('gives a whole year with each source, its rate and its share of the nationwide funds', () => {
    const text = fundsParagraph(year2021);
    expect(text).toContain(
      'Năm 2021, tổng kinh phí khuyến công thực hiện của 15 tỉnh, thành phố khu vực miền Trung - Tây Nguyên là 48,80/51,23 tỷ đồng kế hoạch, đạt 95,26 %',
    );
    expect(text).toContain('kinh phí khuyến công quốc gia 11,07/11,14 tỷ đồng, đạt 99,37 % (chiếm 14,71 % kinh phí khuyến công quốc gia cả nước)');
    expect(text).toContain('kinh phí khuyến công địa phương 37,73/40,09 tỷ đồng, đạt 94,11 % (chiếm 23,76 %');
  });

  it('gives a period-to-date against the year plan and the change of the execution rate', () => {
    const text = fundsParagraph({
      ...year2021,
      year: 2022,
      until: '2022-07-31',
      rateChangePercent: 6215n,
      previous: { ...year2021.previous, year: 2021, until: '2021-07-31' },
    });
    expect(text).toContain('7 tháng đầu năm 2022, tổng kinh phí');
    expect(text).toContain('đạt 95,26 % kế hoạch năm');
    expect(text).toContain('So với tỷ lệ thực hiện 7 tháng đầu năm 2021 cao hơn 62,15 %.');
  });

  it('says "giảm" for a fall in consulting revenue and names the round level', () => {
    const consulting = consultingParagraph({
      filter: { year: 2022, untilMonth: 7 },
      lines: [],
      projects: 59,
      revenueVnd: 4_780_000_000n,
      planVnd: 10_820_000_000n,
      percent: 4418n,
      previousRevenueVnd: 7_049_000_000n,
      changePercent: -3219n,
    });
    expect(consulting).toBe(
      '7 tháng đầu năm 2022, các Trung tâm Khuyến công thực hiện 59 dự án tư vấn, doanh thu 4,78 tỷ đồng, đạt 44,18 % kế hoạch năm, giảm 32,19 % so với cùng kỳ năm 2021.',
    );
    expect(
      recognitionParagraph([
        {
          roundId: 'r',
          level: 'region',
          year: 2022,
          regionCode: 'CENTRAL_HIGHLANDS',
          products: 124,
          establishments: 120,
          recognised: 124,
          expired: 0,
          revoked: 0,
        },
      ]),
    ).toBe('Năm 2022, 124 sản phẩm/bộ sản phẩm của 120 cơ sở được công nhận sản phẩm công nghiệp nông thôn tiêu biểu cấp khu vực.');
  });
});

describe('workbook', () => {
  it('writes a real xlsx whose cells read back as the printed figures, and reports progress per sheet', async () => {
    const progress: number[] = [];
    const content = await buildWorkbook(
      [
        {
          name: 'A',
          title: 'Tiêu đề',
          paragraphs: ['Đoạn văn'],
          columns: [
            { key: 'label', header: 'Nhóm', kind: 'text' },
            { key: 'actual', header: 'Thực hiện', kind: 'billions' },
            { key: 'percent', header: 'Tỷ lệ', kind: 'percent' },
          ],
          rows: [{ label: 'Quốc gia', actual: 11_070_000_000n, percent: 9937n }],
        },
        { name: 'B', title: 'Hai', paragraphs: [], columns: [{ key: 'n', header: 'N', kind: 'count' }], rows: [{ n: 124 }] },
      ],
      async (done) => {
        progress.push(done);
        await Promise.resolve();
      },
    );
    expect(content.subarray(0, 2).toString()).toBe('PK');
    const sheets = await readWorkbook(content);
    expect(sheets.A![0]).toEqual(['Tiêu đề']);
    expect(sheets.A![1]).toEqual(['Đoạn văn']);
    expect(sheets.A![4]).toEqual(['Quốc gia', 11.07, 99.37]);
    expect(sheets.B![3]).toEqual([124]);
    expect(progress).toEqual([1, 2]);
  });
});
