import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { CalendarStore } from '@khuyencong/persistence';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import {
  type CalendarDay,
  type CalendarSummary,
  type CalendarYear,
  type CreateCalendarDayRequest,
  type UpdateCalendarDayRequest,
} from './dto/calendars.dto.js';
import { conflict, notFound, ruleViolation } from './errors.js';

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
  private readonly calendars = new CalendarStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<CalendarSummary[]> {
    return this.calendars.list(this.dataSource.manager);
  }

  async year(code: string, year: number): Promise<CalendarYear> {
    const calendar = await this.requireCalendar(this.dataSource.manager, code);
    const days = await this.calendars.listDays(this.dataSource.manager, code, year);
    return { ...calendar, year, days };
  }

  async add(actor: Actor, code: string, input: CreateCalendarDayRequest, requestId?: string): Promise<CalendarDay> {
    return this.dataSource.transaction(async (manager) => {
      const calendar = await this.requireCalendar(manager, code, true);
      this.checkKind(calendar, input.date, input.kind);
      if (await this.calendars.dayExists(manager, code, input.date))
        throw conflict('CALENDAR_DAY_EXISTS', `Ngày ${input.date} đã có trong lịch / ${input.date} is already in the calendar: update it instead`);
      // A day the administrator removed earlier is a tombstone row: it comes back as the administrator's own day.
      const day = { date: input.date, kind: input.kind, name: input.name };
      await this.calendars.upsertAdminDay(manager, code, day);
      await this.audit.record(
        { actorUserId: actor.userId, action: 'admin.calendar_day.create', targetType: 'calendar', targetId: code, details: day, requestId },
        manager,
      );
      return day;
    });
  }

  async update(actor: Actor, code: string, date: string, input: UpdateCalendarDayRequest, requestId?: string): Promise<CalendarDay> {
    return this.dataSource.transaction(async (manager) => {
      const calendar = await this.requireCalendar(manager, code, true);
      this.checkKind(calendar, date, input.kind);
      const before = await this.calendars.lockDay(manager, code, date);
      if (!before) throw dayNotFound();
      await this.calendars.updateAdminDay(manager, code, date, input.kind, input.name);
      const after = { date, kind: input.kind, name: input.name };
      await this.audit.record(
        { actorUserId: actor.userId, action: 'admin.calendar_day.update', targetType: 'calendar', targetId: code, details: { before, after }, requestId },
        manager,
      );
      return after;
    });
  }

  async remove(actor: Actor, code: string, date: string, requestId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.requireCalendar(manager, code, true);
      // Kept as a tombstone so that re-seeding does not restore a shipped day the administrator removed.
      const removed = await this.calendars.removeDay(manager, code, date);
      if (!removed) throw dayNotFound();
      await this.audit.record(
        { actorUserId: actor.userId, action: 'admin.calendar_day.delete', targetType: 'calendar', targetId: code, details: { ...removed }, requestId },
        manager,
      );
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
    const calendar = await this.calendars.find(manager, code, lock);
    if (!calendar) throw calendarNotFound();
    return calendar;
  }
}
