import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { AreaStore, GrantStore, UserStore, type GrantRecord } from '@khuyencong/persistence';
import { AuditService } from '../audit/audit.service.js';
import { SessionService } from '../auth/session.service.js';
import { type Actor } from '../common/actor.js';
import { type AdminGrant, type CreateGrantRequest } from './dto/users.dto.js';
import { conflict, notFound, ruleViolation } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Role × scope grants. Revoking ends a grant's validity (history stays); it never deletes the row. */
@Injectable()
export class GrantsService {
  private readonly grants = new GrantStore();
  private readonly areas = new AreaStore();
  private readonly users = new UserStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
  ) {}

  async current(manager: EntityManager, userId: string): Promise<AdminGrant[]> {
    const grants = await this.grants.listCurrent(manager, userId);
    return grants.map(toGrant);
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
      if (await this.grants.openGrantExists(manager, userId, input.role, input.scopeType, input.scopeId)) {
        throw conflict('GRANT_EXISTS', 'Người dùng đã có vai trò này trong phạm vi này / The user already holds this role in this scope');
      }
      const grant = toGrant(
        await this.grants.insertGrant(manager, { userId, role: input.role, scopeType: input.scopeType, scopeId: input.scopeId, grantedBy: actor.userId }),
      );
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'admin.grant.create',
          targetType: 'user',
          targetId: userId,
          details: { grantId: grant.id, role: grant.role, scopeType: grant.scopeType, scopeId: grant.scopeId },
          requestId,
        },
        manager,
      );
      return grant;
    });
    this.sessions.forgetUser(userId);
    return created;
  }

  async revoke(actor: Actor, userId: string, grantId: string, requestId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const grant = await this.grants.lockCurrent(manager, grantId, userId);
      if (!grant) throw notFound('quyền', 'Grant');
      if (userId === actor.userId && grant.role === 'admin') {
        throw ruleViolation('SELF_LOCKOUT', 'Không thể tự thu hồi vai trò admin của mình / You cannot revoke your own admin role');
      }
      await this.grants.endValidity(manager, grantId);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'admin.grant.revoke',
          targetType: 'user',
          targetId: userId,
          details: { grantId, role: grant.role, scopeType: grant.scopeType, scopeId: grant.scopeId },
          requestId,
        },
        manager,
      );
    });
    this.sessions.forgetUser(userId);
  }

  private async requireUser(manager: EntityManager, userId: string, lock = false): Promise<void> {
    if (!(await this.users.exists(manager, userId, lock))) throw notFound('người dùng', 'User');
  }

  /** The scope a grant names must exist: a province or commune unit, a region, or an establishment. */
  private async requireScope(manager: EntityManager, input: CreateGrantRequest): Promise<void> {
    const { scopeType, scopeId } = input;
    if (scopeType === 'national' || scopeId === null) return;
    let exists: boolean;
    switch (scopeType) {
      case 'province':
      case 'commune':
        exists = await this.grants.unitExists(manager, scopeId, scopeType);
        break;
      case 'region':
        exists = await this.areas.regionExists(manager, scopeId);
        break;
      case 'establishment':
        exists = UUID.test(scopeId) && (await this.grants.establishmentExists(manager, scopeId));
        break;
    }
    if (!exists) {
      throw ruleViolation('UNKNOWN_SCOPE', `Phạm vi ${scopeType} "${scopeId}" không tồn tại / No ${scopeType} "${scopeId}" exists`);
    }
  }
}

/** The grant as the API answers it: instants as ISO text (role and scope type are the database's checked values). */
function toGrant(grant: GrantRecord): AdminGrant {
  return {
    id: grant.id,
    userId: grant.userId,
    role: grant.role as AdminGrant['role'],
    scopeType: grant.scopeType as AdminGrant['scopeType'],
    scopeId: grant.scopeId,
    validFrom: grant.validFrom.toISOString(),
    validTo: grant.validTo?.toISOString() ?? null,
    grantedBy: grant.grantedBy,
  };
}
