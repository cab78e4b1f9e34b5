import { type EntityManager } from 'typeorm';
import { GRANT_COVERED_UNITS_SQL } from './grant-store.js';
import { returnedRows } from '../returned-rows.js';

/** A refresh token, by its hash (the token itself is never stored). */
export interface SessionRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface SessionTokenInsert {
  id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  ttlDays: number;
}

/**
 * One grant in force of a session's user (role null when the user holds none: the user row alone), with the
 * units it covers and the instants that bound how long the answer may be cached.
 */
export interface SessionGrantRow {
  email: string;
  role: string | null;
  scopeType: string | null;
  scopeId: string | null;
  scopeIds: string[] | null;
  validTo: Date | null;
  nextGrantAt: Date | null;
}

interface ActorRow {
  email: string;
  role: string | null;
  scope_type: string | null;
  scope_id: string | null;
  scope_ids: string[] | null;
  valid_to: Date | null;
  next_grant_at: Date | null;
}

/** Sessions: refresh tokens (rotated within a family, a family per sign-in) and the session's user and grants. */
export class SessionStore {
  /**
   * The session's user and current grants in one round trip: empty unless the user is active and the session
   * (refresh family) not logged out. Runs on every request whose session is not cached.
   */
  async loadActor(manager: EntityManager, userId: string, familyId: string): Promise<SessionGrantRow[]> {
    const rows: ActorRow[] = await manager.query(
      `SELECT u.email, g.role, g.scope_type, g.scope_id, g.valid_to,
              (SELECT min(f.valid_from) FROM role_grants f WHERE f.user_id = u.id AND f.valid_from > now()) AS next_grant_at,
              ${GRANT_COVERED_UNITS_SQL} AS scope_ids
         FROM users u
         LEFT JOIN role_grants g ON g.user_id = u.id AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
        WHERE u.id = $1 AND u.active
          AND EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL)`,
      [userId, familyId],
    );
    return rows.map((row) => ({
      email: row.email,
      role: row.role,
      scopeType: row.scope_type,
      scopeId: row.scope_id,
      scopeIds: row.scope_ids,
      validTo: row.valid_to,
      nextGrantAt: row.next_grant_at,
    }));
  }

  /** The refresh token with this hash, locked FOR UPDATE so one rotation at a time wins. */
  async lockToken(manager: EntityManager, tokenHash: string): Promise<SessionRefreshToken | undefined> {
    const [row] = await manager.query<{ id: string; user_id: string; family_id: string; expires_at: Date; revoked_at: Date | null }[]>(
      `SELECT id, user_id, family_id, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [tokenHash],
    );
    return row ? { id: row.id, userId: row.user_id, familyId: row.family_id, expiresAt: row.expires_at, revokedAt: row.revoked_at } : undefined;
  }

  async findTokenId(manager: EntityManager, tokenHash: string): Promise<string | undefined> {
    const [row] = await manager.query<{ id: string }[]>(`SELECT id FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
    return row?.id;
  }

  /** The family of the user's refresh token with this hash. */
  async findFamily(manager: EntityManager, tokenHash: string, userId: string): Promise<string | undefined> {
    const rows = await manager.query<{ family_id: string }[]>(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2`, [
      tokenHash,
      userId,
    ]);
    return rows[0]?.family_id;
  }

  /** A new refresh token of the family, expiring `ttlDays` from now (the database's clock). */
  async insertToken(manager: EntityManager, token: SessionTokenInsert): Promise<void> {
    await manager.query(
      `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))`,
      [token.id, token.userId, token.familyId, token.tokenHash, token.ttlDays],
    );
  }

  /** Revokes a rotated token, naming the one that replaced it. */
  async markReplaced(manager: EntityManager, id: string, replacedById: string | undefined): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now(), replaced_by_id = $2 WHERE id = $1`, [id, replacedById]);
  }

  /** Revokes every token of the family still valid. */
  async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  /** Revokes every token of the user still valid (every session ends); returns their ids. */
  async revokeAllForUser(manager: EntityManager, userId: string): Promise<string[]> {
    const revoked = returnedRows<{ id: string }>(
      await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`, [userId]),
    );
    return revoked.map((row) => row.id);
  }
}
