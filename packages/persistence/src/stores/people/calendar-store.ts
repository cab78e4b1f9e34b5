import { type EntityManager } from 'typeorm';
import { returnedRows } from '../returned-rows.js';

export type CalendarDayKind = 'holiday' | 'makeup_workday';

/** A working-day calendar: its weekend days (ISO weekdays, 1 = Monday … 7 = Sunday). */
export interface CalendarRecord {
  code: string;
  name: string;
  weekendDays: number[];
}

/** A dated exception of a calendar: a holiday or a make-up working day (date as YYYY-MM-DD). */
export interface CalendarDayRecord {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

interface CalendarRow {
  code: string;
  name: string;
  weekend_days: number[];
}

/**
 * Working-day calendars and their dated days, as administrators edit them. Every edit marks the day
 * `source = 'admin'`, so re-seeding from packages/persistence/data/calendar.json never undoes it; a removed day
 * stays as a tombstone row (`removed`) for the same reason.
 */
export class CalendarStore {
  async list(manager: EntityManager): Promise<CalendarRecord[]> {
    const rows = await manager.query<CalendarRow[]>(`SELECT code, name, weekend_days FROM calendars ORDER BY code`);
    return rows.map(toCalendar);
  }

  /** The calendar; `lock` takes its row FOR UPDATE, which serialises edits of one calendar so a check-then-insert cannot race. */
  async find(manager: EntityManager, code: string, lock = false): Promise<CalendarRecord | undefined> {
    const [row] = await manager.query<CalendarRow[]>(`SELECT code, name, weekend_days FROM calendars WHERE code = $1 ${lock ? 'FOR UPDATE' : ''}`, [code]);
    return row ? toCalendar(row) : undefined;
  }

  /** The calendar's days (not removed) in the year, by date. */
  listDays(manager: EntityManager, code: string, year: number): Promise<CalendarDayRecord[]> {
    return manager.query<CalendarDayRecord[]>(
      `SELECT date::text AS date, kind, name FROM calendar_days WHERE calendar_code = $1 AND NOT removed AND date >= make_date($2, 1, 1) AND date < make_date($2 + 1, 1, 1) ORDER BY date`,
      [code, year],
    );
  }

  /** Whether the calendar has this day (a removed day's tombstone does not count). */
  async dayExists(manager: EntityManager, code: string, date: string): Promise<boolean> {
    const existing = await manager.query<unknown[]>(`SELECT 1 FROM calendar_days WHERE calendar_code = $1 AND date = $2 AND NOT removed`, [code, date]);
    return existing.length > 0;
  }

  /** Adds the administrator's day; a day removed earlier (its tombstone row) comes back as the administrator's own day. */
  async upsertAdminDay(manager: EntityManager, code: string, day: CalendarDayRecord): Promise<void> {
    await manager.query(
      `INSERT INTO calendar_days (calendar_code, date, kind, name, source) VALUES ($1, $2, $3, $4, 'admin')
       ON CONFLICT (calendar_code, date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, source = 'admin', projected = false, removed = false`,
      [code, day.date, day.kind, day.name],
    );
  }

  /** The day (not removed), locked FOR UPDATE. */
  async lockDay(manager: EntityManager, code: string, date: string): Promise<CalendarDayRecord | undefined> {
    const [day] = await manager.query<CalendarDayRecord[]>(
      `SELECT date::text AS date, kind, name FROM calendar_days WHERE calendar_code = $1 AND date = $2 AND NOT removed FOR UPDATE`,
      [code, date],
    );
    return day;
  }

  /** Changes the day's kind and name, as the administrator's. */
  async updateAdminDay(manager: EntityManager, code: string, date: string, kind: CalendarDayKind, name: string): Promise<void> {
    await manager.query(`UPDATE calendar_days SET kind = $3, name = $4, source = 'admin', projected = false WHERE calendar_code = $1 AND date = $2`, [
      code,
      date,
      kind,
      name,
    ]);
  }

  /**
   * Removes the day, kept as a tombstone so that re-seeding does not restore a shipped day the administrator
   * removed; returns the day as it was, undefined when there was none.
   */
  async removeDay(manager: EntityManager, code: string, date: string): Promise<CalendarDayRecord | undefined> {
    const [removed] = returnedRows<CalendarDayRecord>(
      await manager.query(
        `UPDATE calendar_days SET removed = true, source = 'admin' WHERE calendar_code = $1 AND date = $2 AND NOT removed RETURNING date::text AS date, kind, name`,
        [code, date],
      ),
    );
    return removed;
  }
}

function toCalendar(row: CalendarRow): CalendarRecord {
  return { code: row.code, name: row.name, weekendDays: row.weekend_days.map(Number) };
}
