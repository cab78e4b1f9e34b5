import { type CalendarData, type Weekday } from './calendar.js';

/** ISO weekday numbers (1 = Monday … 7 = Sunday) to names, as stored in `calendars.weekend_days`. */
const isoWeekdays: readonly Weekday[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** One dated exception as the seed file and the `calendar_days` table hold it. */
export interface CalendarDayRecord {
  readonly date: string;
  readonly kind: string;
  readonly name: string;
}

/** A working-day calendar as stored: ISO weekend days and dated exceptions (`holiday` / `makeup_workday`). */
export interface StoredCalendar {
  readonly weekendDays: readonly number[];
  readonly days: readonly CalendarDayRecord[];
}

/**
 * The engine's calendar data from the stored form, so the seed file (read by the engine's tests) and the
 * database (read by the API and the worker) go through one conversion. An unknown kind or weekday is an error.
 */
export function calendarDataFromStored(stored: StoredCalendar): CalendarData {
  const weekend = stored.weekendDays.map((day) => {
    const name = isoWeekdays[day - 1];
    if (!name) throw new RangeError(`not an ISO weekday: ${day}`);
    return name;
  });
  const pick = (kind: string) => stored.days.filter((day) => day.kind === kind).map(({ date, name }) => ({ date, name }));
  const unknown = stored.days.find((day) => day.kind !== 'holiday' && day.kind !== 'makeup_workday');
  if (unknown) throw new RangeError(`unknown calendar day kind ${unknown.kind} on ${unknown.date}`);
  return { weekend, holidays: pick('holiday'), makeUpWorkingDays: pick('makeup_workday') };
}
