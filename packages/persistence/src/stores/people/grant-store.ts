import { type EntityManager } from 'typeorm';

/**
 * The units grant `g` covers (scopes follow successions, DESIGN §3): its own unit and, for a province or commune
 * grant, every unit it succeeded, transitively (today's Gia Lai → old Gia Lai and Bình Định). Regions are not
 * succeeded, and a grant on an abolished unit does not reach its successor (new records use units in force).
 * Read with the grants on every session load, so an edited succession applies within the session cache's
 * few seconds (SESSION_CACHE_SECONDS), like any grant change. A fragment over a `role_grants g` in the query.
 */
export const GRANT_COVERED_UNITS_SQL = `CASE
  WHEN g.scope_id IS NULL THEN '{}'::text[]
  WHEN g.scope_type NOT IN ('province', 'commune') THEN ARRAY[g.scope_id]
  ELSE ARRAY(
    WITH RECURSIVE covered(code) AS (
      SELECT g.scope_id
      UNION
      SELECT s.from_code FROM unit_successions s JOIN covered c ON s.to_code = c.code
    )
    SELECT code FROM covered ORDER BY code = g.scope_id DESC, code)
END`;

/** A grant in force now. */
const CURRENT = `valid_from <= now() AND (valid_to IS NULL OR valid_to > now())`;

/** One role × scope grant (a row of role_grants). */
export interface GrantRecord {
  id: string;
  userId: string;
  role: string;
  scopeType: string;
  scopeId: string | null;
  validFrom: Date;
  validTo: Date | null;
  grantedBy: string | null;
}

/** What a new grant names. */
export interface GrantInsert {
  userId: string;
  role: string;
  scopeType: string;
  scopeId: string | null;
  grantedBy: string;
}

/** A grant as a session carries it: role and scope only. */
export interface GrantScope {
  role: string;
  scopeType: string;
  scopeId: string | null;
}

/** The name of a grant's scope: a unit (province or commune), an establishment or a region. */
export interface GrantScopeName {
  kind: 'unit' | 'establishment' | 'region';
  id: string;
  name: string;
}

interface GrantRow {
  id: string;
  user_id: string;
  role: string;
  scope_type: string;
  scope_id: string | null;
  valid_from: Date;
  valid_to: Date | null;
  granted_by: string | null;
}

/** Role grants (role_grants). Revoking ends a grant's validity (history stays); nothing here deletes a row. */
export class GrantStore {
  /** The user's grants in force now, by role and scope. */
  async listCurrent(manager: EntityManager, userId: string): Promise<GrantRecord[]> {
    const rows = await manager.query<GrantRow[]>(`SELECT * FROM role_grants WHERE user_id = $1 AND ${CURRENT} ORDER BY role, scope_type, scope_id`, [userId]);
    return rows.map(toGrant);
  }

  /** The user's grants in force now as a session carries them (role and scope), by role and scope. */
  listCurrentScopes(manager: EntityManager, userId: string): Promise<GrantScope[]> {
    return manager.query<GrantScope[]>(
      `SELECT role, scope_type AS "scopeType", scope_id AS "scopeId" FROM role_grants WHERE user_id = $1 AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now()) ORDER BY role, scope_type, scope_id`,
      [userId],
    );
  }

  /**
   * Whether the user holds a grant of this role and scope not yet ended, whether it has started or not
   * (uq_role_grants_open closes the race behind this check).
   */
  async openGrantExists(manager: EntityManager, userId: string, role: string, scopeType: string, scopeId: string | null): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM role_grants WHERE user_id = $1 AND role = $2 AND scope_type = $3 AND scope_id IS NOT DISTINCT FROM $4 AND valid_to IS NULL`,
      [userId, role, scopeType, scopeId],
    );
    return rows.length > 0;
  }

  async insertGrant(manager: EntityManager, grant: GrantInsert): Promise<GrantRecord> {
    const [row] = await manager.query<GrantRow[]>(
      `INSERT INTO role_grants (user_id, role, scope_type, scope_id, granted_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [grant.userId, grant.role, grant.scopeType, grant.scopeId, grant.grantedBy],
    );
    if (!row) throw new Error('insert returned no row');
    return toGrant(row);
  }

  /** The user's grant in force now with this id, locked FOR UPDATE; undefined when there is none. */
  async lockCurrent(manager: EntityManager, grantId: string, userId: string): Promise<GrantRecord | undefined> {
    const [row] = await manager.query<GrantRow[]>(`SELECT * FROM role_grants WHERE id = $1 AND user_id = $2 AND ${CURRENT} FOR UPDATE`, [grantId, userId]);
    return row ? toGrant(row) : undefined;
  }

  /** Ends the grant now; valid_to must be after valid_from (check constraint), even for a grant made in the same instant. */
  async endValidity(manager: EntityManager, grantId: string): Promise<void> {
    await manager.query(`UPDATE role_grants SET valid_to = GREATEST(now(), valid_from + interval '1 millisecond') WHERE id = $1`, [grantId]);
  }

  /** Whether an administrative unit of this level (province or commune) has this code. */
  async unitExists(manager: EntityManager, code: string, level: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM administrative_units WHERE code = $1 AND level = $2`, [code, level]);
    return rows.length > 0;
  }

  /** Whether an establishment has this id (a uuid: the caller checks the shape, the cast would fail otherwise). */
  async establishmentExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM organisations WHERE id = $1 AND type = 'establishment'`, [id]);
    return rows.length > 0;
  }

  /** The names of the grants' scopes, in one round trip: units and regions by code, establishments by id (uuids only). */
  scopeNames(
    manager: EntityManager,
    unitCodes: readonly string[],
    establishmentIds: readonly string[],
    regionCodes: readonly string[],
  ): Promise<GrantScopeName[]> {
    return manager.query<GrantScopeName[]>(
      `SELECT 'unit' AS kind, code AS id, name FROM administrative_units WHERE code = ANY($1::text[])
         UNION ALL SELECT 'establishment', id::text, name FROM organisations WHERE id = ANY($2::uuid[])
         UNION ALL SELECT 'region', code, name FROM regions WHERE code = ANY($3::text[])`,
      [unitCodes, establishmentIds, regionCodes],
    );
  }
}

function toGrant(row: GrantRow): GrantRecord {
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role,
    scopeType: row.scope_type,
    scopeId: row.scope_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    grantedBy: row.granted_by,
  };
}
