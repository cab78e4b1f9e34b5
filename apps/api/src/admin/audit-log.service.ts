import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { AuditLogStore, type AuditLogRecord } from '@khuyencong/persistence';
import { type AuditEntry, type AuditPage, type AuditQuery } from './dto/audit.dto.js';

/** The audit log, newest first, with keyset pagination on the id (stable while new entries arrive). */
@Injectable()
export class AuditLogService {
  private readonly log = new AuditLogStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: AuditQuery): Promise<AuditPage> {
    // One more than the page: its presence says there is a next page.
    const rows = await this.log.list(
      this.dataSource.manager,
      { actorUserId: query.actor, actionPrefix: query.action, since: query.since, beforeId: query.cursor },
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    return { items: page.map(toEntry), nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null };
  }
}

function toEntry(record: AuditLogRecord): AuditEntry {
  return { ...record, at: record.at.toISOString() };
}
