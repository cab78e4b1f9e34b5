import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày dạng YYYY-MM-DD / a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'Ngày không tồn tại / not a real date');

export const Uuid = z.string().uuid('Mã không hợp lệ / not a valid id');

/** `?on=YYYY-MM-DD`; today in Asia/Ho_Chi_Minh when absent. */
export const OnDateQuery = z.object({ on: IsoDate.optional() });
export type OnDateQuery = z.output<typeof OnDateQuery>;
