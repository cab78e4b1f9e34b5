// The consulting screens (issue 14): engagements searched and paged by the server, revenue by month (a month
// recorded already is replaced), the province's yearly plan with the revenue against it, bad input refused with a
// code, and an officer of another province kept out of Gia Lai's records. Against the demo accounts.
import { loadDemoUsers, seedDemoUsers } from '../src/demo/demo-users.js';
import { CURRENT_PROVINCE } from '../src/demo/current-year.js';
import { startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

interface Engagement {
  id: string;
  provinceCode: string;
  clientName: string;
  revenues: { period: string; amount: number }[];
  revenueTotal: number;
}
interface Page {
  items: Engagement[];
  total: number;
}

describe('consulting engagements on the consulting screens', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const t: Record<string, string> = {};
  let first: Engagement;

  const create = (token: string, overrides: Record<string, unknown> = {}) =>
    h.call<Engagement & { code?: string }>(token, 'POST', '/api/consulting/engagements', {
      provinceCode: CURRENT_PROVINCE,
      centreName: 'Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Gia Lai',
      clientName: 'Công ty TNHH Cà phê Ia Grai',
      service: 'Tư vấn đổi mới công nghệ sấy cà phê',
      contractValue: 200_000_000,
      signedOn: '2026-03-10',
      ...overrides,
    });

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    h = http(api);
    await api.database.dataSource.transaction((manager) => seedDemoUsers(manager));
    for (const name of ['so.gialai', 'so.daklak', 'cuc']) t[name] = await h.login(`${name}@khuyencong.vn`, loadDemoUsers().password);
    const reply = await create(t['so.gialai']!);
    expect(reply.status).toBe(201);
    first = reply.body;
    for (const [index, client] of ['Hợp tác xã Dệt thổ cẩm Ia Ly', 'Cơ sở Mộc mỹ nghệ Pleiku', 'Công ty CP Chế biến hạt điều Quy Nhơn'].entries()) {
      expect(
        (
          await create(t['so.gialai']!, {
            clientName: client,
            signedOn: `2026-0${index + 4}-01`,
            service: index === 2 ? 'Tư vấn lập dự án nhà xưởng' : 'Tư vấn thiết kế mẫu mã',
          })
        ).status,
      ).toBe(201);
    }
  }, 120_000);
  afterAll(() => api.close());

  it('searches client, centre and service on the server and pages with the total, newest signing first', async () => {
    const all = await h.call<Page>(t['so.gialai']!, 'GET', '/api/consulting/engagements?year=2026');
    expect(all.body.total).toBe(4);
    const page = await h.call<Page>(t['so.gialai']!, 'GET', '/api/consulting/engagements?year=2026&limit=2&offset=2');
    expect(page.body).toMatchObject({ total: 4 });
    expect(page.body.items.map((item) => item.clientName)).toEqual(['Hợp tác xã Dệt thổ cẩm Ia Ly', 'Công ty TNHH Cà phê Ia Grai']);
    expect(
      (await h.call<Page>(t['so.gialai']!, 'GET', `/api/consulting/engagements?q=${encodeURIComponent('mộc mỹ')}`)).body.items.map((item) => item.clientName),
    ).toEqual(['Cơ sở Mộc mỹ nghệ Pleiku']);
    expect((await h.call<Page>(t['so.gialai']!, 'GET', `/api/consulting/engagements?q=${encodeURIComponent('nhà xưởng')}`)).body.total).toBe(1);
    expect((await h.call<Page>(t['so.gialai']!, 'GET', '/api/consulting/engagements?q=100%25')).body.total).toBe(0);
    expect((await h.call<Page>(t.cuc!, 'GET', `/api/consulting/engagements?provinceCode=${CURRENT_PROVINCE}`)).body.total).toBe(4);
    expect((await h.call<{ code: string }>(t['so.gialai']!, 'GET', '/api/consulting/engagements?limit=0')).body.code).toBe('MALFORMED_REQUEST');
  });

  it('records a month, replaces a month recorded already, and refuses a month before the signing or above the contract', async () => {
    const path = `/api/consulting/engagements/${first.id}/revenues`;
    expect((await h.call(t['so.gialai']!, 'POST', path, { period: '2026-04', amount: 50_000_000 })).status).toBe(200);
    const replaced = await h.call<Engagement>(t['so.gialai']!, 'POST', path, { period: '2026-04', amount: 80_000_000 });
    expect(replaced.body).toMatchObject({ revenues: [{ period: '2026-04', amount: 80_000_000 }], revenueTotal: 80_000_000 });
    expect((await h.call<{ code: string }>(t['so.gialai']!, 'POST', path, { period: '2026-02', amount: 1 })).body).toMatchObject({
      code: 'REVENUE_BEFORE_SIGNING',
    });
    expect((await h.call<{ code: string }>(t['so.gialai']!, 'POST', path, { period: '2026-05', amount: 120_000_001 })).body).toMatchObject({
      code: 'REVENUE_ABOVE_CONTRACT',
    });
    for (const body of [{ period: '04/2026', amount: 1 }, { period: '2026-13', amount: 1 }, { period: '2026-05', amount: -1 }, { period: '2026-05' }]) {
      expect(await h.call<{ code: string }>(t['so.gialai']!, 'POST', path, body)).toMatchObject({ status: 400, body: { code: 'MALFORMED_REQUEST' } });
    }
    expect((await h.call<Engagement>(t['so.gialai']!, 'GET', `/api/consulting/engagements/${first.id}`)).body.revenueTotal).toBe(80_000_000);
  });

  it('refuses a bad engagement with a code and writes nothing', async () => {
    for (const overrides of [{ contractValue: -5 }, { signedOn: '10/03/2026' }, { signedOn: '2026-02-30' }, { clientName: '  ' }]) {
      expect(await create(t['so.gialai']!, overrides)).toMatchObject({ status: 400, body: { code: 'MALFORMED_REQUEST' } });
    }
    expect((await h.call<Page>(t['so.gialai']!, 'GET', '/api/consulting/engagements')).body.total).toBe(4);
  });

  it('sets the year’s plan and reads it back with the revenue recorded in that year', async () => {
    const unset = await h.call(t['so.gialai']!, 'GET', `/api/consulting/plans/${CURRENT_PROVINCE}/2026`);
    expect(unset).toMatchObject({ status: 200, body: { amount: null, revenue: 80_000_000, engagements: 1 } });
    const set = await h.call(t['so.gialai']!, 'PUT', `/api/consulting/plans/${CURRENT_PROVINCE}/2026`, { amount: 900_000_000 });
    expect(set).toMatchObject({ status: 200, body: { provinceCode: CURRENT_PROVINCE, year: 2026, amount: 900_000_000, revenue: 80_000_000 } });
    expect((await h.call<{ code: string }>(t['so.gialai']!, 'PUT', `/api/consulting/plans/${CURRENT_PROVINCE}/2026`, { amount: -1 })).body.code).toBe(
      'MALFORMED_REQUEST',
    );
    expect((await h.call<{ code: string }>(t['so.gialai']!, 'PUT', `/api/consulting/plans/${CURRENT_PROVINCE}/26`, { amount: 1 })).body.code).toBe(
      'MALFORMED_REQUEST',
    );
  });

  it('keeps so.daklak out of Gia Lai’s engagements and plan, for reading and writing', async () => {
    const foreign = t['so.daklak']!;
    expect((await h.call(foreign, 'GET', `/api/consulting/engagements/${first.id}`)).status).toBe(404);
    expect((await h.call(foreign, 'POST', `/api/consulting/engagements/${first.id}/revenues`, { period: '2026-06', amount: 1 })).status).toBe(404);
    expect((await h.call<Page>(foreign, 'GET', `/api/consulting/engagements?provinceCode=${CURRENT_PROVINCE}`)).body).toMatchObject({ items: [], total: 0 });
    expect(
      (
        await h.call<{ code: string }>(foreign, 'POST', '/api/consulting/engagements', {
          provinceCode: CURRENT_PROVINCE,
          centreName: 'x',
          clientName: 'x',
          service: 'x',
          contractValue: 1,
          signedOn: '2026-01-01',
        })
      ).body.code,
    ).toBe('NOT_ALLOWED');
    expect((await h.call<{ code: string }>(foreign, 'GET', `/api/consulting/plans/${CURRENT_PROVINCE}/2026`)).body.code).toBe('NOT_FOUND');
    expect((await h.call<{ code: string }>(foreign, 'PUT', `/api/consulting/plans/${CURRENT_PROVINCE}/2026`, { amount: 1 })).body.code).toBe('NOT_ALLOWED');
    expect((await h.call(t['so.gialai']!, 'GET', `/api/consulting/plans/${CURRENT_PROVINCE}/2026`)).body).toMatchObject({ amount: 900_000_000 });
  });
});
