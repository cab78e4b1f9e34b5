import { type EntityManager } from 'typeorm';
import { COVERED_UNITS_SQL } from '../auth/session.service.js';
import { containsPattern, fold, foldSql } from './people.js';

/** The area a jury or council is chosen for: a grant on any of these units (or national) makes its holder eligible. */
export interface EligibleArea {
  communeCode?: string | null;
  provinceCode?: string | null;
  regionCode?: string | null;
}

/** A person who may be named, with the unit their grant is on, by name. */
export interface EligiblePerson {
  id: string;
  displayName: string;
  email: string;
  unitName: string;
}

/**
 * Active users holding `role` on a grant in force that covers the area — national grants cover everything, a
 * commune or province grant covers the units it succeeded too (COVERED_UNITS_SQL), a region grant its region —
 * searched by name or e-mail without accents, by name, at most 50. Each person once, with their most local grant's
 * unit. Shared by the round's jury and council pickers and the scheme's acceptance council picker.
 */
export async function eligiblePeople(manager: EntityManager, role: string, area: EligibleArea, q?: string): Promise<EligiblePerson[]> {
  const params: unknown[] = [role, area.communeCode ?? null, area.provinceCode ?? null, area.regionCode ?? null];
  let search = '';
  if (q) {
    const folded = `$${params.push(containsPattern(fold(q)))}`;
    search = ` AND (${foldSql('u.display_name')} LIKE ${folded} OR lower(u.email) LIKE ${folded})`;
  }
  const rows = await manager.query<{ id: string; display_name: string; email: string; unit_name: string }[]>(
    `SELECT id, display_name, email, unit_name FROM (
       SELECT DISTINCT ON (u.id) u.id, u.display_name, u.email,
              CASE g.scope_type WHEN 'national' THEN 'Toàn quốc'
                                WHEN 'region' THEN coalesce((SELECT r.name FROM regions r WHERE r.code = g.scope_id), g.scope_id)
                                ELSE coalesce((SELECT a.name FROM administrative_units a WHERE a.code = g.scope_id), g.scope_id) END AS unit_name
         FROM users u
         JOIN role_grants g ON g.user_id = u.id AND g.role = $1 AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
        WHERE u.active${search}
          AND (g.scope_type = 'national'
               OR (g.scope_type = 'commune' AND $2::text = ANY(${COVERED_UNITS_SQL}))
               OR (g.scope_type = 'province' AND $3::text = ANY(${COVERED_UNITS_SQL}))
               OR (g.scope_type = 'region' AND $4::text = g.scope_id))
        ORDER BY u.id, CASE g.scope_type WHEN 'commune' THEN 0 WHEN 'province' THEN 1 WHEN 'region' THEN 2 ELSE 3 END
     ) eligible
     ORDER BY display_name, email
     LIMIT 50`,
    params,
  );
  return rows.map((row) => ({ id: row.id, displayName: row.display_name, email: row.email, unitName: row.unit_name }));
}
