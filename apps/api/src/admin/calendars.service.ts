import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import { type CalendarDay, type CalendarSummary, type CalendarYear, type CreateCalendarDayRequest, type UpdateCalendarDayRequest } from './dto/calendars.dto.js';
import { conflict, notFound, returnedRows, ruleViolation } from './errors.js';

interface CalendarRow {
  code: string;
  name: string;
  weekend_days: number[];
}

const calendarNotFound = () => notFound('lịch', 'Calendar');
const dayNotFound = () => notFound('ngày đặc biệt', 'Calendar day');

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Working-day calendars: weekends plus dated holidays and make-up working days, edited by administrators. Every
 * edit marks the day `source = 'admin'`, so re-seeding from packages/persistence/data/calendar.json never undoes it.
 */
@Injectable()
export class CalendarsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<CalendarSummary[]> {
    const rows = await this.dataSource.query<CalendarRow[]>(`SELECT code, name, weekend_days FROM calendars ORDER BY code`);
    return rows.map(toSummary);
  }

  async year(code: string, year: number): Promise<CalendarYear> {
    const calendar = await this.requireCalendar(this.dataSource.manager, code);
    const days = await this.dataSource.query<CalendarDay[]>(
      `SELECT date::text AS date, kind, name FROM calendar_days WHERE calendar_code = $1 AND NOT removed AND date >= make_date($2, 1, 1) AND date < make_date($2 + 1, 1, 1) ORDER BY date`,
      [code, year],
    );
    return { ...calendar, year, days };
  }

  async add(actor: Actor, code: string, input: CreateCalendarDayRequest, requestId?: string): Promise<CalendarDay> {
    return this.dataSource.transaction(async (manager) => {
      const calendar = await this.requireCalendar(manager, code, true);
      this.checkKind(calendar, input.date, input.kind);
      const existing = await manager.query<unknown[]>(`SELECT 1 FROM calendar_days WHERE calendar_code = $1 AND date = $2 AND NOT removed`, [code, input.date]);
      if (existing.length > 0) throw conflict('CALENDAR_DAY_EXISTS', `Ngày ${input.date} đã có trong lịch / ${input.date} is already in the calendar: update it instead`);
      // A day the administrator removed earlier is a tombstone row: it comes back as the administrator's own day.
      await manager.query(
        `INSERT INTO calendar_days (calendar_code, date, kind, name, source) VALUES ($1, $2, $3, $4, 'admin')
         ON CONFLICT (calendar_code, date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, source = 'admin', projected = false, removed = false`,
        [code, input.date, input.kind, input.name],
      );
      const day = { date: input.date, kind: input.kind, name: input.name };
      await this.audit.record({ actorUserId: actor.userId, action: 'admin.calendar_day.create', targetType: 'calendar', targetId: code, details: day, requestId }, manager);
      return day;
    });
  }

  async update(actor: Actor, code: string, date: string, input: UpdateCalendarDayRequest, requestId?: string): Promise<CalendarDay> {
    return this.dataSource.transaction(async (manager) => {
      const calendar = await this.requireCalendar(manager, code, true);
      this.checkKind(calendar, date, input.kind);
      const [before] = await manager.query<CalendarDay[]>(`SELECT date::text AS date, kind, name FROM calendar_days WHERE calendar_code = $1 AND date = $2 AND NOT removed FOR UPDATE`, [code, date]);
      if (!before) throw dayNotFound();
      await manager.query(`UPDATE calendar_days SET kind = $3, name = $4, source = 'admin', projected = false WHERE calendar_code = $1 AND date = $2`, [code, date, input.kind, input.name]);
      const after = { date, kind: input.kind, name: input.name };
      await this.audit.record({ actorUserId: actor.userId, action: 'admin.calendar_day.update', targetType: 'calendar', targetId: code, details: { before, after }, requestId }, manager);
      return after;
    });
  }

  async remove(actor: Actor, code: string, date: string, requestId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.requireCalendar(manager, code, true);
      const [removed] = returnedRows<CalendarDay>(
        // Kept as a tombstone so that re-seeding does not restore a shipped day the administrator removed.
        await manager.query(
          `UPDATE calendar_days SET removed = true, source = 'admin' WHERE calendar_code = $1 AND date = $2 AND NOT removed RETURNING date::text AS date, kind, name`,
          [code, date],
        ),
      );
      if (!removed) throw dayNotFound();
      await this.audit.record({ actorUserId: actor.userId, action: 'admin.calendar_day.delete', targetType: 'calendar', targetId: code, details: removed, requestId }, manager);
    });
  }

  /** A make-up working day only makes sense on a weekend day, and a holiday only on a working day. */
  private checkKind(calendar: CalendarSummary, date: string, kind: CalendarDay['kind']): void {
    const weekend = calendar.weekendDays.includes(isoWeekday(date));
    if (kind === 'makeup_workday' && !weekend) {
      throw ruleViolation('NOT_A_WEEKEND', `Ngày làm bù ${date} phải rơi vào cuối tuần / A make-up working day must fall on a weekend day`);
    }
  }

  private async requireCalendar(manager: EntityManager, code: string, lock = false): Promise<CalendarSummary> {
    // Locking the calendar row serialises edits of one calendar, so a check-then-insert cannot race.
    const [row] = await manager.query<CalendarRow[]>(`SELECT code, name, weekend_days FROM calendars WHERE code = $1 ${lock ? 'FOR UPDATE' : ''}`, [code]);
    if (!row) throw calendarNotFound();
    return toSummary(row);
  }
}

function toSummary(row: CalendarRow): CalendarSummary {
  return { code: row.code, name: row.name, weekendDays: row.weekend_days.map(Number) };
}
