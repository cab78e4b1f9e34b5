import { randomUUID } from 'node:crypto';
import { WorkflowRunner } from '@khuyencong/workflow';
import { createUser, startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

// New records must use units in force on their date (issue 16): a record in an abolished unit is refused with
// 422 UNIT_NOT_IN_FORCE naming the successor and nothing is written; the successor is accepted; old records stay.
const PASSWORD = 'Don-vi-2026';
const DAY = 86_400_000;
const year = Number(new Date().toISOString().slice(0, 4));
const CHU_SE = '23941'; // Xã Chư Sê, Gia Lai (since 2025-07-01)
const BUON_MA_THUOT = '24133'; // Phường Buôn Ma Thuột, Đắk Lắk

interface Refusal {
  code: string;
  message: string;
  details?: { successors?: { code: string }[] };
}

describe('units in force', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const t: Record<string, string> = {};
  const centre: Record<string, string> = {};
  const count = async (sql: string, params: unknown[] = []) => (await api.database.dataSource.query<{ n: number }[]>(sql, params))[0]!.n;

  beforeAll(async () => {
    api = await startTestApi();
    h = http(api);
    const db = api.database.dataSource;
    await api.app.get(WorkflowRunner).definitions.publishAll(db.manager);
    // An officer of old Gia Lai appointed before the reform (an old record, still open) and one of today's Gia Lai.
    const oldOfficer = await createUser(api, 'so.gialai.cu@test.vn', PASSWORD);
    await db.query(
      `INSERT INTO role_grants (user_id, role, scope_type, scope_id, valid_from) VALUES ($1, 'provincial_officer', 'province', 'gia-lai', '2025-01-02')`,
      [oldOfficer],
    );
    await createUser(api, 'so.gialai@test.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]);
    await createUser(api, 'xa.chuse@test.vn', PASSWORD, [{ role: 'commune_officer', scopeType: 'commune', scopeId: CHU_SE }]);
    await createUser(api, 'admin@test.vn', PASSWORD, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    await createUser(api, 'applicant@test.vn', PASSWORD);
    for (const [key, email] of [
      ['old', 'so.gialai.cu'],
      ['now', 'so.gialai'],
      ['commune', 'xa.chuse'],
      ['admin', 'admin'],
      ['applicant', 'applicant'],
    ] as const) {
      t[key] = await h.login(`${email}@test.vn`, PASSWORD);
    }
    centre.old = randomUUID();
    centre.now = randomUUID();
    await db.query(
      `INSERT INTO organisations (id, type, name, province_code, created_at) VALUES ($1, 'provincial_centre', 'TTKC Gia Lai (cũ)', 'gia-lai', '2020-01-01')`,
      [centre.old],
    );
    await db.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'provincial_centre', 'TTKC Gia Lai', 'gia-lai-2025')`, [centre.now]);
  });
  afterAll(() => api.close());

  const window = (from = Date.now() - DAY) => ({
    registrationOpensAt: new Date(from).toISOString(),
    registrationClosesAt: new Date(from + 30 * DAY).toISOString(),
  });
  const round = (scopeCode: string, level = 'province', roundYear = year, opens?: number) => ({
    name: `Bình chọn ${scopeCode} ${roundYear}`,
    level,
    year: roundYear,
    scopeCode,
    ...window(opens),
  });
  const establishment = (provinceCode: string, communeCode: string) => ({
    name: `Cơ sở ${provinceCode} ${communeCode}`,
    legalForm: 'household_business',
    registrationNumber: `R-${communeCode}`,
    communeCode,
    provinceCode,
  });
  const scheme = (provinceCode: string, implementingUnitId: string) => ({
    title: `Đề án ${provinceCode}`,
    implementingUnitId,
    contentGroupCode: 'CG5',
    subActivity: 'TRAINING',
    fundingSource: 'LOCAL',
    year,
    provinceCode,
    location: 'Gia Lai',
    budgetLines: [{ activityCode: 'TRAINING', description: 'Đào tạo', eligibleCost: 100_000_000, supportAmount: 50_000_000 }],
  });
  const expectAbolished = (reply: { status: number; body: unknown }, unit: string) => {
    const body = reply.body as Refusal;
    expect({ status: reply.status, code: body.code }).toEqual({ status: 422, code: 'UNIT_NOT_IN_FORCE' });
    expect(body.message).toContain(`(${unit}) không còn hiệu lực từ 2025-07-01; đơn vị kế thừa: Gia Lai (gia-lai-2025)`);
    expect(body.message).toContain('successor: Gia Lai (gia-lai-2025)');
    expect(body.details?.successors).toEqual([{ code: 'gia-lai-2025', name: 'Gia Lai' }]);
  };

  it('refuses a round of this year in old Gia Lai, naming the successor, and writes nothing; accepts it in the successor', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM rounds`);
    expectAbolished(await h.call(t.old!, 'POST', '/api/rounds', round('gia-lai')), 'gia-lai');
    expect(await count(`SELECT count(*)::int AS n FROM rounds`)).toBe(before);
    expect((await h.call(t.now!, 'POST', '/api/rounds', round('gia-lai-2025'))).status).toBe(201);
  });

  it('still allows an old-dated round (2024) in old Gia Lai', async () => {
    const reply = await h.call(t.old!, 'POST', '/api/rounds', round('gia-lai', 'province', 2024, Date.parse('2024-03-01T00:00:00Z')));
    expect(reply.status).toBe(201);
  });

  it('lets the commune officer organise a commune round in a commune in force', async () => {
    const reply = await h.call<{ level: string; scopeCode: string }>(t.commune!, 'POST', '/api/rounds', round(CHU_SE, 'commune'));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ level: 'commune', scopeCode: CHU_SE });
    expect((await h.call(t.commune!, 'POST', '/api/rounds', round(BUON_MA_THUOT, 'commune'))).status).toBe(403);
  });

  it('refuses an establishment in an abolished province; accepts it in the successor with one of its communes', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM organisations`);
    expectAbolished(await h.call(t.applicant!, 'POST', '/api/establishments', establishment('gia-lai', CHU_SE)), 'gia-lai');
    expect(await count(`SELECT count(*)::int AS n FROM organisations`)).toBe(before);
    const created = await h.call<{ provinceCode: string; communeCode: string; regionCode: string }>(
      t.applicant!,
      'POST',
      '/api/establishments',
      establishment('gia-lai-2025', CHU_SE),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ provinceCode: 'gia-lai-2025', communeCode: CHU_SE, regionCode: 'CENTRAL_HIGHLANDS' });
  });

  it('refuses an establishment whose commune is outside its province, or unknown', async () => {
    const outside = await h.call<Refusal>(t.applicant!, 'POST', '/api/establishments', establishment('gia-lai-2025', BUON_MA_THUOT));
    expect({ status: outside.status, code: outside.body.code }).toEqual({ status: 422, code: 'COMMUNE_OUTSIDE_PROVINCE' });
    expect(outside.body.message).toContain(`Xã ${BUON_MA_THUOT} không thuộc tỉnh gia-lai-2025 (thuộc dak-lak-2025)`);
    const unknown = await h.call<Refusal>(t.applicant!, 'POST', '/api/establishments', establishment('gia-lai-2025', 'gia-lai-chu-se'));
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 422, code: 'UNKNOWN_UNIT' });
  });

  it('refuses a scheme of this year in an abolished province; accepts it in the successor', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM schemes`);
    expectAbolished(await h.call(t.old!, 'POST', '/api/schemes', scheme('gia-lai', centre.old!)), 'gia-lai');
    // With today's centre too: the abolished province is named with its successor, not "unit not in the province".
    expectAbolished(await h.call(t.now!, 'POST', '/api/schemes', scheme('gia-lai', centre.now!)), 'gia-lai');
    expect(await count(`SELECT count(*)::int AS n FROM schemes`)).toBe(before);
    const created = await h.call(t.now!, 'POST', '/api/schemes', scheme('gia-lai-2025', centre.now!));
    expect(created.status).toBe(201);
  });

  it('refuses an annual plan of this year in an abolished province (plans are derived by the API; the rule is the database’s)', async () => {
    const insert = (province: string) =>
      api.database.dataSource.query(`INSERT INTO annual_plans (province_code, funding_source_code, year, current_version) VALUES ($1, 'LOCAL', $2, 1)`, [
        province,
        year,
      ]);
    await expect(insert('gia-lai')).rejects.toMatchObject({ driverError: { code: '23514', constraint: 'ck_unit_in_force' } });
    await expect(insert('gia-lai-2025')).resolves.toBeDefined();
  });

  it('refuses a grant in an abolished province; accepts it in the successor and in a commune', async () => {
    const user = await createUser(api, 'moi@test.vn', PASSWORD);
    const grant = (scopeType: string, scopeId: string) =>
      h.call(t.admin!, 'POST', `/api/admin/users/${user}/grants`, { role: 'provincial_officer', scopeType, scopeId });
    const before = await count(`SELECT count(*)::int AS n FROM role_grants WHERE user_id = $1`, [user]);
    expectAbolished(await grant('province', 'gia-lai'), 'gia-lai');
    expect(await count(`SELECT count(*)::int AS n FROM role_grants WHERE user_id = $1`, [user])).toBe(before);
    expect((await grant('province', 'gia-lai-2025')).status).toBe(201);
    expect((await h.call(t.admin!, 'POST', `/api/admin/users/${user}/grants`, { role: 'commune_officer', scopeType: 'commune', scopeId: CHU_SE })).status).toBe(
      201,
    );
  });

  it('seeds 34 provinces in force today and 3,321 communes, each under a province in force', async () => {
    const inForce = (alias: string) => `${alias}.valid_from <= CURRENT_DATE AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= CURRENT_DATE)`;
    expect(await count(`SELECT count(*)::int AS n FROM administrative_units u WHERE u.level = 'province' AND ${inForce('u')}`)).toBe(34);
    expect(await count(`SELECT count(*)::int AS n FROM administrative_units u WHERE u.level = 'commune' AND ${inForce('u')}`)).toBe(3321);
    expect(
      await count(`SELECT count(*)::int AS n FROM administrative_units u JOIN administrative_units p ON p.code = u.parent_code
                    WHERE u.level = 'commune' AND ${inForce('u')} AND p.level = 'province' AND ${inForce('p')}`),
    ).toBe(3321);
  });
});
