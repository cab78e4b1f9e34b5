import { createWorkingCalendar, weekdays, type WorkingCalendar } from '@khuyencong/domain';
import { type DataSource } from 'typeorm';

const ISO_WEEKDAY = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;

/**
 * The working-day calendar from the database (admin-editable), cached briefly: commands are hot, calendar
 * edits are rare. `invalidate()` after an edit makes it visible at once in this process.
 */
export class CalendarProvider {
  private cached: { calendar: WorkingCalendar; loadedAt: number } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly code = 'VN',
    private readonly ttlMs = 60_000,
  ) {}

  async get(nowMs: number): Promise<WorkingCalendar> {
    if (this.cached && nowMs - this.cached.loadedAt < this.ttlMs) return this.cached.calendar;
    const [calendar] = await this.dataSource.query<{ weekend_days: number[] }[]>(`SELECT weekend_days FROM calendars WHERE code = $1`, [this.code]);
    const days = await this.dataSource.query<{ date: string; kind: string; name: string }[]>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days WHERE calendar_code = $1 ORDER BY date`,
      [this.code],
    );
    const weekend = (calendar?.weekend_days ?? [6, 7]).map((day) => ISO_WEEKDAY[day - 1]!).filter((day) => weekdays.includes(day));
    const working = createWorkingCalendar({
      weekend,
      holidays: days.filter((day) => day.kind === 'holiday').map(({ date, name }) => ({ date, name })),
      makeUpWorkingDays: days.filter((day) => day.kind === 'makeup_workday').map(({ date, name }) => ({ date, name })),
    });
    this.cached = { calendar: working, loadedAt: nowMs };
    return working;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
