// Issue 17, items 1–3: a grant's scope counts only for the role it was given with (users holding several grants),
// a round's results only for those who cover the round, and report aggregates never show what the records hide.
import { DefinitionRegistry } from '@khuyencong/workflow';
import { seedDemoUsers } from '../src/demo/demo-users.js';
import { seedFinanceDemo } from '../src/demo/finance.js';
import { seedSelectionDemo } from '../src/demo/selection-demo.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

const DEMO_PASSWORD = 'KhuyenCong2026';
const DEMO_ESTABLISHMENT = '5f0c2a8e-0b7a-4d43-9a55-1d2b3c4d5e01';

describe('scope with several grants: rounds results, consulting, plans and reports', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  async function login(email: string, password = DEMO_PASSWORD): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
    if (!data) throw new Error(`login failed for ${email}`);
    return data.accessToken;
  }

  async function call<T = unknown>(who: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens[who]!}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    const { dataSource } = api.database;
    await new DefinitionRegistry().publishAll(dataSource.manager);
    await dataSource.transaction((manager) => seedDemoUsers(manager));
    await dataSource.transaction((manager) => seedFinanceDemo(manager));
    await seedSelectionDemo(dataSource);
    const password = 'Multi-Grant-2026';
    await createUser(api, 'daklak.judge@test.vn', password, [
      { role: 'provincial_officer', scopeType: 'province', scopeId: 'dak-lak' },
      { role: 'judge', scopeType: 'national', scopeId: null },
    ]);
    await createUser(api, 'gialai.signer.applicant@test.vn', password, [
      { role: 'signer', scopeType: 'province', scopeId: 'gia-lai' },
      { role: 'applicant', scopeType: 'establishment', scopeId: DEMO_ESTABLISHMENT },
    ]);
    await createUser(api, 'central.region@test.vn', password, [{ role: 'central_officer', scopeType: 'region', scopeId: 'CENTRAL_HIGHLANDS' }]);
    // Today's Đắk Lắk (since 2025-07-01): the 2026 round is organised in the unit in force by an officer granted on it.
    await createUser(api, 'daklak2025.officer@test.vn', password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'dak-lak-2025' }]);
    tokens.mixed = await login('daklak.judge@test.vn', password);
    tokens.signerApplicant = await login('gialai.signer.applicant@test.vn', password);
    tokens.regionCentral = await login('central.region@test.vn', password);
    tokens.officerDakLak2025 = await login('daklak2025.officer@test.vn', password);
    tokens.officerDakLak = await login('so.daklak@khuyencong.vn');
    tokens.signerGiaLai = await login('lanhdao.gialai@khuyencong.vn');
    tokens.signerNational = await login('lanhdao.cuc@khuyencong.vn');
    tokens.central = await login('cuc@khuyencong.vn');

    const one = async (sql: string, params: unknown[] = []) => (await dataSource.query<{ id: string }[]>(sql, params))[0]!.id;
    ids.planGiaLai = await one(`SELECT id FROM annual_plans WHERE province_code = 'gia-lai' LIMIT 1`);
    ids.planDakLak = await one(`SELECT id FROM annual_plans WHERE province_code = 'dak-lak' LIMIT 1`);
    ids.engagementGiaLai = await one(`SELECT id FROM consulting_engagements WHERE province_code = 'gia-lai' LIMIT 1`);
    ids.regional2022 = await one(`SELECT id FROM rounds WHERE level = 'region' AND year = 2022`);
    ids.giaLai2024 = await one(`SELECT id FROM rounds WHERE level = 'province' AND scope_code = 'gia-lai'`);
    const created = await call<{ id: string }>('officerDakLak2025', 'POST', '/api/rounds', {
      name: 'Bình chọn sản phẩm tiêu biểu tỉnh Đắk Lắk 2026',
      level: 'province',
      year: 2026,
      scopeCode: 'dak-lak-2025',
      registrationOpensAt: '2026-03-01T00:00:00.000Z',
      registrationClosesAt: '2026-05-01T00:00:00.000Z',
    });
    if (created.status !== 201) throw new Error(`round not created: ${created.status} ${JSON.stringify(created.body)}`);
    ids.dakLak2026 = created.body.id;
  }, 240_000);
  afterAll(() => api.close());

  describe('item 1: a grant counts only for its own role', () => {
    it('keeps a Đắk Lắk officer who is also a national judge out of Gia Lai plans', async () => {
      expect((await call('mixed', 'GET', `/api/plans/${ids.planGiaLai}`)).status).toBe(404);
      expect((await call('mixed', 'POST', `/api/plans/${ids.planGiaLai}/adjustments`, { amount: 1, reason: 'Kiểm tra phạm vi' })).status).toBe(404);
      expect((await call('mixed', 'GET', `/api/plans/${ids.planDakLak}`)).status).toBe(200);
      const list = await call<{ items: { provinceCode: string | null }[] }>('mixed', 'GET', '/api/plans');
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      expect(new Set(list.body.items.map((item) => item.provinceCode))).toEqual(new Set(['dak-lak']));
    });

    it('keeps the same user out of Gia Lai consulting (plans, engagements, revenues)', async () => {
      expect((await call('mixed', 'PUT', '/api/consulting/plans/gia-lai/2022', { amount: 1_000_000 })).status).toBe(403);
      // Its own (old) Đắk Lắk, in a year the province was in force (from 2025-07-01 it is dak-lak-2025's).
      expect((await call('mixed', 'PUT', '/api/consulting/plans/dak-lak/2024', { amount: 1_000_000 })).status).toBe(200);
      const engagement = {
        provinceCode: 'gia-lai',
        centreName: 'Trung tâm Khuyến công Gia Lai',
        clientName: 'Cơ sở A',
        service: 'Tư vấn',
        contractValue: 10_000_000,
        signedOn: '2022-03-01',
      };
      expect((await call('mixed', 'POST', '/api/consulting/engagements', engagement)).status).toBe(403);
      expect((await call('mixed', 'POST', `/api/consulting/engagements/${ids.engagementGiaLai}/revenues`, { period: '2022-05', amount: 1 })).status).toBe(404);
      expect((await call('mixed', 'GET', `/api/consulting/engagements/${ids.engagementGiaLai}`)).status).toBe(404);
      const list = await call<{ items: { provinceCode: string }[] }>('mixed', 'GET', '/api/consulting/engagements');
      expect(list.body.items.every((item) => item.provinceCode === 'dak-lak')).toBe(true);
    });

    it('does not let an applicant grant widen a provincial signer, nor a signer grant widen the applicant', async () => {
      // The signer of Gia Lai reads Gia Lai plans, not Đắk Lắk's; the applicant grant adds no province.
      expect((await call('signerApplicant', 'GET', `/api/plans/${ids.planGiaLai}`)).status).toBe(200);
      expect((await call('signerApplicant', 'GET', `/api/plans/${ids.planDakLak}`)).status).toBe(404);
    });
  });

  describe('item 2: round results only for those who cover the round', () => {
    it('refuses the Gia Lai signer the regional round and a Đắk Lắk round, but not Gia Lai’s own', async () => {
      expect((await call('signerGiaLai', 'GET', `/api/rounds/${ids.regional2022}/results`)).status).toBe(404);
      expect((await call('signerGiaLai', 'GET', `/api/rounds/${ids.dakLak2026}/results`)).status).toBe(404);
      expect((await call('signerGiaLai', 'GET', `/api/rounds/${ids.giaLai2024}/results`)).status).toBe(200);
      expect((await call('signerApplicant', 'GET', `/api/rounds/${ids.regional2022}/results`)).status).toBe(404);
    });

    it('lets the national signer, the organisers and a region-scoped central officer read what they cover', async () => {
      const regional = await call<{ items: unknown[] }>('signerNational', 'GET', `/api/rounds/${ids.regional2022}/results`);
      expect(regional.status).toBe(200);
      expect(regional.body.items.length).toBeGreaterThan(100);
      expect((await call('central', 'GET', `/api/rounds/${ids.regional2022}/results`)).status).toBe(200);
      expect((await call('regionCentral', 'GET', `/api/rounds/${ids.regional2022}/results`)).status).toBe(200);
      expect((await call('officerDakLak2025', 'GET', `/api/rounds/${ids.dakLak2026}/results`)).status).toBe(200);
      expect((await call('officerDakLak', 'GET', `/api/rounds/${ids.giaLai2024}/results`)).status).toBe(404);
      expect((await call('mixed', 'GET', `/api/rounds/${ids.regional2022}/results`)).status).toBe(404);
    });
  });

  describe('item 3: report aggregates follow the caller’s scope', () => {
    type Consulting = { lines: { provinceCode: string; revenue: { vnd: number } }[]; revenue: { vnd: number } };
    type PlanActual = { lines: { key: string; plan: { vnd: number }; actual: { vnd: number } }[]; total: { plan: { vnd: number }; actual: { vnd: number } } };

    it('refuses another province’s figures outright (403)', async () => {
      for (const who of ['officerDakLak', 'mixed']) {
        expect((await call(who, 'GET', '/api/reports/consulting?year=2022&provinceCode=gia-lai')).status).toBe(403);
        expect((await call(who, 'GET', '/api/reports/plan-vs-actual?year=2022&provinceCode=gia-lai')).status).toBe(403);
        expect((await call(who, 'POST', '/api/reports/exports', { kind: 'consulting', params: { year: 2022, provinceCode: 'gia-lai' } })).status).toBe(403);
      }
      expect((await call('signerApplicant', 'GET', '/api/reports/consulting?year=2022&provinceCode=dak-lak')).status).toBe(403);
    });

    it('filters roll-ups to the caller’s provinces', async () => {
      // The demo Đắk Lắk officer is granted on today's Đắk Lắk (dak-lak-2025): its provinces of 2022 are old Đắk Lắk and Phú Yên.
      const consulting = await call<Consulting>('officerDakLak', 'GET', '/api/reports/consulting?year=2022&regionCode=CENTRAL_HIGHLANDS');
      expect(consulting.status).toBe(200);
      expect(consulting.body.lines.map((line) => line.provinceCode)).toEqual(['dak-lak', 'phu-yen']);
      const own = await call<Consulting>('officerDakLak', 'GET', '/api/reports/consulting?year=2022&provinceCode=dak-lak');
      const succeeded = await call<Consulting>('officerDakLak', 'GET', '/api/reports/consulting?year=2022&provinceCode=phu-yen');
      expect(succeeded.status).toBe(200);
      expect(consulting.body.revenue.vnd).toBe(own.body.revenue.vnd + succeeded.body.revenue.vnd);

      const byProvince = await call<PlanActual>('mixed', 'GET', '/api/reports/plan-vs-actual?year=2022&groupBy=province');
      expect(byProvince.status).toBe(200);
      expect(byProvince.body.lines.map((line) => line.key)).toEqual(['dak-lak']);
      const bySource = await call<PlanActual>('officerDakLak', 'GET', '/api/reports/plan-vs-actual?year=2022');
      const ownPlan = await call<PlanActual>('officerDakLak', 'GET', '/api/reports/plan-vs-actual?year=2022&provinceCode=dak-lak');
      const succeededPlan = await call<PlanActual>('officerDakLak', 'GET', '/api/reports/plan-vs-actual?year=2022&provinceCode=phu-yen');
      expect(succeededPlan.status).toBe(200);
      expect(bySource.body.total.plan.vnd).toBe(ownPlan.body.total.plan.vnd + succeededPlan.body.total.plan.vnd);
      expect(bySource.body.total.actual.vnd).toBe(ownPlan.body.total.actual.vnd + succeededPlan.body.total.actual.vnd);
      // A grant on old Đắk Lắk alone (dated before the reform) still rolls up to old Đắk Lắk only.
      const oldOnly = await call<PlanActual>('mixed', 'GET', '/api/reports/plan-vs-actual?year=2022');
      expect(oldOnly.body.total).toEqual(ownPlan.body.total);
      const giaLai = await call<PlanActual>('signerApplicant', 'GET', '/api/reports/plan-vs-actual?year=2022&groupBy=province');
      expect(giaLai.body.lines.map((line) => line.key)).toEqual(['gia-lai']);
    });

    it('keeps regional summaries for national and region scopes', async () => {
      expect((await call('officerDakLak', 'GET', '/api/reports/region-summary?regionCode=CENTRAL_HIGHLANDS&year=2022')).status).toBe(403);
      expect((await call('officerDakLak', 'GET', '/api/reports/reconciliation?regionCode=CENTRAL_HIGHLANDS&year=2021')).status).toBe(403);
      expect((await call('regionCentral', 'GET', '/api/reports/region-summary?regionCode=CENTRAL_HIGHLANDS&year=2022')).status).toBe(200);
      expect((await call('regionCentral', 'GET', '/api/reports/region-summary?regionCode=NORTH&year=2022')).status).toBe(403);
      expect((await call('central', 'GET', '/api/reports/region-summary?regionCode=CENTRAL_HIGHLANDS&year=2022')).status).toBe(200);
      const region = await call<Consulting>('regionCentral', 'GET', '/api/reports/consulting?year=2022&regionCode=CENTRAL_HIGHLANDS');
      expect(region.body.lines.length).toBeGreaterThan(1);
    });

    it('counts only the caller’s provinces in the recognition report', async () => {
      type Recognition = { rounds: { products: number }[] };
      const all = await call<Recognition>('central', 'GET', '/api/reports/recognition?year=2022&level=region');
      const own = await call<Recognition>('officerDakLak', 'GET', '/api/reports/recognition?year=2022&level=region');
      expect(own.status).toBe(200);
      expect(own.body.rounds).toHaveLength(1);
      expect(own.body.rounds[0]!.products).toBeGreaterThan(0);
      expect(own.body.rounds[0]!.products).toBeLessThan(all.body.rounds[0]!.products);
    });
  });
});
