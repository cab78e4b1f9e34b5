import { seedReferenceData } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

/** The units in force since the 2025 reform (34 provinces with official codes, 3,321 communes) and the triggers. */
describe('units in force', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const count = async (sql: string, params: unknown[] = []) => (await db.dataSource.query<{ n: number }[]>(sql, params))[0]!.n;
  const refusal = async (sql: string, params: unknown[] = []) => {
    try {
      await db.dataSource.query(sql, params);
    } catch (error) {
      const driver = (error as { driverError?: { code?: string; constraint?: string; detail?: string } }).driverError;
      return { code: driver?.code, constraint: driver?.constraint, detail: JSON.parse(driver?.detail ?? '{}') as Record<string, unknown> };
    }
    return undefined;
  };

  it('seeds 34 provinces in force today, each with its official code, and 3,321 communes under them', async () => {
    const inForce = `valid_from <= CURRENT_DATE AND (valid_to IS NULL OR valid_to >= CURRENT_DATE)`;
    expect(await count(`SELECT count(*)::int AS n FROM administrative_units WHERE level = 'province' AND ${inForce}`)).toBe(34);
    expect(await count(`SELECT count(*)::int AS n FROM administrative_units WHERE level = 'province' AND ${inForce} AND official_code ~ '^[0-9]{2}$'`)).toBe(
      34,
    );
    expect(await count(`SELECT count(*)::int AS n FROM administrative_units WHERE level = 'commune' AND ${inForce} AND code ~ '^[0-9]{5}$'`)).toBe(3321);
    const orphans = await count(
      `SELECT count(*)::int AS n FROM administrative_units c LEFT JOIN administrative_units p ON p.code = c.parent_code
        WHERE c.level = 'commune' AND (p.level IS DISTINCT FROM 'province' OR p.valid_to IS NOT NULL OR p.valid_from > c.valid_from)`,
    );
    expect(orphans).toBe(0);
    const [giaLai] = await db.dataSource.query<{ official_code: string; communes: number }[]>(
      `SELECT p.official_code, (SELECT count(*)::int FROM administrative_units c WHERE c.parent_code = p.code) AS communes
         FROM administrative_units p WHERE p.code = 'gia-lai-2025'`,
    );
    expect(giaLai).toEqual({ official_code: '52', communes: 135 });
  });

  it('seeds again without changes (bulk, idempotent)', async () => {
    const started = Date.now();
    const again = await seedReferenceData(db.dataSource);
    expect(again.administrative_units).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a new establishment in an abolished province, naming the successor', async () => {
    const refused = await refusal(`INSERT INTO organisations (type, name, province_code) VALUES ('establishment', 'Cơ sở', 'binh-dinh')`);
    expect(refused).toMatchObject({ code: '23514', constraint: 'ck_unit_in_force' });
    expect(refused?.detail).toMatchObject({ unitCode: 'binh-dinh', validTo: '2025-06-30', successors: [{ code: 'gia-lai-2025', name: 'Gia Lai' }] });
  });

  it('accepts an old-dated record on the old unit and a new one on the successor with one of its communes', async () => {
    await db.dataSource.query(
      `INSERT INTO organisations (type, name, province_code, commune_code, created_at) VALUES ('establishment', 'Cũ', 'gia-lai', 'xa-cu', '2024-05-01')`,
    );
    await db.dataSource.query(`INSERT INTO organisations (type, name, province_code, commune_code) VALUES ('establishment', 'Mới', 'gia-lai-2025', '23941')`);
  });

  it('refuses a commune of another province and an unknown commune', async () => {
    const outside = await refusal(`INSERT INTO organisations (type, name, province_code, commune_code) VALUES ('establishment', 'X', 'dak-lak-2025', '23941')`);
    expect(outside).toMatchObject({ constraint: 'ck_commune_in_province', detail: { communeProvinceCode: 'gia-lai-2025' } });
    const unknown = await refusal(`INSERT INTO organisations (type, name, province_code, commune_code) VALUES ('establishment', 'X', 'gia-lai-2025', 'xa-1')`);
    expect(unknown).toMatchObject({ constraint: 'ck_unit_known' });
  });

  it('checks schemes by their year, rounds by their opening day and grants by their first day', async () => {
    const user = await db.dataSource.query<{ id: string }[]>(`INSERT INTO users (email, password_hash, display_name) VALUES ('u@x.vn', 'x', 'u') RETURNING id`);
    const grant = `INSERT INTO role_grants (user_id, role, scope_type, scope_id, valid_from) VALUES ($1, 'provincial_officer', 'province', $2, $3)`;
    expect(await refusal(grant, [user[0]!.id, 'gia-lai', '2026-01-05'])).toMatchObject({ constraint: 'ck_unit_in_force' });
    expect(await refusal(grant, [user[0]!.id, 'gia-lai', '2025-01-05'])).toBeUndefined();
    const round = `INSERT INTO rounds (name, level, year, scope_type, scope_code, registration_opens_at, registration_closes_at)
                   VALUES ('R', $1, $2, $1, $3, $4, $4::timestamptz + interval '30 days')`;
    expect(await refusal(round, ['province', 2026, 'gia-lai', '2026-03-01'])).toMatchObject({ constraint: 'ck_unit_in_force' });
    expect(await refusal(round, ['province', 2024, 'gia-lai', '2024-03-01'])).toBeUndefined();
    expect(await refusal(round, ['commune', 2026, '23941', '2026-03-01'])).toBeUndefined();
    expect(await refusal(round, ['commune', 2027, 'xa-khong-co', '2027-03-01'])).toMatchObject({ constraint: 'ck_unit_known' });
  });
});
