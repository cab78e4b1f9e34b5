import calendarFile from '../../../persistence/data/calendar.json' with { type: 'json' };
import { createWorkingCalendar, type CalendarData } from '../sla/calendar.js';
import { calendarDataFromStored } from '../sla/calendar-days.js';

/**
 * The project's one working-day calendar source, packages/persistence/data/calendar.json (2018–2030): the same
 * file the database seed loads, so the engine's tests and the API and worker (which read the seeded tables)
 * compute the same deadlines. Test support only: the engine itself takes its calendar from the context.
 */
const vietnam = calendarFile.calendars.find((calendar) => calendar.code === 'VN');
if (!vietnam) throw new Error('calendar.json has no VN calendar');

/** The VN calendar as engine data. */
export const vietnamCalendarData: CalendarData = calendarDataFromStored(vietnam);
/** The VN calendar, prepared. */
export const vietnamCalendar = createWorkingCalendar(vietnamCalendarData);
/** The stored form (as seeded), for tests comparing the file with other copies. */
export const vietnamCalendarFile = vietnam;
