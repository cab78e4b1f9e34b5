import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type AuditEntry, type AuditPage, type AuditQuery } from './dto/audit.dto.js';

interface AuditRow {
  id: string;
  actor_user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown>;
  at: Date;
  request_id: string | null;
}

/** The audit log, newest first, with keyset pagination on the id (stable while new entries arrive). */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: AuditQuery): Promise<AuditPage> {
    const actionPrefix = query.action ? `${query.action.replace(/[\\%_]/g, (character) => `\\${character}`)}%` : null;
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT id::text AS id, actor_user_id, action, target_type, target_id, details, at, request_id FROM audit_log
        WHERE ($1::uuid IS NULL OR actor_user_id = $1)
          AND ($2::text IS NULL OR action LIKE $2)
          AND ($3::timestamptz IS NULL OR at >= $3)
          AND ($4::bigint IS NULL OR id < $4)
        ORDER BY id DESC LIMIT $5`,
      [query.actor ?? null, actionPrefix, query.since ?? null, query.cursor ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toEntry), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    actorUserId: row.actor_user_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
    at: row.at.toISOString(),
    requestId: row.request_id,
  };
}
