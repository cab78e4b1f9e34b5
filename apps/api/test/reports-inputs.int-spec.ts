// The inputs of the reports: plan adjustments as versions (and the reconciliation view that shows them), and
// consulting engagements with revenue by month against a yearly plan.
import { seedFinanceDemo } from '../src/demo/finance.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

const password = 'Inputs-Password-2026';

describe('plans and consulting feed the reports', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    await api.database.dataSource.transaction((manager) => seedFinanceDemo(manager));
    const people = {
      kontum: ['kontum@test.vn', 'provincial_officer', 'province', 'kon-tum'],
      daklak: ['daklak@test.vn', 'provincial_officer', 'province', 'dak-lak'],
      central: ['cuc@test.vn', 'central_officer', 'national', null],
    } as const;
    for (const [name, [email, role, scopeType, scopeId]] of Object.entries(people)) {
      await createUser(api, email, password, [{ role, scopeType, scopeId }]);
      tokens[name] = (await api.client.POST('/api/auth/login', { body: { email, password } })).data!.accessToken;
    }
  }, 60_000);
  afterAll(() => api.close());

  async function call<T>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  interface Plan {
    id: string;
    provinceCode: string | null;
    fundingSource: string;
    amount: number;
    allocations: number;
    currentVersion: number;
    versions: { version: number; kind: string; amount: number }[];
  }

  it('keeps an adjustment as a new version, shows it in the plan-vs-actual report and explains it in the reconciliation view', async () => {
    const list = await call<{ items: Plan[] }>(tokens.kontum!, 'GET', '/api/plans?year=2021');
    expect(list.status).toBe(200);
    expect(new Set(list.body.items.map((plan) => plan.provinceCode))).toEqual(new Set(['kon-tum']));
    const local = list.body.items.find((plan) => plan.fundingSource === 'LOCAL')!;
    const national = list.body.items.find((plan) => plan.fundingSource === 'NATIONAL')!;
    expect(local.amount).toBe(local.allocations);

    const adjusted = await call<Plan>(tokens.kontum!, 'POST', `/api/plans/${local.id}/adjustments`, {
      amount: local.amount + 100_000_000,
      reason: 'Bổ sung kinh phí giữa năm',
    });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body.versions.map((version) => [version.version, version.kind])).toEqual([
      [1, 'derived'],
      [2, 'adjustment'],
    ]);
    expect(adjusted.body).toMatchObject({ currentVersion: 2, amount: local.amount + 100_000_000, allocations: local.allocations });

    expect((await call(tokens.kontum!, 'POST', `/api/plans/${national.id}/adjustments`, { amount: 1, reason: 'x' })).status).toBe(403);
    expect((await call(tokens.daklak!, 'GET', `/api/plans/${local.id}`)).status).toBe(404);

    const report = await call<{ lines: { key: string; plan: { vnd: number } }[] }>(
      tokens.central!,
      'GET',
      '/api/reports/plan-vs-actual?year=2021&groupBy=province&fundingSource=LOCAL&provinceCode=kon-tum',
    );
    expect(report.body.lines).toHaveLength(1);
    expect(report.body.lines[0]).toMatchObject({ key: 'kon-tum', plan: { vnd: local.amount + 100_000_000 } });
    const reconciliation = await call<{ plans: { provinceCode: string; difference: { vnd: number } }[] }>(
      tokens.central!,
      'GET',
      '/api/reports/reconciliation?regionCode=CENTRAL_HIGHLANDS&year=2021',
    );
    expect(reconciliation.body.plans).toHaveLength(1);
    expect(reconciliation.body.plans[0]).toMatchObject({ provinceCode: 'kon-tum', fundingSource: 'LOCAL', difference: { vnd: 100_000_000 } });
  });

  it('records consulting engagements and monthly revenue against the plan, refusing revenue above the contract', async () => {
    const created = await call<{ id: string }>(tokens.kontum!, 'POST', '/api/consulting/engagements', {
      provinceCode: 'kon-tum',
      centreName: 'Trung tâm Khuyến công Kon Tum',
      clientName: 'Công ty TNHH Sâm Ngọc Linh',
      service: 'Tư vấn lập dự án đầu tư dây chuyền sấy',
      contractValue: 300_000_000,
      signedOn: '2023-02-01',
    });
    expect(created.status).toBe(201);
    expect(
      (await call(tokens.kontum!, 'POST', `/api/consulting/engagements/${created.body.id}/revenues`, { period: '2023-03', amount: 120_000_000 })).status,
    ).toBe(200);
    const over = await call<{ code: string }>(tokens.kontum!, 'POST', `/api/consulting/engagements/${created.body.id}/revenues`, {
      period: '2023-09',
      amount: 180_000_001,
    });
    expect(over).toMatchObject({ status: 422, body: { code: 'REVENUE_ABOVE_CONTRACT' } });
    expect((await call(tokens.kontum!, 'PUT', '/api/consulting/plans/kon-tum/2023', { amount: 400_000_000 })).status).toBe(200);
    expect((await call(tokens.daklak!, 'PUT', '/api/consulting/plans/kon-tum/2023', { amount: 1 })).status).toBe(403);
    expect((await call(tokens.daklak!, 'GET', `/api/consulting/engagements/${created.body.id}`)).status).toBe(404);

    const report = await call<{ projects: number; revenue: { printed: string }; percent: { printed: string } }>(
      tokens.central!,
      'GET',
      '/api/reports/consulting?year=2023&untilMonth=7&provinceCode=kon-tum',
    );
    expect(report.body).toMatchObject({ projects: 1, revenue: { printed: '0,12 tỷ đồng' }, percent: { printed: '30,00 %' } });
  });
});
