import { type EntityManager } from 'typeorm';
import { containsPattern, fold, foldSql } from '../../fold.js';
import { GRANT_COVERED_UNITS_SQL } from './grant-store.js';
import { required, returnedRows } from '../returned-rows.js';

export type UserLocale = 'vi' | 'en';

/** A user as administrators see it (no password hash). */
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  locale: UserLocale;
  active: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A page of users and how many match in all. */
export interface UserPage {
  users: UserRecord[];
  total: number;
}

/** What signing in needs of a user: the password hash, whether it is active, an administrator's lock. */
export interface UserCredentials {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  locale: UserLocale;
  active: boolean;
  lockedUntil: Date | null;
}

export interface UserInsert {
  email: string;
  passwordHash: string;
  displayName: string;
  locale: UserLocale;
}

/** The profile fields an administrator changes; null leaves a field as it is. */
export interface UserProfileChange {
  displayName: string | null;
  locale: UserLocale | null;
  active: boolean | null;
}

/** A user as other screens name them: never by id alone. */
export interface UserName {
  displayName: string;
  email: string;
}

/** The area a jury or council is chosen for: a grant on any of these units (or national) makes its holder eligible. */
export interface UserEligibleArea {
  communeCode?: string | null;
  provinceCode?: string | null;
  regionCode?: string | null;
}

/** A person who may be named, with the unit their grant is on, by name. */
export interface UserEligiblePerson {
  id: string;
  displayName: string;
  email: string;
  unitName: string;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  locale: UserLocale;
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

interface CredentialsRow {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  locale: UserLocale;
  active: boolean;
  locked_until: Date | null;
}

const USER_COLUMNS = 'id, email, display_name, locale, active, failed_logins, locked_until, created_at, updated_at';

/** Users: accounts, their administrator's lock, and the names other screens show for them. */
export class UserStore {
  /**
   * Users whose e-mail or display name contains `search` (case-insensitive, taken literally: "50%" finds "50%"),
   * by e-mail, one page, with the count of all matches.
   */
  async search(manager: EntityManager, search: string | undefined, limit: number, offset: number): Promise<UserPage> {
    const pattern = search ? containsPattern(search) : null;
    const where = `WHERE $1::text IS NULL OR email ILIKE $1 OR display_name ILIKE $1`;
    const [count] = await manager.query<{ total: string }[]>(`SELECT count(*) AS total FROM users ${where}`, [pattern]);
    const rows = await manager.query<UserRow[]>(`SELECT ${USER_COLUMNS} FROM users ${where} ORDER BY lower(email) LIMIT $2 OFFSET $3`, [
      pattern,
      limit,
      offset,
    ]);
    return { users: rows.map(toUser), total: Number(count?.total ?? 0) };
  }

  async findById(manager: EntityManager, id: string): Promise<UserRecord | undefined> {
    const [row] = await manager.query<UserRow[]>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    return row ? toUser(row) : undefined;
  }

  /** The user locked FOR UPDATE, so concurrent edits of one user queue up; undefined when there is none. */
  async lockForUpdate(manager: EntityManager, id: string): Promise<UserRecord | undefined> {
    const [row] = await manager.query<UserRow[]>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    return row ? toUser(row) : undefined;
  }

  /** Whether the user exists; `lock` takes its row FOR UPDATE (a grant being added to it). */
  async exists(manager: EntityManager, id: string, lock = false): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM users WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return rows.length > 0;
  }

  /** Whether a user has this e-mail (given in lower case; e-mails are unique case-insensitively). */
  async emailTaken(manager: EntityManager, email: string): Promise<boolean> {
    const taken = await manager.query<unknown[]>(`SELECT 1 FROM users WHERE lower(email) = $1`, [email]);
    return taken.length > 0;
  }

  async insertUser(manager: EntityManager, user: UserInsert): Promise<UserRecord> {
    const [row] = await manager.query<UserRow[]>(
      `INSERT INTO users (email, password_hash, display_name, locale) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
      [user.email, user.passwordHash, user.displayName, user.locale],
    );
    return toUser(required(row));
  }

  async updateProfile(manager: EntityManager, id: string, change: UserProfileChange): Promise<UserRecord> {
    const [row] = returnedRows<UserRow>(
      await manager.query(
        `UPDATE users SET display_name = COALESCE($2, display_name), locale = COALESCE($3, locale), active = COALESCE($4, active), updated_at = now()
          WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [id, change.displayName, change.locale, change.active],
      ),
    );
    return toUser(required(row));
  }

  /** Sets the password hash and clears the lock and the failed sign-ins. */
  async setPassword(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.query(`UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [id, passwordHash]);
  }

  /** Lifts the lock and clears the failed sign-ins. */
  async clearLock(manager: EntityManager, id: string): Promise<UserRecord> {
    const [row] = returnedRows<UserRow>(
      await manager.query(`UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`, [id]),
    );
    return toUser(required(row));
  }

  /** The user with this e-mail (given in lower case), active or not, for signing in. */
  async findCredentialsByEmail(manager: EntityManager, email: string): Promise<UserCredentials | undefined> {
    const [row] = await manager.query<CredentialsRow[]>(`SELECT * FROM users WHERE lower(email) = $1`, [email]);
    return row ? toCredentials(row) : undefined;
  }

  /** The user if active, for refreshing a session. */
  async findActiveCredentials(manager: EntityManager, id: string): Promise<UserCredentials | undefined> {
    const [row] = await manager.query<CredentialsRow[]>(`SELECT * FROM users WHERE id = $1 AND active`, [id]);
    return row ? toCredentials(row) : undefined;
  }

  /** Display names (and e-mails) of the given users, by id; unknown ids (and strings that are no uuid) are left out. */
  async namesByIds(manager: EntityManager, ids: Iterable<string>): Promise<Record<string, UserName>> {
    const distinct = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (distinct.length === 0) return {};
    const rows = await manager.query<{ id: string; display_name: string; email: string }[]>(
      `SELECT id, display_name, email FROM users WHERE id = ANY($1::uuid[]) ORDER BY id`,
      [distinct],
    );
    return Object.fromEntries(rows.map((row) => [row.id, { displayName: row.display_name, email: row.email }]));
  }

  /**
   * Active users holding `role` on a grant in force that covers the area — national grants cover everything, a
   * commune or province grant covers the units it succeeded too (GRANT_COVERED_UNITS_SQL), a region grant its
   * region — searched by name or e-mail without accents, by name, at most 50. Each person once, with their most
   * local grant's unit.
   */
  async listEligible(manager: EntityManager, role: string, area: UserEligibleArea, q?: string): Promise<UserEligiblePerson[]> {
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
                 OR (g.scope_type = 'commune' AND $2::text = ANY(${GRANT_COVERED_UNITS_SQL}))
                 OR (g.scope_type = 'province' AND $3::text = ANY(${GRANT_COVERED_UNITS_SQL}))
                 OR (g.scope_type = 'region' AND $4::text = g.scope_id))
          ORDER BY u.id, CASE g.scope_type WHEN 'commune' THEN 0 WHEN 'province' THEN 1 WHEN 'region' THEN 2 ELSE 3 END
       ) eligible
       ORDER BY display_name, email
       LIMIT 50`,
      params,
    );
    return rows.map((row) => ({ id: row.id, displayName: row.display_name, email: row.email, unitName: row.unit_name }));
  }
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    active: row.active,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toCredentials(row: CredentialsRow): UserCredentials {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    displayName: row.display_name,
    locale: row.locale,
    active: row.active,
    lockedUntil: row.locked_until,
  };
}
