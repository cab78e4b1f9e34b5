import { seedReferenceData } from '../src/index.js';
import { loadReferenceData } from '../src/seed/reference-data.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

// data/calendar.json is the one calendar source: the seeded tables must equal it, follow its corrections, and
// never undo what an administrator did.
describe('calendar seed', () => {
  let db: TestDatabase;
  const data = loadReferenceData();
  const file = data.calendar.calendars[0]!;
  const fileDays = file.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, projected: d.projected === true }));
  const dbDays = () =>
    db.dataSource.query<{ date: string; kind: string; name: string; projected: boolean }[]>(
      `SELECT date::text AS date, kind, name, projected FROM calendar_days WHERE calendar_code = $1 AND NOT removed ORDER BY date`,
      [file.code],
    );
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('equals the file for 2018–2030 after seeding, every row marked as seeded', async () => {
    expect(await dbDays()).toEqual(fileDays);
    expect(fileDays[0]!.date.startsWith('2018-')).toBe(true);
    expect(fileDays.at(-1)!.date.startsWith('2030-')).toBe(true);
    const sources = await db.dataSource.query<{ source: string }[]>(`SELECT DISTINCT source FROM calendar_days`);
    expect(sources).toEqual([{ source: 'seed' }]);
    const [calendar] = await db.dataSource.query<{ weekend_days: number[] }[]>(`SELECT weekend_days FROM calendars WHERE code = $1`, [file.code]);
    expect(calendar!.weekend_days).toEqual(file.weekendDays);
  });

  it("keeps an administrator's added, changed and removed days when seeding again", async () => {
    await db.dataSource.query(`UPDATE calendar_days SET name = 'Quốc khánh (quản trị sửa)', source = 'admin' WHERE date = '2025-09-02'`);
    await db.dataSource.query(`UPDATE calendar_days SET removed = true, source = 'admin' WHERE date = '2027-09-03'`);
    await db.dataSource.query(`INSERT INTO calendar_days (calendar_code, date, kind, name) VALUES ('VN', '2026-01-02', 'holiday', 'Nghỉ hoán đổi')`);
    expect((await seedReferenceData(db.dataSource)).calendar_days).toBe(0);
    const after = await dbDays();
    expect(after.find((d) => d.date === '2025-09-02')!.name).toBe('Quốc khánh (quản trị sửa)');
    expect(after.find((d) => d.date === '2027-09-03')).toBeUndefined();
    expect(after.find((d) => d.date === '2026-01-02')!.name).toBe('Nghỉ hoán đổi');
  });

  it('brings a seeded day back to the file and drops a seeded day the file no longer has', async () => {
    await db.dataSource.query(`UPDATE calendar_days SET name = 'cũ / stale' WHERE date = '2025-02-15'`);
    await db.dataSource.query(
      `INSERT INTO calendar_days (calendar_code, date, kind, name, source) VALUES ('VN', '2025-03-03', 'holiday', 'not in the file', 'seed')`,
    );
    expect((await seedReferenceData(db.dataSource)).calendar_days).toBe(2);
    const after = await dbDays();
    expect(after.find((d) => d.date === '2025-02-15')).toEqual({
      date: '2025-02-15',
      kind: 'makeup_workday',
      name: 'Làm bù cho thứ Hai 27/01/2025',
      projected: false,
    });
    expect(after.find((d) => d.date === '2025-03-03')).toBeUndefined();
  });

  it('resets the administrator edits of shipped days in overwrite mode, keeping days the file does not have', async () => {
    expect((await seedReferenceData(db.dataSource, { mode: 'overwrite' })).calendar_days).toBe(2);
    const after = await dbDays();
    expect(after.filter((d) => d.date !== '2026-01-02')).toEqual(fileDays);
    expect(after.find((d) => d.date === '2026-01-02')!.name).toBe('Nghỉ hoán đổi');
  });
});
