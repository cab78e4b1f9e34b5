// Issue 16: scopes follow successions. A grant on today's Gia Lai (gia-lai-2025) covers old Gia Lai and Bình
// Định (records, commands, reports); a grant on today's Đắk Lắk does not; reports read by the units of their time
// or rolled up to today's units give the same totals.
import { randomUUID } from 'node:crypto';
import { WorkflowRunner } from '@khuyencong/workflow';
import { seedFinanceDemo } from '../src/demo/finance.js';
import { createUser, startTestApi, type TestApi } from './harness.js';
import { schemeClient, type Scheme } from './schemes-support.js';

const password = 'Successions-2026';

interface Line {
  key: string;
  plan: { vnd: number };
  actual: { vnd: number };
}
interface PlanActual {
  units: string;
  lines: Line[];
  total: Line;
}

describe('scopes follow successions', () => {
  let api: TestApi;
  let client: ReturnType<typeof schemeClient>;
  const tokens: Record<string, string> = {};

  async function login(email: string): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
    if (!data) throw new Error(`login failed for ${email}`);
    return data.accessToken;
  }

  const report = (who: string, query: string) => client.call<PlanActual>(tokens[who]!, 'GET', `/api/reports/plan-vs-actual?${query}`);

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    client = schemeClient(api);
    const { dataSource } = api.database;
    await api.app.get(WorkflowRunner).definitions.publishAll(dataSource.manager);
    await dataSource.transaction((manager) => seedFinanceDemo(manager));
    const people = {
      giaLai: ['so.gialai2025@test.vn', 'provincial_officer', 'province', 'gia-lai-2025'],
      giaLaiCentre: ['trungtam.gialai2025@test.vn', 'provincial_officer', 'province', 'gia-lai-2025'],
      dakLak: ['so.daklak2025@test.vn', 'provincial_officer', 'province', 'dak-lak-2025'],
      central: ['cuc.successions@test.vn', 'central_officer', 'national', null],
    } as const;
    for (const [name, [email, role, scopeType, scopeId]] of Object.entries(people)) {
      await createUser(api, email, password, [{ role, scopeType, scopeId }]);
      tokens[name] = await login(email);
    }
    // A grant on old Gia Lai given before the reform (and never ended).
    const oldId = await createUser(api, 'so.gialai.cu@test.vn', password);
    await dataSource.query(
      `INSERT INTO role_grants (user_id, role, scope_type, scope_id, valid_from) VALUES ($1, 'provincial_officer', 'province', 'gia-lai', '2024-01-01')`,
      [oldId],
    );
    tokens.oldGiaLai = await login('so.gialai.cu@test.vn');
  }, 240_000);
  afterAll(() => api.close());

  describe('records and commands', () => {
    let scheme: Scheme;

    beforeAll(async () => {
      // An open scheme of old Bình Định awaiting its base appraisal: created and submitted in today's Gia Lai (new
      // records must use units in force), then moved in SQL to the abolished unit and a 2024 year, as the schemes
      // registered before the reform are.
      const centreId = randomUUID();
      await api.database.dataSource.query(
        `INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'provincial_centre', 'Trung tâm Khuyến công Gia Lai', 'gia-lai-2025')`,
        [centreId],
      );
      const created = await client.create(tokens.giaLaiCentre!, {
        title: 'Mô hình trình diễn chế biến hạt điều',
        implementingUnitId: centreId,
        contentGroupCode: 'CG5',
        subActivity: 'TRAINING',
        fundingSource: 'NATIONAL',
        year: new Date().getFullYear() + 2,
        provinceCode: 'gia-lai-2025',
        location: 'Phường Quy Nhơn',
        beneficiaries: [{ name: 'HTX Điều Quy Nhơn', supportAmount: 300_000_000, coFundingAmount: 300_000_000 }],
        budgetLines: [{ activityCode: 'TRAINING', description: 'Đào tạo 2 lớp', eligibleCost: 300_000_000, supportAmount: 300_000_000 }],
      });
      if (created.status !== 201) throw new Error(`scheme not created: ${created.status} ${JSON.stringify(created.body)}`);
      const submitted = await client.act(tokens.giaLaiCentre!, created.body, 'submit');
      if (submitted.status !== 200) throw new Error(`scheme not submitted: ${submitted.status} ${JSON.stringify(submitted.body)}`);
      const { dataSource } = api.database;
      await dataSource.query(`UPDATE schemes SET province_code = 'binh-dinh', year = 2024 WHERE id = $1`, [created.body.id]);
      await dataSource.query(
        `UPDATE workflow_instances SET province_code = 'binh-dinh', state = jsonb_set(state, '{subject,provinceCode}', '"binh-dinh"')
          WHERE id = (SELECT instance_id FROM schemes WHERE id = $1)`,
        [created.body.id],
      );
      scheme = submitted.body.scheme;
    });

    it('lets an officer of today’s Gia Lai see and act on an old Bình Định record', async () => {
      const seen = await client.get(tokens.giaLai!, scheme.id);
      expect(seen.status).toBe(200);
      const list = await client.call<{ items: { id: string }[] }>(tokens.giaLai!, 'GET', '/api/schemes?provinceCode=binh-dinh');
      expect(list.status).toBe(200);
      expect(list.body.items.map((item) => item.id)).toContain(scheme.id);
      expect(seen.body.stage).toBe('base_appraisal');
      // Not the Đắk Lắk officer's to return.
      const refused = await client.act(tokens.dakLak!, seen.body, 'return', { reason: 'Không thuộc phạm vi' });
      expect([403, 404]).toContain(refused.status);
      const returned = await client.act(tokens.giaLai!, seen.body, 'return', { reason: 'Thiếu dự toán chi tiết' });
      expect(returned.status).toBe(200);
      expect(returned.body.scheme.stage).toBe('revision');
      scheme = returned.body.scheme;
    });

    it('keeps it from an officer of today’s Đắk Lắk and from a grant on the abolished old Gia Lai', async () => {
      expect((await client.get(tokens.dakLak!, scheme.id)).status).toBe(404);
      expect([403, 404]).toContain((await client.act(tokens.dakLak!, scheme, 'resubmit')).status);
      const list = await client.call<{ items: { id: string }[] }>(tokens.dakLak!, 'GET', '/api/schemes');
      expect(list.body.items.map((item) => item.id)).not.toContain(scheme.id);
      // A grant on an abolished unit covers that unit only, never its successor's (nor its sibling's) records.
      expect((await client.get(tokens.oldGiaLai!, scheme.id)).status).toBe(404);
    });
  });

  describe('plan-vs-actual by the units of their time or of today', () => {
    const sumOf = (lines: Line[], keys: string[]) =>
      lines.filter((line) => keys.includes(line.key)).reduce((total, line) => [total[0]! + line.plan.vnd, total[1]! + line.actual.vnd], [0, 0]);

    it('rolls province and region lines up to today’s units with identical totals', async () => {
      for (const groupBy of ['province', 'region', 'funding_source']) {
        const historical = await report('central', `year=2022&groupBy=${groupBy}`);
        const current = await report('central', `year=2022&groupBy=${groupBy}&units=current`);
        expect([historical.status, current.status]).toEqual([200, 200]);
        expect(historical.body.units).toBe('historical');
        expect(current.body.units).toBe('current');
        expect(current.body.total.plan.vnd).toBeGreaterThan(0);
        expect(current.body.total).toEqual(historical.body.total);
      }
      const historical = (await report('central', 'year=2022&groupBy=province')).body;
      const current = (await report('central', 'year=2022&groupBy=province&units=current')).body;
      const historicalKeys = historical.lines.map((line) => line.key);
      expect(historicalKeys).toEqual(expect.arrayContaining(['gia-lai', 'binh-dinh', 'dak-lak', 'phu-yen']));
      const currentKeys = current.lines.map((line) => line.key);
      expect(currentKeys).toEqual(expect.arrayContaining(['gia-lai-2025', 'dak-lak-2025']));
      expect(currentKeys).not.toEqual(expect.arrayContaining(['gia-lai']));
      expect(currentKeys.filter((key) => ['gia-lai', 'binh-dinh', 'dak-lak', 'phu-yen'].includes(key))).toEqual([]);
      // Every line is a province in force today.
      const inForce = await api.database.dataSource.query<{ code: string }[]>(
        `SELECT code FROM administrative_units WHERE level = 'province' AND valid_to IS NULL`,
      );
      const today = new Set(inForce.map((row) => row.code));
      expect(currentKeys.filter((key) => !today.has(key))).toEqual([]);
      expect(current.lines.length).toBeLessThan(historical.lines.length);
      expect(sumOf(current.lines, ['gia-lai-2025'])).toEqual(sumOf(historical.lines, ['gia-lai', 'binh-dinh']));
      // A province filter takes today's unit with the provinces it succeeded: the figures of the rolled-up line,
      // either way; a region filter selects the records of their own region, either way.
      const filtered = (await report('central', 'year=2022&groupBy=funding_source&units=current&provinceCode=gia-lai-2025')).body;
      expect([filtered.total.plan.vnd, filtered.total.actual.vnd]).toEqual(sumOf(current.lines, ['gia-lai-2025']));
      expect((await report('central', 'year=2022&groupBy=province&provinceCode=gia-lai-2025')).body.total).toEqual(filtered.total);
      const regional = await report('central', 'year=2022&groupBy=province&regionCode=CENTRAL_HIGHLANDS');
      const regionalCurrent = await report('central', 'year=2022&groupBy=province&regionCode=CENTRAL_HIGHLANDS&units=current');
      expect(regionalCurrent.body.total).toEqual(regional.body.total);
      expect(regionalCurrent.body.lines.length).toBeLessThan(regional.body.lines.length);
    });

    it('lets an officer of today’s Gia Lai read old Gia Lai and Bình Định figures, not old Đắk Lắk’s', async () => {
      const national = (await report('central', 'year=2022&groupBy=province')).body;
      const own = await report('giaLai', 'year=2022&groupBy=province');
      expect(own.status).toBe(200);
      expect(own.body.lines.map((line) => line.key).sort()).toEqual(['binh-dinh', 'gia-lai']);
      expect([own.body.total.plan.vnd, own.body.total.actual.vnd]).toEqual(sumOf(national.lines, ['gia-lai', 'binh-dinh']));
      expect((await report('giaLai', 'year=2022&groupBy=province&provinceCode=binh-dinh')).status).toBe(200);
      expect((await report('giaLai', 'year=2022&groupBy=province&provinceCode=dak-lak')).status).toBe(403);
      const rolled = await report('giaLai', 'year=2022&groupBy=province&units=current');
      expect(rolled.body.lines.map((line) => line.key)).toEqual(['gia-lai-2025']);
      expect(rolled.body.total).toEqual(own.body.total);
      const other = await report('dakLak', 'year=2022&groupBy=province');
      expect(other.body.lines.map((line) => line.key).sort()).toEqual(['dak-lak', 'phu-yen']);
    });
  });
});
