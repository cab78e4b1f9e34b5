import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SessionService } from '../auth/session.service.js';
import { type Actor } from '../common/actor.js';
import { type AdminGrant, type CreateGrantRequest } from './dto/users.dto.js';
import { conflict, notFound, ruleViolation } from './errors.js';

interface GrantRow {
  id: string;
  user_id: string;
  role: AdminGrant['role'];
  scope_type: AdminGrant['scopeType'];
  scope_id: string | null;
  valid_from: Date;
  valid_to: Date | null;
  granted_by: string | null;
}

const CURRENT = `valid_from <= now() AND (valid_to IS NULL OR valid_to > now())`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Role × scope grants. Revoking ends a grant's validity (history stays); it never deletes the row. */
@Injectable()
export class GrantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  async current(manager: EntityManager, userId: string): Promise<AdminGrant[]> {
    const rows = await manager.query<GrantRow[]>(`SELECT * FROM role_grants WHERE user_id = $1 AND ${CURRENT} ORDER BY role, scope_type, scope_id`, [userId]);
    return rows.map(toGrant);
  }

  async list(userId: string): Promise<AdminGrant[]> {
    await this.requireUser(this.dataSource.manager, userId);
    return this.current(this.dataSource.manager, userId);
  }

  async grant(actor: Actor, userId: string, input: CreateGrantRequest, requestId?: string): Promise<AdminGrant> {
    const created = await this.dataSource.transaction(async (manager) => {
      await this.requireUser(manager, userId, true);
      await this.requireScope(manager, input);
      // Any grant not yet ended, whether it has started or not (uq_role_grants_open closes the race behind this check).
      const duplicate = await manager.query<unknown[]>(
        `SELECT 1 FROM role_grants WHERE user_id = $1 AND role = $2 AND scope_type = $3 AND scope_id IS NOT DISTINCT FROM $4 AND valid_to IS NULL`,
        [userId, input.role, input.scopeType, input.scopeId],
      );
      if (duplicate.length > 0) throw conflict('GRANT_EXISTS', 'Người dùng đã có vai trò này trong phạm vi này / The user already holds this role in this scope');
      const [row] = await manager.query<GrantRow[]>(
        `INSERT INTO role_grants (user_id, role, scope_type, scope_id, granted_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [userId, input.role, input.scopeType, input.scopeId, actor.userId],
      );
      if (!row) throw new Error('insert returned no row');
      const grant = toGrant(row);
      await this.audit.record(
        { actorUserId: actor.userId, action: 'admin.grant.create', targetType: 'user', targetId: userId, details: { grantId: grant.id, role: grant.role, scopeType: grant.scopeType, scopeId: grant.scopeId }, requestId },
        manager,
      );
      return grant;
    });
    this.sessions.forgetUser(userId);
    return created;
  }

  async revoke(actor: Actor, userId: string, grantId: string, requestId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<GrantRow[]>(`SELECT * FROM role_grants WHERE id = $1 AND user_id = $2 AND ${CURRENT} FOR UPDATE`, [grantId, userId]);
      if (!row) throw notFound('quyền', 'Grant');
      if (userId === actor.userId && row.role === 'admin') {
        throw ruleViolation('SELF_LOCKOUT', 'Không thể tự thu hồi vai trò admin của mình / You cannot revoke your own admin role');
      }
      // valid_to must be after valid_from (check constraint), even for a grant made in the same instant.
      await manager.query(`UPDATE role_grants SET valid_to = GREATEST(now(), valid_from + interval '1 millisecond') WHERE id = $1`, [grantId]);
      await this.audit.record(
        { actorUserId: actor.userId, action: 'admin.grant.revoke', targetType: 'user', targetId: userId, details: { grantId, role: row.role, scopeType: row.scope_type, scopeId: row.scope_id }, requestId },
        manager,
      );
    });
    this.sessions.forgetUser(userId);
  }

  private async requireUser(manager: EntityManager, userId: string, lock = false): Promise<void> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM users WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [userId]);
    if (rows.length === 0) throw notFound('người dùng', 'User');
  }

  /** The scope a grant names must exist: a province or commune unit, a region, or an establishment. */
  private async requireScope(manager: EntityManager, input: CreateGrantRequest): Promise<void> {
    const { scopeType, scopeId } = input;
    if (scopeType === 'national' || scopeId === null) return;
    let rows: unknown[];
    switch (scopeType) {
      case 'province':
      case 'commune':
        rows = await manager.query(`SELECT 1 FROM administrative_units WHERE code = $1 AND level = $2`, [scopeId, scopeType]);
        break;
      case 'region':
        rows = await manager.query(`SELECT 1 FROM regions WHERE code = $1`, [scopeId]);
        break;
      case 'establishment':
        rows = UUID.test(scopeId) ? await manager.query(`SELECT 1 FROM organisations WHERE id = $1 AND type = 'establishment'`, [scopeId]) : [];
        break;
    }
    if (rows.length === 0) {
      throw ruleViolation('UNKNOWN_SCOPE', `Phạm vi ${scopeType} "${scopeId}" không tồn tại / No ${scopeType} "${scopeId}" exists`);
    }
  }
}

function toGrant(row: GrantRow): AdminGrant {
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role,
    scopeType: row.scope_type,
    scopeId: row.scope_id,
    validFrom: row.valid_from.toISOString(),
    validTo: row.valid_to?.toISOString() ?? null,
    grantedBy: row.granted_by,
  };
}
