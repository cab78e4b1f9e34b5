import { z } from 'zod';

/**
 * Working days are Asia/Ho_Chi_Minh calendar dates. Vietnam has used UTC+7 without daylight saving since
 * 1975, so a fixed offset is exact for every date the platform handles.
 */
const offsetMs = 7 * 60 * 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;
/** A year and a day of slack: no real calendar has a longer run of days off. */
const maxDaysScanned = 366 * 2;

export const weekdays = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
/** A day of the week by its English name, as in the reference calendar. */
export type Weekday = (typeof weekdays)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** Working-day facts as admins edit them: weekly rest days, public holidays and make-up working days. */
export const calendarDataSchema = z
  .object({
    weekend: z.array(z.enum(weekdays)).max(6),
    holidays: z.array(z.object({ date: isoDate, name: z.string().min(1) })),
    makeUpWorkingDays: z.array(z.object({ date: isoDate, name: z.string().min(1) })),
  })
  .strict();
/** Working-day calendar data (JSON, admin-editable). */
export type CalendarData = z.infer<typeof calendarDataSchema>;

/** A prepared calendar: lookups are set membership, so `decide` stays fast. Dates are `YYYY-MM-DD`. */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /** The date `count` working days after `date` (the start date itself is not counted). */
  addWorkingDays(date: string, count: number): string;
  /** The date `count` working days before `date`. */
  subtractWorkingDays(date: string, count: number): string;
  /** Working days `d` with `from < d <= to`; 0 when `to <= from`. */
  workingDaysBetween(from: string, to: string): number;
  /** Same operations on day numbers (days since 1970-01-01), used on the hot path. */
  readonly days: DayCalendar;
}

/** Day-number operations of a {@link WorkingCalendar}. */
export interface DayCalendar {
  isWorkingDay(day: number): boolean;
  addWorkingDays(day: number, count: number): number;
  subtractWorkingDays(day: number, count: number): number;
  workingDaysBetween(from: number, to: number): number;
}

/** `YYYY-MM-DD` → days since 1970-01-01. */
export function dayNumberOf(date: string): number {
  const millis = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(millis)) throw new RangeError(`not a calendar date: ${date}`);
  return millis / dayMs;
}

/** Days since 1970-01-01 → `YYYY-MM-DD`. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** The Vietnamese calendar date (as a day number) an instant falls on. */
export function localDayOf(instantMs: number): number {
  return Math.floor((instantMs + offsetMs) / dayMs);
}

/** The instant a Vietnamese calendar day starts (00:00 at UTC+7). */
export function startOfLocalDay(day: number): number {
  return day * dayMs - offsetMs;
}

/** The last millisecond of a Vietnamese calendar day (23:59:59.999 at UTC+7). */
export function endOfLocalDay(day: number): number {
  return startOfLocalDay(day + 1) - 1;
}

/** 1970-01-01 was a Thursday (index 4 in {@link weekdays}). */
function weekdayIndex(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Validates calendar data and prepares it for lookups. */
export function createWorkingCalendar(input: CalendarData): WorkingCalendar {
  const data = calendarDataSchema.parse(input);
  const weekend = new Set(data.weekend.map((name) => weekdays.indexOf(name)));
  const holidays = new Set(data.holidays.map((holiday) => dayNumberOf(holiday.date)));
  const makeUp = new Set(data.makeUpWorkingDays.map((day) => dayNumberOf(day.date)));

  const isWorkingDay = (day: number): boolean => makeUp.has(day) || (!weekend.has(weekdayIndex(day)) && !holidays.has(day));

  const step = (day: number, count: number, direction: 1 | -1): number => {
    let current = day;
    let remaining = count;
    let scanned = 0;
    while (remaining > 0) {
      current += direction;
      scanned += 1;
      if (isWorkingDay(current)) remaining -= 1;
      else if (scanned > maxDaysScanned * Math.max(1, count)) throw new RangeError('calendar has no working days');
    }
    return current;
  };

  const checkCount = (count: number): void => {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`not a working-day count: ${count}`);
  };

  const days: DayCalendar = {
    isWorkingDay,
    addWorkingDays: (day, count) => {
      checkCount(count);
      return step(day, count, 1);
    },
    subtractWorkingDays: (day, count) => {
      checkCount(count);
      return step(day, count, -1);
    },
    workingDaysBetween: (from, to) => {
      let count = 0;
      for (let day = from + 1; day <= to; day += 1) if (isWorkingDay(day)) count += 1;
      return count;
    },
  };

  return {
    days,
    isWorkingDay: (date) => isWorkingDay(dayNumberOf(date)),
    addWorkingDays: (date, count) => dateOfDayNumber(days.addWorkingDays(dayNumberOf(date), count)),
    subtractWorkingDays: (date, count) => dateOfDayNumber(days.subtractWorkingDays(dayNumberOf(date), count)),
    workingDaysBetween: (from, to) => days.workingDaysBetween(dayNumberOf(from), dayNumberOf(to)),
  };
}
