import { type Queryable } from './queryable.js';

/**
 * Which units a report's unit lines are read by: `historical` — the units of their time (a 2024 scheme of Bình
 * Định stays on Bình Định); `current` — rolled up through the successions to today's units (Bình Định and old
 * Gia Lai → today's Gia Lai), regional lines by today's region memberships. The same records either way: the
 * totals are identical, only the lines differ.
 */
export const REPORT_UNITS = ['historical', 'current'] as const;
export type ReportUnits = (typeof REPORT_UNITS)[number];

/** A province (of any time) and the unit it is today, with that unit's region today. */
export interface CurrentUnit {
  code: string;
  name: string;
  regionCode: string | null;
  regionName: string | null;
}

/** Province code (of any time) → today's unit; a unit in force maps to itself. */
export type CurrentUnits = ReadonlyMap<string, CurrentUnit>;

/**
 * Every province, old or new, with the unit it became (transitively through unit_successions; a unit split in two
 * goes to the first successor by code, so every record still counts once) and that unit's region on `asOf`.
 */
export async function loadCurrentUnits(db: Queryable, asOf?: string): Promise<CurrentUnits> {
  const rows = await db.query<{ code: string; current_code: string; current_name: string; region_code: string | null; region_name: string | null }[]>(
    `WITH RECURSIVE today AS (SELECT COALESCE($1::date, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS d),
          chain(code, current_code, depth) AS (
            SELECT u.code, u.code, 0 FROM administrative_units u WHERE u.level = 'province'
            UNION ALL
            SELECT c.code, s.to_code, c.depth + 1 FROM chain c JOIN unit_successions s ON s.from_code = c.current_code WHERE c.depth < 16
          )
     SELECT DISTINCT ON (c.code) c.code, c.current_code, cu.name AS current_name, m.region_code, r.name AS region_name
       FROM chain c
       JOIN administrative_units cu ON cu.code = c.current_code
       CROSS JOIN today
       LEFT JOIN LATERAL (
         SELECT m.region_code FROM region_memberships m
          WHERE m.unit_code = c.current_code AND m.valid_from <= today.d AND (m.valid_to IS NULL OR m.valid_to >= today.d)
          ORDER BY m.valid_from DESC LIMIT 1
       ) m ON TRUE
       LEFT JOIN regions r ON r.code = m.region_code
      ORDER BY c.code, c.depth DESC, c.current_code`,
    [asOf ?? null],
  );
  return new Map(rows.map((row) => [row.code, { code: row.current_code, name: row.current_name, regionCode: row.region_code, regionName: row.region_name }]));
}

/** Today's unit of a province code (itself when unknown). */
export function currentOf(units: CurrentUnits, provinceCode: string): string {
  return units.get(provinceCode)?.code ?? provinceCode;
}
