import { calendarDataFromStored } from './calendar-days.js';
import { createWorkingCalendar } from './calendar.js';
import { vietnamCalendar as calendar, vietnamCalendarFile } from '../testing/vietnam-calendar.js';

// The engine's calendar in these tests is the project's one source, packages/persistence/data/calendar.json,
// the file the database seed loads; apps/api/test/calendar-source.int-spec.ts asserts the API's same deadline.
describe('the one working-day calendar source (2018–2030)', () => {
  it('counts working days from Thursday 23 January 2025 across Tết 2025 and the make-up Saturday 15 February', () => {
    // 24 Jan is the 1st; 25 Jan–2 Feb is off; 3–7 Feb are the 2nd–6th, 10–13 Feb the 7th–10th, 14 Feb the 11th
    // and the make-up Saturday 15 Feb the 12th (a calendar without it, like the old seed, says Monday 17 Feb).
    expect(calendar.addWorkingDays('2025-01-23', 10)).toBe('2025-02-13');
    expect(calendar.addWorkingDays('2025-01-23', 12)).toBe('2025-02-15');
    expect(calendar.workingDaysBetween('2025-01-23', '2025-02-17')).toBe(13);
  });

  it('covers every year 2018–2030 with 1/1, Tết, Hùng Kings, 30/4, 1/5 and 2/9', () => {
    for (let year = 2018; year <= 2030; year += 1) {
      const holidays = vietnamCalendarFile.days.filter((day) => day.date.startsWith(`${year}-`) && day.kind === 'holiday');
      expect({ year, tet: holidays.filter((day) => day.name.startsWith('Tết Nguyên đán')).length >= 4 }).toEqual({ year, tet: true });
      expect({ year, many: holidays.length >= 9 }).toEqual({ year, many: true });
    }
  });

  it('skips the holidays of 2022 (the demo round year), which the old seed lacked', () => {
    expect(calendar.isWorkingDay('2022-02-01')).toBe(false); // Tết
    expect(calendar.isWorkingDay('2022-04-11')).toBe(false); // Hùng Kings, made up (10/4 was a Sunday)
    expect(calendar.addWorkingDays('2022-01-28', 1)).toBe('2022-02-07');
  });

  it('marks only inferred days as projected, never an announced year before 2026', () => {
    const projected = vietnamCalendarFile.days.filter((day) => 'projected' in day && day.projected === true);
    expect(projected.length).toBeGreaterThan(0);
    expect(projected.every((day) => day.date >= '2026-01-01')).toBe(true);
  });

  it('converts the stored form and rejects unknown kinds and weekdays', () => {
    const data = calendarDataFromStored({ weekendDays: [7], days: [{ date: '2025-03-08', kind: 'holiday', name: 'x' }] });
    expect(createWorkingCalendar(data).isWorkingDay('2025-03-08')).toBe(false);
    expect(() => calendarDataFromStored({ weekendDays: [8], days: [] })).toThrow(RangeError);
    expect(() => calendarDataFromStored({ weekendDays: [6], days: [{ date: '2025-03-08', kind: 'other', name: 'x' }] })).toThrow(RangeError);
  });
});
