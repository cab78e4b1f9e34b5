import { seedReferenceData } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

describe('reference seed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const count = async (sql: string, params: unknown[] = []) => (await db.dataSource.query<{ n: number }[]>(sql, params))[0]!.n;
  const provincesOn = (day: string) =>
    count(
      `SELECT count(*)::int AS n FROM administrative_units
        WHERE level = 'province' AND valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date)`,
      [day],
    );

  it('has 63 provinces valid on 2021-06-01 and 34 on 2025-07-01', async () => {
    expect(await provincesOn('2021-06-01')).toBe(63);
    expect(await provincesOn('2025-07-01')).toBe(34);
  });

  it('has 15 provinces in the Central–Highlands region on 2021-06-01', async () => {
    const n = await count(
      `SELECT count(*)::int AS n FROM region_memberships
        WHERE region_code = 'CENTRAL_HIGHLANDS' AND valid_from <= '2021-06-01' AND (valid_to IS NULL OR valid_to >= '2021-06-01')`,
    );
    expect(n).toBe(15);
  });

  it('rolls every pre-reform province up to a post-reform one (Phú Yên into the new Đắk Lắk)', async () => {
    const rows = await db.dataSource.query<{ to_code: string }[]>(`SELECT to_code FROM unit_successions WHERE from_code = 'phu-yen'`);
    expect(rows).toEqual([{ to_code: 'dak-lak-2025' }]);
    expect(await count(`SELECT count(DISTINCT from_code)::int AS n FROM unit_successions WHERE effective_date = '2025-07-01'`)).toBe(63);
  });

  it('has content groups CG1–CG7 for the 2021–2025 programme and criteria groups summing to 100', async () => {
    const groups = await db.dataSource.query<{ code: string }[]>(`SELECT code FROM content_groups WHERE programme_code = 'NKP-2021-2025' ORDER BY position`);
    expect(groups.map((g) => g.code)).toEqual(['CG1', 'CG2', 'CG3', 'CG4', 'CG5', 'CG6', 'CG7']);
    expect(await count(`SELECT sum(max_points)::int AS n FROM criteria_groups WHERE criteria_set_code = 'TT26-PL4'`)).toBe(100);
  });

  it('stores support caps as dated rules with integer VND amounts, TT 28/2018/TT-BTC from its effective date 2018-05-11', async () => {
    const [rule] = await db.dataSource.query<{ max_percent: string; max_amount: string; valid_from: string }[]>(
      `SELECT max_percent, max_amount, valid_from::text FROM support_rules WHERE code = 'TT28-2018-NATIONAL-DEMONSTRATION_MODEL'`,
    );
    expect(rule).toEqual({ max_percent: '30.00', max_amount: '1000000000', valid_from: '2018-05-11' });
  });

  it('changes nothing when run again, in keep and in overwrite mode', async () => {
    const snapshot = () => db.dataSource.query<unknown[]>(`SELECT code, name, valid_from::text, valid_to::text FROM administrative_units ORDER BY code`);
    const before = await snapshot();
    const again = await seedReferenceData(db.dataSource);
    const overwrite = await seedReferenceData(db.dataSource, { mode: 'overwrite' });
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
    expect(Object.values(overwrite).every((n) => n === 0)).toBe(true);
    expect(Object.keys(again)).toContain('calendar_days');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps an admin edit in keep mode and restores the shipped value in overwrite mode', async () => {
    await db.dataSource.query(`UPDATE calendar_days SET name = 'Sửa bởi quản trị', source = 'admin' WHERE date = '2025-09-02'`);
    const name = async () => (await db.dataSource.query<{ name: string }[]>(`SELECT name FROM calendar_days WHERE date = '2025-09-02'`))[0]!.name;
    await seedReferenceData(db.dataSource);
    expect(await name()).toBe('Sửa bởi quản trị');
    expect((await seedReferenceData(db.dataSource, { mode: 'overwrite' })).calendar_days).toBe(1);
    expect(await name()).toBe('Quốc khánh');
  });
});
