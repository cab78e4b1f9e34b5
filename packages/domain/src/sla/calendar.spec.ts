import { createWorkingCalendar, dateOfDayNumber, dayNumberOf, endOfLocalDay, localDayOf, startOfLocalDay } from './calendar.js';
import { vietnamCalendar as calendar } from '../testing/vietnam-calendar.js';

describe('working-day calendar (Asia/Ho_Chi_Minh dates)', () => {
  it('treats Saturdays and Sundays as days off', () => {
    expect(calendar.isWorkingDay('2025-03-07')).toBe(true); // Friday
    expect(calendar.isWorkingDay('2025-03-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-03-09')).toBe(false);
    expect(calendar.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
  });

  it('skips the 2025 Tết holiday: nine days off from Saturday 25 January to Sunday 2 February', () => {
    for (const date of ['2025-01-25', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-31', '2025-02-02']) {
      expect(calendar.isWorkingDay(date)).toBe(false);
    }
    expect(calendar.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(calendar.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(calendar.subtractWorkingDays('2025-02-03', 1)).toBe('2025-01-24');
  });

  it('counts make-up Saturdays as working days', () => {
    expect(calendar.isWorkingDay('2025-02-15')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-22')).toBe(false);
    expect(calendar.addWorkingDays('2025-02-14', 1)).toBe('2025-02-15');
    expect(calendar.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26'); // make-up for Friday 2 May
    expect(calendar.isWorkingDay('2025-05-02')).toBe(false);
  });

  it('counts nothing when the range is empty and adds nothing for zero days', () => {
    expect(calendar.workingDaysBetween('2025-03-10', '2025-03-10')).toBe(0);
    expect(calendar.workingDaysBetween('2025-03-10', '2025-03-01')).toBe(0);
    expect(calendar.addWorkingDays('2025-03-08', 0)).toBe('2025-03-08');
  });

  it('maps instants to Vietnamese dates (UTC+7)', () => {
    expect(dateOfDayNumber(localDayOf(Date.parse('2025-03-02T16:59:59.999Z')))).toBe('2025-03-02');
    expect(dateOfDayNumber(localDayOf(Date.parse('2025-03-02T17:00:00.000Z')))).toBe('2025-03-03');
    expect(new Date(startOfLocalDay(dayNumberOf('2025-03-03'))).toISOString()).toBe('2025-03-02T17:00:00.000Z');
    expect(new Date(endOfLocalDay(dayNumberOf('2025-03-03'))).toISOString()).toBe('2025-03-03T16:59:59.999Z');
  });

  it('rejects malformed dates, counts and calendars', () => {
    expect(() => dayNumberOf('3/3/2025')).toThrow(RangeError);
    expect(() => dayNumberOf('2025-13-45')).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-03-03', -1)).toThrow(RangeError);
    expect(() => calendar.subtractWorkingDays('2025-03-03', 1.5)).toThrow(RangeError);
    expect(() => createWorkingCalendar({ weekend: ['SUNDAY'], holidays: [{ date: '2025-1-1', name: 'x' }], makeUpWorkingDays: [] })).toThrow();
  });

  it('gives up instead of looping when a calendar has no working day for years', () => {
    const mondays = Array.from({ length: 110 }, (_, week) => ({ date: dateOfDayNumber(dayNumberOf('2025-01-06') + week * 7), name: 'off' }));
    const closed = createWorkingCalendar({
      weekend: ['SUNDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'],
      holidays: mondays,
      makeUpWorkingDays: [],
    });
    expect(() => closed.addWorkingDays('2025-01-01', 1)).toThrow('calendar has no working days');
  });
});
