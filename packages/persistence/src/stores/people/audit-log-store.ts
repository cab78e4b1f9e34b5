import { type EntityManager } from 'typeorm';
import { prefixPattern } from '../../fold.js';

/** An entry to append to the audit log. */
export interface AuditLogAppend {
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  requestId?: string | undefined;
}

/** An entry of the audit log (the id is a bigint, as text). */
export interface AuditLogRecord {
  id: string;
  actorUserId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  at: Date;
  requestId: string | null;
}

/** Which entries to list; each filter is optional. */
export interface AuditLogFilter {
  actorUserId?: string | undefined;
  /** The action, or a prefix of it, taken literally. */
  actionPrefix?: string | undefined;
  since?: string | undefined;
  /** Entries older than this id (the keyset cursor). */
  beforeId?: string | undefined;
}

interface AuditLogRow {
  id: string;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
  at: Date;
  request_id: string | null;
}

/** The audit log: append-only; append with the caller's transaction manager so the entry commits with the change. */
export class AuditLogStore {
  async append(manager: EntityManager, entry: AuditLogAppend): Promise<void> {
    await manager.query(`INSERT INTO audit_log (actor_user_id, action, target_type, target_id, details, request_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
      entry.actorUserId,
      entry.action,
      entry.targetType ?? null,
      entry.targetId ?? null,
      JSON.stringify(entry.details ?? {}),
      entry.requestId ?? null,
    ]);
  }

  /** Entries newest first, at most `limit`, keyset-paginated on the id (stable while new entries arrive). */
  async list(manager: EntityManager, filter: AuditLogFilter, limit: number): Promise<AuditLogRecord[]> {
    const actionPrefix = filter.actionPrefix ? prefixPattern(filter.actionPrefix) : null;
    const rows = await manager.query<AuditLogRow[]>(
      `SELECT id::text AS id, actor_user_id, action, target_type, target_id, details, at, request_id FROM audit_log
        WHERE ($1::uuid IS NULL OR actor_user_id = $1)
          AND ($2::text IS NULL OR action LIKE $2)
          AND ($3::timestamptz IS NULL OR at >= $3)
          AND ($4::bigint IS NULL OR id < $4)
        ORDER BY id DESC LIMIT $5`,
      [filter.actorUserId ?? null, actionPrefix, filter.since ?? null, filter.beforeId ?? null, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      actorUserId: row.actor_user_id,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: row.details,
      at: row.at,
      requestId: row.request_id,
    }));
  }
}
