// Regional membership of the provinces as dated data the administrator sets (issue 16): read by day, a province moved
// to another region from a date (the previous membership ends the day before), refusals, audit, and concurrent moves.
import { type ApiClient } from '@khuyencong/api-client';
import { createUser, startTestApi, type TestApi } from './harness.js';

const PASSWORD = 'mat-khau-12345';
const PROVINCE = 'khanh-hoa-2025';

interface Listing {
  date: string;
  regions: { code: string; name: string; provinces: { code: string; name: string; validFrom: string; validTo: string | null }[] }[];
}

describe('regional membership of the provinces (admin)', () => {
  let api: TestApi;
  let admin: ApiClient;
  let adminToken: string;
  let officer: ApiClient;

  async function login(email: string): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password: PASSWORD } });
    if (!data) throw new Error(`login failed for ${email}`);
    return data.accessToken;
  }

  async function list(date?: string): Promise<Listing> {
    const { data, response } = await admin.GET('/api/admin/reference/region-memberships', { params: { query: date ? { date } : {} } });
    expect(response.status).toBe(200);
    return data as Listing;
  }

  const regionOf = (listing: Listing, province: string) => listing.regions.find((region) => region.provinces.some((p) => p.code === province))?.code;

  function put(provinceCode: string, body: Record<string, unknown>, token = adminToken) {
    return fetch(`${api.baseUrl}/api/admin/reference/region-memberships/${provinceCode}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    api = await startTestApi();
    await createUser(api, 'admin.regions@example.vn', PASSWORD, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    await createUser(api, 'officer.regions@example.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]);
    adminToken = await login('admin.regions@example.vn');
    admin = api.as(adminToken);
    officer = api.as(await login('officer.regions@example.vn'));
  });
  afterAll(() => api.close());

  it('lists the old map before the reform: 15 Central–Highlands provinces on 2024-06-01', async () => {
    const listing = await list('2024-06-01');
    expect(listing.date).toBe('2024-06-01');
    const central = listing.regions.find((region) => region.code === 'CENTRAL_HIGHLANDS')!;
    expect(central.provinces).toHaveLength(15);
    expect(central.provinces.map((p) => p.code)).toEqual(expect.arrayContaining(['gia-lai', 'binh-dinh', 'dak-lak']));
    expect(central.provinces.every((p) => !p.code.endsWith('-2025'))).toBe(true);
    expect(central.provinces[0]).toMatchObject({ validFrom: '1900-01-01', validTo: '2025-06-30' });
  });

  it("lists today's provinces by default (34, each in one region)", async () => {
    const listing = await list();
    expect(listing.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const all = listing.regions.flatMap((region) => region.provinces.map((p) => p.code));
    expect(all).toHaveLength(34);
    expect(new Set(all).size).toBe(34);
    expect(all.every((code) => code.endsWith('-2025'))).toBe(true);
    expect(regionOf(listing, PROVINCE)).toBe('CENTRAL_HIGHLANDS');
  });

  it('moves a province to another region from a date: the old membership ends the day before, audited', async () => {
    const response = await put(PROVINCE, { regionCode: 'SOUTH', validFrom: '2027-01-01' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { history: { regionCode: string; validFrom: string; validTo: string | null }[] };
    expect(body.history).toEqual([
      { regionCode: 'CENTRAL_HIGHLANDS', validFrom: '2025-07-01', validTo: '2026-12-31' },
      { regionCode: 'SOUTH', validFrom: '2027-01-01', validTo: null },
    ]);
    expect(regionOf(await list('2026-12-31'), PROVINCE)).toBe('CENTRAL_HIGHLANDS');
    const after = await list('2027-01-01');
    expect(regionOf(after, PROVINCE)).toBe('SOUTH');
    expect(after.regions.find((region) => region.code === 'SOUTH')!.provinces.find((p) => p.code === PROVINCE)).toMatchObject({
      validFrom: '2027-01-01',
      validTo: null,
    });
    const audit = await api.database.dataSource.query<{ action: string; details: { before: unknown; after: unknown } }[]>(
      `SELECT action, details FROM audit_log WHERE target_id = $1 AND action = 'admin.region-membership.set'`,
      [PROVINCE],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      before: { regionCode: 'CENTRAL_HIGHLANDS', validFrom: '2025-07-01' },
      after: { regionCode: 'SOUTH', validFrom: '2027-01-01' },
    });
  });

  it.each([
    ['a province not in force on validFrom (old map after the reform)', 'gia-lai', { regionCode: 'SOUTH', validFrom: '2026-01-01' }, 'UNIT_NOT_IN_FORCE'],
    ['a new province before the reform', 'gia-lai-2025', { regionCode: 'SOUTH', validFrom: '2025-01-01' }, 'UNIT_NOT_IN_FORCE'],
    ['validFrom before the current membership starts', PROVINCE, { regionCode: 'NORTH', validFrom: '2026-06-01' }, 'MEMBERSHIP_BEFORE_CURRENT'],
    ['validFrom on the current membership start', PROVINCE, { regionCode: 'NORTH', validFrom: '2027-01-01' }, 'MEMBERSHIP_BEFORE_CURRENT'],
    ["validFrom on a new province's first membership day", 'gia-lai-2025', { regionCode: 'NORTH', validFrom: '2025-07-01' }, 'MEMBERSHIP_BEFORE_CURRENT'],
    ['an unknown region', 'gia-lai-2025', { regionCode: 'WEST', validFrom: '2027-01-01' }, 'UNKNOWN_REGION'],
    ['the region it already belongs to on that day', PROVINCE, { regionCode: 'SOUTH', validFrom: '2027-06-01' }, 'ALREADY_IN_REGION'],
    ['an unknown province', 'atlantis-2025', { regionCode: 'SOUTH', validFrom: '2027-01-01' }, 'UNKNOWN_UNIT'],
  ])('refuses %s with 422 and a bilingual message', async (_case, province, body, code) => {
    const response = await put(province, body);
    expect(response.status).toBe(422);
    const error = (await response.json()) as { code: string; message: string };
    expect(error.code).toBe(code);
    expect(error.message).toContain(' / ');
  });

  it('answers 400 for a malformed body and 403 to a non-admin', async () => {
    expect((await put(PROVINCE, { regionCode: 'SOUTH', validFrom: '2027-02-30' })).status).toBe(400);
    expect((await put(PROVINCE, { regionCode: 'SOUTH' })).status).toBe(400);
    expect((await officer.GET('/api/admin/reference/region-memberships', { params: { query: {} } })).response.status).toBe(403);
    const refused = await officer.PUT('/api/admin/reference/region-memberships/{provinceCode}', {
      params: { path: { provinceCode: 'gia-lai-2025' } },
      body: { regionCode: 'SOUTH', validFrom: '2027-01-01' },
    });
    expect(refused.response.status).toBe(403);
    expect(regionOf(await list('2027-06-01'), 'gia-lai-2025')).toBe('CENTRAL_HIGHLANDS');
  });

  it('leaves a consistent history after four concurrent moves of one province (no 500)', async () => {
    const province = 'lam-dong-2025';
    const moves = [
      { regionCode: 'SOUTH', validFrom: '2028-01-01' },
      { regionCode: 'NORTH', validFrom: '2028-01-01' },
      { regionCode: 'SOUTH', validFrom: '2029-03-01' },
      { regionCode: 'NORTH', validFrom: '2030-05-01' },
    ];
    const statuses = await Promise.all(moves.map(async (move) => (await put(province, move)).status));
    expect(statuses.every((status) => status === 200 || status === 422)).toBe(true);
    expect(statuses).toContain(200);
    const history = await api.database.dataSource.query<{ region_code: string; valid_from: string; valid_to: string | null }[]>(
      `SELECT region_code, valid_from::text AS valid_from, valid_to::text AS valid_to FROM region_memberships WHERE unit_code = $1 ORDER BY valid_from`,
      [province],
    );
    expect(history.length).toBe(1 + statuses.filter((status) => status === 200).length);
    // Contiguous, non-overlapping, only the last one open, no two neighbours in the same region.
    for (let index = 1; index < history.length; index += 1) {
      const previous = history[index - 1]!;
      const current = history[index]!;
      expect(previous.valid_to).not.toBeNull();
      const dayAfter = new Date(Date.parse(`${previous.valid_to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect(current.valid_from).toBe(dayAfter);
      expect(current.region_code).not.toBe(previous.region_code);
    }
    expect(history.at(-1)!.valid_to).toBeNull();
    const audited = await api.database.dataSource.query<unknown[]>(`SELECT 1 FROM audit_log WHERE target_id = $1 AND action = 'admin.region-membership.set'`, [
      province,
    ]);
    expect(audited).toHaveLength(statuses.filter((status) => status === 200).length);
  });
});
