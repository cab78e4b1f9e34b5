import { z } from 'zod';
import { IsoDate } from './common.js';
import { safeText } from '../../common/zod.js';

const DayKind = z.enum(['holiday', 'makeup_workday']);
const DayName = safeText(1, 200);

export const CalendarCode = z.string().regex(/^[A-Za-z0-9_-]{1,50}$/, 'Mã lịch không hợp lệ / not a calendar code');
export const CalendarYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export type CalendarYearQuery = z.output<typeof CalendarYearQuery>;

export const CreateCalendarDayRequest = z.object({ date: IsoDate, kind: DayKind, name: DayName });
export type CreateCalendarDayRequest = z.output<typeof CreateCalendarDayRequest>;

export const UpdateCalendarDayRequest = z.object({ kind: DayKind, name: DayName });
export type UpdateCalendarDayRequest = z.output<typeof UpdateCalendarDayRequest>;

export const CalendarDay = z.object({ date: z.string(), kind: DayKind, name: z.string() });
export type CalendarDay = z.output<typeof CalendarDay>;

export const CalendarSummary = z.object({
  code: z.string(),
  name: z.string(),
  weekendDays: z.array(z.number().int()).describe('ISO weekdays, 1 = Monday … 7 = Sunday'),
});
export type CalendarSummary = z.output<typeof CalendarSummary>;

export const CalendarYear = CalendarSummary.extend({ year: z.number().int(), days: z.array(CalendarDay) });
export type CalendarYear = z.output<typeof CalendarYear>;
