// Issue 16: every report over provinces (consulting, recognition, their Excel exports) can be read by the units of
// their time or rolled up to today's units (`units=historical|current`, packages/reports/src/units.ts), with
// totals identical both ways.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readWorkbook, runExport } from '@khuyencong/reports';
import { WorkflowRunner } from '@khuyencong/workflow';
import { seedDemoUsers } from '../src/demo/demo-users.js';
import { seedFinanceDemo } from '../src/demo/finance.js';
import { seedSelectionDemo } from '../src/demo/selection-demo.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

const password = 'Report-Units-2026';

interface Consulting {
  units: string;
  lines: { provinceCode: string; projects: number; revenue: { vnd: number }; plan: { vnd: number } }[];
  projects: number;
  revenue: { vnd: number };
  plan: { vnd: number };
  percent: { value: number | null };
  previousRevenue: { vnd: number };
  change: { value: number | null };
  paragraph: string;
}
interface Recognition {
  units: string;
  rounds: { roundId: string; regionCode: string | null; products: number; establishments: number; expired: number; revoked: number }[];
  provinces: { provinceCode: string | null; regionCode: string | null; products: number; establishments: number; expired: number; revoked: number }[];
  paragraph: string;
}

describe('reports over provinces by the units of their time or of today', () => {
  let api: TestApi;
  let token: string;
  let inForce: Set<string>;
  let todaysRegion: Map<string, string | null>;

  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as T };
  };

  beforeAll(async () => {
    api = await startTestApi({ DOCUMENT_STORAGE_DIR: join('/tmp', `kc-report-units-${process.pid}`), LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const { dataSource } = api.database;
    await api.app.get(WorkflowRunner).definitions.publishAll(dataSource.manager);
    await dataSource.transaction((manager) => seedDemoUsers(manager));
    await dataSource.transaction((manager) => seedFinanceDemo(manager));
    await seedSelectionDemo(dataSource);
    await createUser(api, 'cuc.units@test.vn', password, [{ role: 'central_officer', scopeType: 'national', scopeId: null }]);
    const { data } = await api.client.POST('/api/auth/login', { body: { email: 'cuc.units@test.vn', password } });
    token = data!.accessToken;
    const units = await dataSource.query<{ code: string; region_code: string | null }[]>(
      `SELECT u.code, (SELECT m.region_code FROM region_memberships m WHERE m.unit_code = u.code AND m.valid_to IS NULL ORDER BY m.valid_from DESC LIMIT 1) AS region_code
         FROM administrative_units u WHERE u.level = 'province' AND u.valid_to IS NULL`,
    );
    inForce = new Set(units.map((row) => row.code));
    todaysRegion = new Map(units.map((row) => [row.code, row.region_code]));
  }, 240_000);
  afterAll(() => api.close());

  describe('consulting', () => {
    const totals = (body: Consulting) => [body.projects, body.revenue, body.plan, body.percent, body.previousRevenue, body.change, body.paragraph];
    const sumOf = (body: Consulting, codes: string[]) =>
      body.lines.filter((line) => codes.includes(line.provinceCode)).reduce((total, line) => [total[0]! + line.revenue.vnd, total[1]! + line.plan.vnd], [0, 0]);

    it('rolls province lines up to today’s provinces with identical totals', async () => {
      for (const query of ['year=2022', 'year=2022&untilMonth=7', 'year=2021', 'year=2022&regionCode=CENTRAL_HIGHLANDS']) {
        const historical = await get<Consulting>(`/api/reports/consulting?${query}`);
        const current = await get<Consulting>(`/api/reports/consulting?${query}&units=current`);
        expect([historical.status, current.status]).toEqual([200, 200]);
        expect([historical.body.units, current.body.units]).toEqual(['historical', 'current']);
        expect(current.body.revenue.vnd).toBeGreaterThan(0);
        expect(totals(current.body)).toEqual(totals(historical.body));
        // Under `current` every line is a province in force today, each once; under `historical` the old ones.
        const currentCodes = current.body.lines.map((line) => line.provinceCode);
        expect(currentCodes.filter((code) => !inForce.has(code))).toEqual([]);
        expect(new Set(currentCodes).size).toBe(currentCodes.length);
        expect(current.body.lines.length).toBeLessThan(historical.body.lines.length);
        expect(historical.body.lines.map((line) => line.provinceCode).filter((code) => inForce.has(code))).toEqual([]);
      }
      const historical = (await get<Consulting>('/api/reports/consulting?year=2022')).body;
      const current = (await get<Consulting>('/api/reports/consulting?year=2022&units=current')).body;
      expect(historical.lines.map((line) => line.provinceCode)).toEqual(expect.arrayContaining(['gia-lai', 'binh-dinh', 'dak-lak', 'phu-yen']));
      expect(sumOf(current, ['gia-lai-2025'])).toEqual(sumOf(historical, ['gia-lai', 'binh-dinh']));
      expect(sumOf(current, ['dak-lak-2025'])).toEqual(sumOf(historical, ['dak-lak', 'phu-yen']));
      // A province filter takes today's province with those it succeeded, either way: the rolled-up line's figures.
      const filtered = await get<Consulting>('/api/reports/consulting?year=2022&provinceCode=gia-lai-2025');
      const filteredCurrent = await get<Consulting>('/api/reports/consulting?year=2022&provinceCode=gia-lai-2025&units=current');
      expect([filtered.body.revenue.vnd, filtered.body.plan.vnd]).toEqual(sumOf(current, ['gia-lai-2025']));
      expect(totals(filteredCurrent.body)).toEqual(totals(filtered.body));
      expect(filteredCurrent.body.lines.map((line) => line.provinceCode)).toEqual(['gia-lai-2025']);
      expect(filtered.body.lines.map((line) => line.provinceCode).sort()).toEqual(['binh-dinh', 'gia-lai']);
    });

    it('refuses an unknown units value with 400', async () => {
      expect((await get('/api/reports/consulting?year=2022&units=today')).status).toBe(400);
      expect((await get('/api/reports/recognition?year=2022&units=today')).status).toBe(400);
    });
  });

  describe('recognition', () => {
    const count = (lines: { products: number; expired: number; revoked: number }[]) =>
      lines.reduce((total, line) => [total[0]! + line.products, total[1]! + line.expired, total[2]! + line.revoked], [0, 0, 0]);

    it('rolls province lines (and rounds’ regions) up to today’s units with identical totals', async () => {
      for (const query of ['year=2022', 'year=2022&level=region&regionCode=CENTRAL_HIGHLANDS', '']) {
        const historical = await get<Recognition>(`/api/reports/recognition?${query}`);
        const current = await get<Recognition>(`/api/reports/recognition?${query}${query ? '&' : ''}units=current`);
        expect([historical.status, current.status]).toEqual([200, 200]);
        expect([historical.body.units, current.body.units]).toEqual(['historical', 'current']);
        // The same rounds and counts either way; only the regions of the rolled-up units may differ.
        const strip = (body: Recognition) => body.rounds.map(({ regionCode: _regionCode, ...round }) => round);
        expect(strip(current.body)).toEqual(strip(historical.body));
        expect(current.body.paragraph).toBe(historical.body.paragraph);
        expect(count(historical.body.provinces)).toEqual(count(historical.body.rounds));
        expect(count(current.body.provinces)).toEqual(count(historical.body.rounds));
        const currentCodes = current.body.provinces.map((line) => line.provinceCode);
        expect(currentCodes.filter((code) => code !== null && !inForce.has(code))).toEqual([]);
        expect(new Set(currentCodes).size).toBe(currentCodes.length);
        // A rolled-up line's region is today's region of that province.
        for (const line of current.body.provinces)
          if (line.provinceCode && todaysRegion.get(line.provinceCode)) expect(line.regionCode).toBe(todaysRegion.get(line.provinceCode));
      }
      const historical = (await get<Recognition>('/api/reports/recognition?year=2022&level=region')).body;
      const current = (await get<Recognition>('/api/reports/recognition?year=2022&level=region&units=current')).body;
      expect(count(historical.rounds)[0]).toBe(124);
      const historicalCodes = historical.provinces.map((line) => line.provinceCode);
      expect(historicalCodes).toEqual(expect.arrayContaining(['gia-lai', 'dak-lak']));
      expect(current.provinces.length).toBeLessThan(historical.provinces.length);
      const products = (lines: Recognition['provinces'], codes: string[]) =>
        lines.filter((line) => codes.includes(line.provinceCode ?? '')).reduce((total, line) => total + line.products, 0);
      expect(products(current.provinces, ['gia-lai-2025'])).toBe(products(historical.provinces, ['gia-lai', 'binh-dinh']));
      expect(products(current.provinces, ['gia-lai-2025'])).toBeGreaterThan(0);
    });
  });

  describe('Excel exports', () => {
    async function exportWorkbook(kind: string, params: Record<string, unknown>) {
      const requested = await fetch(`${api.baseUrl}/api/reports/exports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind, params }),
      });
      expect(requested.status).toBe(202);
      const { id } = (await requested.json()) as { id: string };
      const [stored] = await api.database.dataSource.query<{ params: Record<string, unknown> }[]>(`SELECT params FROM report_exports WHERE id = $1`, [id]);
      // What the worker's report.export processor does (it runs the stored parameters), against the API's storage.
      const root = resolve(api.config.DOCUMENT_STORAGE_DIR);
      const outcome = await runExport(api.database.dataSource, id, async (sha256, content) => {
        const key = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
        await mkdir(dirname(join(root, key)), { recursive: true });
        await writeFile(join(root, key), content);
        return key;
      });
      expect(outcome.status).toBe('done');
      const download = await fetch(`${api.baseUrl}/api/documents/${outcome.documentId}`, { headers: { authorization: `Bearer ${token}` } });
      expect(download.status).toBe(200);
      return { params: stored!.params, sheets: await readWorkbook(Buffer.from(await download.arrayBuffer())) };
    }
    const keys = (rows: (string | number | null)[][]) => rows.map((cells) => cells[0]).filter((key): key is string => typeof key === 'string');

    it('exports consulting by today’s provinces under units=current, with the same total row', async () => {
      const historical = await exportWorkbook('consulting', { year: 2022 });
      const current = await exportWorkbook('consulting', { year: 2022, units: 'current' });
      expect(historical.params.units).toBe('historical');
      expect(current.params.units).toBe('current');
      const before = historical.sheets['Tư vấn']!;
      const after = current.sheets['Tư vấn']!;
      expect(keys(before)).toEqual(expect.arrayContaining(['gia-lai', 'binh-dinh']));
      expect(keys(after)).toEqual(expect.arrayContaining(['gia-lai-2025', 'dak-lak-2025']));
      expect(keys(after).filter((key) => ['gia-lai', 'binh-dinh', 'dak-lak', 'phu-yen'].includes(key))).toEqual([]);
      const row = (rows: (string | number | null)[][], key: string) => rows.find((cells) => cells[0] === key);
      expect(row(after, 'TOTAL')).toEqual(row(before, 'TOTAL'));
      expect(row(after, 'PREVIOUS')).toEqual(row(before, 'PREVIOUS'));
      expect(after.some((cells) => String(cells[0]).includes('quy về đơn vị hành chính hiện nay'))).toBe(true);
      const body = (await get<Consulting>('/api/reports/consulting?year=2022&units=current')).body;
      const lineKeys = keys(after).filter((key) => inForce.has(key));
      expect(lineKeys).toEqual(body.lines.map((line) => line.provinceCode));
    });

    it('exports recognition by today’s provinces under units=current, with the same totals', async () => {
      const historical = await exportWorkbook('recognition', { year: 2022, level: 'region' });
      const current = await exportWorkbook('recognition', { year: 2022, level: 'region', units: 'current' });
      expect(current.params.units).toBe('current');
      const before = historical.sheets['Theo tỉnh']!;
      const after = current.sheets['Theo tỉnh']!;
      expect(keys(before)).toEqual(expect.arrayContaining(['gia-lai', 'dak-lak']));
      expect(keys(after)).toEqual(expect.arrayContaining(['gia-lai-2025']));
      expect(keys(after).filter((key) => ['gia-lai', 'binh-dinh', 'dak-lak', 'phu-yen'].includes(key))).toEqual([]);
      const total = (rows: (string | number | null)[][]) => rows.find((cells) => cells[0] === 'TOTAL');
      expect(total(after)).toEqual(total(before));
      expect(total(after)?.[3]).toBe(124);
      expect(current.sheets['Sản phẩm tiêu biểu']!.length).toBe(historical.sheets['Sản phẩm tiêu biểu']!.length);
    });
  });
});
