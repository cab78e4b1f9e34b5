import { type EntityManager } from 'typeorm';
import { type CalendarData } from './reference-data.js';
import { type SeedMode } from './upsert.js';

/**
 * Seeds calendar_days from data/calendar.json, the one calendar source. Unlike the other reference tables the
 * seed keeps following the file for the days it owns (`source = 'seed'`): a corrected or newly announced day
 * reaches existing databases, and a day dropped from the file is dropped from the table. Days an administrator
 * added, changed or removed (`source = 'admin'`, removals kept as tombstones) are never touched in `keep` mode;
 * `overwrite` resets the file's dates to the shipped values. Returns the rows inserted, changed or deleted.
 */
export async function seedCalendarDays(manager: EntityManager, calendar: CalendarData, mode: SeedMode): Promise<number> {
  const rows = calendar.calendars.flatMap((c) => c.days.map((d) => ({ code: c.code, ...d })));
  const codes = calendar.calendars.map((c) => c.code);
  const params = [rows.map((r) => r.code), rows.map((r) => r.date), rows.map((r) => r.kind), rows.map((r) => r.name), rows.map((r) => r.projected === true)];
  const owned = mode === 'keep' ? `t.source = 'seed' AND ` : '';
  const upserted = await manager.query<unknown[]>(
    `INSERT INTO calendar_days AS t (calendar_code, date, kind, name, projected, source)
     SELECT code, date, kind, name, projected, 'seed' FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::boolean[]) AS f(code, date, kind, name, projected)
     ON CONFLICT (calendar_code, date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, projected = EXCLUDED.projected, source = 'seed', removed = false
     WHERE ${owned}(t.kind, t.name, t.projected, t.source, t.removed) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name, EXCLUDED.projected, 'seed', false)
     RETURNING 1`,
    params,
  );
  // A DELETE through TypeORM answers [rows, count]; counting in a CTE keeps the answer a plain row.
  const [dropped] = await manager.query<{ n: number }[]>(
    `WITH gone AS (
       DELETE FROM calendar_days t
        WHERE t.calendar_code = ANY($3::text[]) AND t.source = 'seed'
          AND NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::date[]) AS f(code, date) WHERE f.code = t.calendar_code AND f.date = t.date)
       RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [params[0], params[1], codes],
  );
  return upserted.length + (dropped?.n ?? 0);
}
