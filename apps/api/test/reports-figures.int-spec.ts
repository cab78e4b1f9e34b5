// Every figure of the Central–Highlands conference report (article-figures.json) read back from the report API
// and from the exported workbook, over the demo data set (63 provinces of finance data, the selection rounds).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { formatDecimalVi, readWorkbook, runExport } from '@khuyencong/reports';
import { WorkflowRunner } from '@khuyencong/workflow';
import { seedDemoUsers } from '../src/demo/demo-users.js';
import { seedFinanceDemo } from '../src/demo/finance.js';
import { seedSelectionDemo } from '../src/demo/selection-demo.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

/** The article's figures (a copy: the platform never reads shared/ at run time). Money in tỷ đồng. */
const article = {
  year2021: {
    total: { plan: 51.23 },
    national: { actual: 11.07, plan: 11.14, percent: 99.37, share: 14.71 },
    local: { actual: 37.73, plan: 40.09, percent: 94.11, share: 23.76 },
  },
  first7Months2022: {
    total: { actual: 20.7, percent: 28.44, rateChange: 62.15 },
    national: { actual: 3.54, percent: 12.11 },
    local: { actual: 17.17, percent: 39.38 },
  },
  consulting: { projects: 59, revenue: 4.78, percent: 44.18, change: -32.19 },
  regionalRecognition2022: { productsOrSets: 124, establishments: 120 },
};
const billions = (value: number) => `${formatDecimalVi(value)} tỷ đồng`;
const pct = (value: number) => `${formatDecimalVi(value)} %`;
const password = 'Report-Password-2026';

describe('conference figures from the demo data', () => {
  let api: TestApi;
  let token: string;

  beforeAll(async () => {
    api = await startTestApi({ DOCUMENT_STORAGE_DIR: join('/tmp', `kc-reports-${process.pid}`) });
    await api.app.get(WorkflowRunner).definitions.publishAll(api.database.dataSource.manager);
    // The demo as `seed demo` loads it: accounts, finance data, the selection rounds.
    await api.database.dataSource.transaction((manager) => seedDemoUsers(manager));
    await api.database.dataSource.transaction((manager) => seedFinanceDemo(manager));
    await seedSelectionDemo(api.database.dataSource);
    await createUser(api, 'cuc@test.vn', password, [{ role: 'central_officer', scopeType: 'national', scopeId: null }]);
    const { data } = await api.client.POST('/api/auth/login', { body: { email: 'cuc@test.vn', password } });
    token = data!.accessToken;
  }, 180_000);
  afterAll(() => api.close());

  function get<T>(path: string): Promise<{ status: number; body: T }> {
    return fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as T,
    }));
  }

  interface Line {
    key: string;
    plan: { printed: string };
    actual: { printed: string };
    percent: { printed: string };
    share?: { printed: string };
  }
  interface Summary {
    provinceCount: number;
    sources: Line[];
    total: Line;
    rateChange: { printed: string };
    paragraph: string;
  }

  it('gives data to all 63 provinces of 2021 and 2022', async () => {
    const report = await get<{ lines: unknown[] }>('/api/reports/plan-vs-actual?year=2021&groupBy=province');
    expect(report.status).toBe(200);
    expect(report.body.lines).toHaveLength(63);
    const regions = await get<{ lines: { key: string }[] }>('/api/reports/plan-vs-actual?year=2022&groupBy=region');
    expect(regions.body.lines.map((line) => line.key)).toEqual(['CENTRAL_HIGHLANDS', 'NORTH', 'SOUTH']);
  });

  it('prints the 2021 national and local figures, the plan, the shares, and 48,80 (95,26 %) as the total', async () => {
    const { status, body } = await get<Summary>('/api/reports/region-summary?regionCode=CENTRAL_HIGHLANDS&year=2021');
    expect(status).toBe(200);
    expect(body.provinceCount).toBe(15);
    const national = body.sources.find((line) => line.key === 'NATIONAL')!;
    const local = body.sources.find((line) => line.key === 'LOCAL')!;
    const a = article.year2021;
    expect([national.actual.printed, national.plan.printed, national.percent.printed, national.share!.printed]).toEqual([
      billions(a.national.actual),
      billions(a.national.plan),
      pct(a.national.percent),
      pct(a.national.share),
    ]);
    expect([local.actual.printed, local.plan.printed, local.percent.printed, local.share!.printed]).toEqual([
      billions(a.local.actual),
      billions(a.local.plan),
      pct(a.local.percent),
      pct(a.local.share),
    ]);
    expect(body.total.plan.printed).toBe(billions(a.total.plan));
    expect(body.total.actual.printed).toBe('48,80 tỷ đồng');
    expect(body.total.percent.printed).toBe('95,26 %');
    expect(body.paragraph).toContain('48,80/51,23 tỷ đồng kế hoạch, đạt 95,26 %');
    expect(body.paragraph).toContain('kinh phí khuyến công quốc gia 11,07/11,14 tỷ đồng, đạt 99,37 % (chiếm 14,71 %');
  });

  it('prints January–July 2022 against the year plan and 62,15 % above the rate of January–July 2021', async () => {
    const { body } = await get<Summary>('/api/reports/region-summary?regionCode=CENTRAL_HIGHLANDS&year=2022&until=2022-07-31');
    const p = article.first7Months2022;
    const national = body.sources.find((line) => line.key === 'NATIONAL')!;
    const local = body.sources.find((line) => line.key === 'LOCAL')!;
    expect([body.total.actual.printed, body.total.percent.printed, body.rateChange.printed]).toEqual([
      billions(p.total.actual),
      pct(p.total.percent),
      pct(p.total.rateChange),
    ]);
    expect([national.actual.printed, national.percent.printed]).toEqual([billions(p.national.actual), pct(p.national.percent)]);
    expect([local.actual.printed, local.percent.printed]).toEqual([billions(p.local.actual), pct(p.local.percent)]);
    expect(body.paragraph).toContain(
      '7 tháng đầu năm 2022, tổng kinh phí khuyến công thực hiện của 15 tỉnh, thành phố khu vực miền Trung - Tây Nguyên là 20,70 tỷ đồng, đạt 28,44 % kế hoạch năm',
    );
    expect(body.paragraph).toContain('So với tỷ lệ thực hiện 7 tháng đầu năm 2021 cao hơn 62,15 %.');
  });

  it('prints consulting revenue: 59 projects, 4,78 tỷ, 44,18 % of plan, 32,19 % below January–July 2021', async () => {
    const { body } = await get<{
      projects: number;
      revenue: { printed: string };
      percent: { printed: string };
      change: { printed: string };
      paragraph: string;
    }>('/api/reports/consulting?year=2022&untilMonth=7&regionCode=CENTRAL_HIGHLANDS');
    const c = article.consulting;
    expect([body.projects, body.revenue.printed, body.percent.printed, body.change.printed]).toEqual([
      c.projects,
      billions(c.revenue),
      pct(c.percent),
      pct(c.change),
    ]);
    expect(body.paragraph).toContain('59 dự án tư vấn, doanh thu 4,78 tỷ đồng, đạt 44,18 % kế hoạch năm, giảm 32,19 % so với cùng kỳ năm 2021');
  });

  it('counts 124 products or sets of 120 establishments recognised in the region’s 2022 regional round', async () => {
    const { status, body } = await get<{
      rounds: { level: string; year: number; regionCode: string; products: number; establishments: number }[];
      paragraph: string;
    }>('/api/reports/recognition?year=2022&level=region&regionCode=CENTRAL_HIGHLANDS');
    expect(status).toBe(200);
    const r = article.regionalRecognition2022;
    expect(body.rounds).toEqual([
      expect.objectContaining({ level: 'region', year: 2022, regionCode: 'CENTRAL_HIGHLANDS', products: r.productsOrSets, establishments: r.establishments }),
    ]);
    expect(body.paragraph).toBe('Năm 2022, 124 sản phẩm/bộ sản phẩm của 120 cơ sở được công nhận sản phẩm công nghiệp nông thôn tiêu biểu cấp khu vực.');
  });

  it('explains in the reconciliation view why the article’s 48,79 is 0,01 below the sum of its lines', async () => {
    const { status, body } = await get<{
      totals: { name: string; totalPrinted: string; linesPrintedSum: string; gapPrinted: string; explanation: string }[];
      plans: unknown[];
    }>('/api/reports/reconciliation?regionCode=CENTRAL_HIGHLANDS&year=2021&publishedTotal=48,79');
    expect(status).toBe(200);
    const actual = body.totals.find((total) => total.name === 'actual')!;
    expect(actual).toMatchObject({ totalPrinted: '48,80', linesPrintedSum: '48,80', gapPrinted: '-0,01' });
    expect(actual.explanation).toContain('Số đã công bố 48,79 tỷ đồng thấp hơn tổng các dòng (37,73 + 11,07 = 48,80) 0,01 tỷ đồng');
    expect(body.plans).toEqual([]);
  });

  it('refuses malformed report parameters with 400 and unknown regions with 404', async () => {
    expect((await get('/api/reports/region-summary?regionCode=CENTRAL_HIGHLANDS&year=20x1')).status).toBe(400);
    expect((await get('/api/reports/region-summary?regionCode=NOWHERE&year=2021')).status).toBe(404);
    expect((await get('/api/reports/reconciliation?regionCode=CENTRAL_HIGHLANDS&year=2021&publishedTotal=48.79')).status).toBe(400);
  });

  it('exports the region summary to an .xlsx with progress, and the workbook read back prints the same figures', async () => {
    const requested = await fetch(`${api.baseUrl}/api/reports/exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'region-summary', params: { regionCode: 'CENTRAL_HIGHLANDS', year: 2021 } }),
    });
    expect(requested.status).toBe(202);
    const queued = (await requested.json()) as { id: string; status: string; progress: number };
    expect(queued).toMatchObject({ status: 'queued', progress: 0 });
    const [outbox] = await api.database.dataSource.query<{ payload: { exportId: string } }[]>(`SELECT payload FROM outbox WHERE effect_type = 'report.export'`);
    expect(outbox?.payload.exportId).toBe(queued.id);

    // What the worker's report.export processor does, against the API's storage directory.
    const root = resolve(api.config.DOCUMENT_STORAGE_DIR);
    await runExport(api.database.dataSource, queued.id, async (sha256, content) => {
      const key = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
      await mkdir(dirname(join(root, key)), { recursive: true });
      await writeFile(join(root, key), content);
      return key;
    });
    const done = await get<{ status: string; progress: number; downloadUrl: string }>(`/api/reports/exports/${queued.id}`);
    expect(done.body).toMatchObject({ status: 'done', progress: 100 });
    const download = await fetch(`${api.baseUrl}${done.body.downloadUrl}`, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    const sheets = await readWorkbook(Buffer.from(await download.arrayBuffer()));
    const rows = sheets['Tổng hợp khu vực']!;
    const row = (key: string) => rows.find((cells) => cells[0] === key)!;
    const vi = (value: string | number | null | undefined) => formatDecimalVi(Number(value));
    const a = article.year2021;
    expect(row('NATIONAL').slice(2).map(vi)).toEqual([a.national.plan, a.national.actual, a.national.percent, a.national.share].map(formatDecimalVi));
    expect(row('LOCAL').slice(2).map(vi)).toEqual([a.local.plan, a.local.actual, a.local.percent, a.local.share].map(formatDecimalVi));
    expect(row('TOTAL').slice(2, 5).map(vi)).toEqual(['51,23', '48,80', '95,26']);
    expect(String(rows[1]![0])).toContain('đạt 95,26 %');
  });

  it('answers 404 for another user’s export', async () => {
    await createUser(api, 'other@test.vn', password, [{ role: 'central_officer', scopeType: 'national', scopeId: null }]);
    const { data } = await api.client.POST('/api/auth/login', { body: { email: 'other@test.vn', password } });
    const [row] = await api.database.dataSource.query<{ id: string }[]>(`SELECT id FROM report_exports LIMIT 1`);
    const response = await fetch(`${api.baseUrl}/api/reports/exports/${row!.id}`, { headers: { authorization: `Bearer ${data!.accessToken}` } });
    expect(response.status).toBe(404);
  });
});
