// Issue 16: one working-day calendar source. The engine (fed the project's file, as in its own tests) and the API
// (fed the seeded, admin-editable tables) compute the same deadlines, and an administrator's edit survives re-seeding.
import { readFileSync } from 'node:fs';
import { calendarDataFromStored, createWorkingCalendar, dateOfDayNumber, dayNumberOf, type StoredCalendar } from '@khuyencong/domain';
import { seedReferenceData } from '@khuyencong/persistence';
import { WorkflowRunner } from '@khuyencong/workflow';
import { createUser, startTestApi, type TestApi } from './harness.js';

const PASSWORD = 'mat-khau-lich-1';
const file = JSON.parse(readFileSync(new URL('../../../packages/persistence/data/calendar.json', import.meta.url), 'utf8')) as {
  calendars: (StoredCalendar & { code: string })[];
};
const engineCalendar = createWorkingCalendar(calendarDataFromStored(file.calendars.find((c) => c.code === 'VN')!));

describe('one working-day calendar for the engine and the API', () => {
  let api: TestApi;
  let admin: TestApi['client'];
  let runner: WorkflowRunner;
  const apiCalendar = () => {
    runner.calendar.invalidate();
    return runner.calendar.get(Date.now());
  };

  beforeAll(async () => {
    api = await startTestApi();
    await createUser(api, 'admin.lich@example.vn', PASSWORD, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    const { data } = await api.client.POST('/api/auth/login', { body: { email: 'admin.lich@example.vn', password: PASSWORD } });
    admin = api.as(data!.accessToken);
    runner = api.app.get(WorkflowRunner);
  });
  afterAll(() => api.close());

  it('computes the same deadline across Tết 2025 both ways: 12 working days from 23 January is the make-up Saturday 15 February', async () => {
    const calendar = await apiCalendar();
    expect(engineCalendar.addWorkingDays('2025-01-23', 12)).toBe('2025-02-15');
    expect(calendar.addWorkingDays('2025-01-23', 12)).toBe('2025-02-15');
    expect(calendar.addWorkingDays('2025-01-23', 10)).toBe(engineCalendar.addWorkingDays('2025-01-23', 10));
  });

  it('agrees with the file on every day of 2018–2030', async () => {
    const calendar = await apiCalendar();
    const differing: string[] = [];
    for (let day = dayNumberOf('2018-01-01'); day <= dayNumberOf('2030-12-31'); day += 1) {
      if (calendar.days.isWorkingDay(day) !== engineCalendar.days.isWorkingDay(day)) differing.push(dateOfDayNumber(day));
    }
    expect(differing).toEqual([]);
  });

  it("keeps an administrator's removal and addition through re-seeding, and the API's deadline follows them", async () => {
    const path = { code: 'VN', date: '2025-02-15' };
    expect((await admin.DELETE('/api/admin/calendars/{code}/days/{date}', { params: { path } })).response.status).toBe(204);
    const added = await admin.POST('/api/admin/calendars/{code}/days', {
      params: { path: { code: 'VN' } },
      body: { date: '2025-02-14', kind: 'holiday', name: 'Nghỉ thử / trial day off' },
    });
    expect(added.response.status).toBe(201);
    expect((await seedReferenceData(api.database.dataSource)).calendar_days).toBe(0);
    const year = await admin.GET('/api/admin/calendars/{code}/days', { params: { path: { code: 'VN' }, query: { year: 2025 } } });
    expect(year.data?.days.map((d) => d.date)).not.toContain('2025-02-15');
    expect(year.data?.days).toContainEqual({ date: '2025-02-14', kind: 'holiday', name: 'Nghỉ thử / trial day off' });
    expect((await apiCalendar()).addWorkingDays('2025-01-23', 12)).toBe('2025-02-18');
    // The removed day can be entered again by the administrator.
    const back = await admin.POST('/api/admin/calendars/{code}/days', {
      params: { path: { code: 'VN' } },
      body: { date: '2025-02-15', kind: 'makeup_workday', name: 'Làm bù' },
    });
    expect(back.response.status).toBe(201);
    expect((await admin.DELETE('/api/admin/calendars/{code}/days/{date}', { params: { path: { code: 'VN', date: '2025-02-14' } } })).response.status).toBe(204);
    expect((await apiCalendar()).addWorkingDays('2025-01-23', 12)).toBe('2025-02-15');
  });
});
