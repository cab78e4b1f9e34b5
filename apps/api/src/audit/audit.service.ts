import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditLogStore } from '@khuyencong/persistence';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  requestId?: string | undefined;
}

/** Appends to the audit log; pass the caller's transaction manager so the entry commits with the change. */
@Injectable()
export class AuditService {
  private readonly log = new AuditLogStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await this.log.append(manager, entry);
  }
}
