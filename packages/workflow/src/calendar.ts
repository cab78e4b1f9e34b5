import { calendarDataFromStored, createWorkingCalendar, type WorkingCalendar } from '@khuyencong/domain';
import { type DataSource, type EntityManager } from 'typeorm';

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

  /**
   * The calendar at `nowMs`. Inside a transaction pass its manager: loading through the pool instead would need a
   * second connection while the transaction holds one, and when every pooled connection is held by such a
   * transaction (a burst of commands as the cache expires) none is left and all of them wait forever.
   */
  async get(nowMs: number, manager?: EntityManager): Promise<WorkingCalendar> {
    if (this.cached && nowMs - this.cached.loadedAt < this.ttlMs) return this.cached.calendar;
    const reader = manager ?? this.dataSource.manager;
    const [calendar] = await reader.query<{ weekend_days: number[] }[]>(`SELECT weekend_days FROM calendars WHERE code = $1`, [this.code]);
    // Removed rows are an administrator's tombstones of shipped days (they keep re-seeding from restoring them).
    const days = await reader.query<{ date: string; kind: string; name: string }[]>(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM calendar_days WHERE calendar_code = $1 AND NOT removed ORDER BY date`,
      [this.code],
    );
    // The same conversion the engine's tests apply to the seed file (packages/persistence/data/calendar.json).
    const working = createWorkingCalendar(calendarDataFromStored({ weekendDays: (calendar?.weekend_days ?? [6, 7]).map(Number), days }));
    this.cached = { calendar: working, loadedAt: nowMs };
    return working;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
