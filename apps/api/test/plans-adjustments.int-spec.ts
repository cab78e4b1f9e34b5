// The plan screens (issue 14): a plan with its lines by content group, its versions with the difference and who
// made them, and adjustments refused when the amount is bad, unchanged, stale, or outside the caller's scope.
// Against the demo accounts and the 2026 demo plans of today's Gia Lai.
import { WorkflowRunner } from '@khuyencong/workflow';
import { loadDemoUsers, seedDemoUsers } from '../src/demo/demo-users.js';
import { CURRENT_PROVINCE, CURRENT_YEAR, seedCurrentYearDemo } from '../src/demo/current-year.js';
import { startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

interface Version {
  version: number;
  amount: number;
  difference: number | null;
  kind: string;
  reason: string | null;
  createdByName: string | null;
}
interface Plan {
  id: string;
  provinceCode: string | null;
  fundingSource: string;
  amount: number;
  currentVersion: number;
  versions: Version[];
  lines: { contentGroupCode: string; fundingSource: string; schemes: number; allocated: number; disbursed: number }[];
  mayAdjust: boolean;
}

describe('annual plans on the plan screen', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const t: Record<string, string> = {};
  const plan: Record<'local' | 'national', Plan> = {} as Record<'local' | 'national', Plan>;

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    h = http(api);
    const db = api.database.dataSource;
    await api.app.get(WorkflowRunner).definitions.publishAll(db.manager);
    await db.transaction((manager) => seedDemoUsers(manager));
    await seedCurrentYearDemo(db);
    for (const name of ['so.gialai', 'so.daklak', 'cuc', 'lanhdao.gialai']) t[name] = await h.login(`${name}@khuyencong.vn`, loadDemoUsers().password);
    const list = await h.call<{ items: Plan[] }>(t['so.gialai']!, 'GET', `/api/plans?year=${CURRENT_YEAR}&provinceCode=${CURRENT_PROVINCE}`);
    for (const item of list.body.items) plan[item.fundingSource === 'LOCAL' ? 'local' : 'national'] = item;
  }, 180_000);
  afterAll(() => api.close());

  it('shows the plan’s lines by content group with what was allocated and disbursed, and whether the caller may adjust', async () => {
    const local = await h.call<Plan>(t['so.gialai']!, 'GET', `/api/plans/${plan.local.id}`);
    expect(local.status).toBe(200);
    expect(local.body.lines).toEqual([{ contentGroupCode: 'CG5', fundingSource: 'LOCAL', schemes: 1, allocated: 600_000_000, disbursed: 300_000_000 }]);
    expect(local.body).toMatchObject({ mayAdjust: true, versions: [{ version: 1, difference: null, kind: 'derived', createdByName: null }] });
    const national = await h.call<Plan>(t['so.gialai']!, 'GET', `/api/plans/${plan.national.id}`);
    expect(national.body.lines.reduce((sum, line) => sum + line.allocated, 0)).toBe(1_900_000_000);
    expect(national.body.mayAdjust).toBe(false);
    expect((await h.call<Plan>(t.cuc!, 'GET', `/api/plans/${plan.national.id}`)).body.mayAdjust).toBe(true);
  });

  it('adjusts the local plan as a new version with the difference and who made it', async () => {
    const reply = await h.call<Plan>(t['so.gialai']!, 'POST', `/api/plans/${plan.local.id}/adjustments`, {
      amount: 750_000_000,
      reason: 'Bổ sung kinh phí đào tạo nghề',
      expectedVersion: 1,
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ currentVersion: 2, amount: 750_000_000 });
    expect(reply.body.versions[1]).toMatchObject({
      version: 2,
      amount: 750_000_000,
      difference: 150_000_000,
      kind: 'adjustment',
      reason: 'Bổ sung kinh phí đào tạo nghề',
    });
    const [officer] = await api.database.dataSource.query<{ display_name: string }[]>(`SELECT display_name FROM users WHERE email = 'so.gialai@khuyencong.vn'`);
    expect(reply.body.versions[1]!.createdByName).toBe(officer!.display_name);
    // A second tab still showing version 1 is told the plan moved on; nothing is written.
    const stale = await h.call<{ code: string }>(t['lanhdao.gialai']!, 'POST', `/api/plans/${plan.local.id}/adjustments`, {
      amount: 500_000_000,
      reason: 'Giảm',
      expectedVersion: 1,
    });
    expect(stale).toMatchObject({ status: 409, body: { code: 'PLAN_VERSION_CHANGED' } });
    const same = await h.call<{ code: string }>(t['so.gialai']!, 'POST', `/api/plans/${plan.local.id}/adjustments`, {
      amount: 750_000_000,
      reason: 'Không đổi',
    });
    expect(same).toMatchObject({ status: 422, body: { code: 'PLAN_UNCHANGED' } });
    expect((await h.call<Plan>(t['so.gialai']!, 'GET', `/api/plans/${plan.local.id}`)).body.currentVersion).toBe(2);
  });

  it.each([
    ['a negative amount', { amount: -1, reason: 'x' }],
    ['an empty reason', { amount: 1, reason: '   ' }],
    ['no amount', { reason: 'x' }],
    ['an amount in text', { amount: '1.000', reason: 'x' }],
  ])('refuses %s with 400 MALFORMED_REQUEST', async (_name, body) => {
    const reply = await h.call<{ code: string }>(t['so.gialai']!, 'POST', `/api/plans/${plan.local.id}/adjustments`, body);
    expect(reply).toMatchObject({ status: 400, body: { code: 'MALFORMED_REQUEST' } });
  });

  it('lets the Cục adjust national funds and keeps a provincial officer from it', async () => {
    const refused = await h.call<{ code: string }>(t['so.gialai']!, 'POST', `/api/plans/${plan.national.id}/adjustments`, {
      amount: 2_000_000_000,
      reason: 'x',
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'NOT_ALLOWED' } });
    const adjusted = await h.call<Plan>(t.cuc!, 'POST', `/api/plans/${plan.national.id}/adjustments`, {
      amount: 1_800_000_000,
      reason: 'Điều chỉnh theo dự toán được giao',
      expectedVersion: 1,
    });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body.versions.at(-1)).toMatchObject({ difference: -100_000_000, kind: 'adjustment' });
  });

  it('keeps another province’s officer from reading, listing or adjusting Gia Lai’s plans', async () => {
    expect((await h.call(t['so.daklak']!, 'GET', `/api/plans/${plan.local.id}`)).status).toBe(404);
    expect((await h.call(t['so.daklak']!, 'POST', `/api/plans/${plan.local.id}/adjustments`, { amount: 1, reason: 'x' })).status).toBe(404);
    const list = await h.call<{ items: Plan[] }>(t['so.daklak']!, 'GET', `/api/plans?year=${CURRENT_YEAR}&provinceCode=${CURRENT_PROVINCE}`);
    expect(list.body.items).toEqual([]);
  });
});
