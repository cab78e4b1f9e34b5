import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash } from '@node-rs/argon2';
import { type DataSource, type EntityManager } from 'typeorm';
import { SessionStore, UserStore, type UserRecord } from '@khuyencong/persistence';
import { AuditService } from '../audit/audit.service.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { SessionService } from '../auth/session.service.js';
import { type Actor } from '../common/actor.js';
import {
  type AdminUser,
  type AdminUserDetail,
  type AdminUserPage,
  type CreateUserRequest,
  type UpdateUserRequest,
  type UserListQuery,
} from './dto/users.dto.js';
import { conflict, isUniqueViolation, notFound, ruleViolation } from './errors.js';
import { GrantsService } from './grants.service.js';

const userNotFound = () => notFound('người dùng', 'User');
const duplicateEmail = () => conflict('EMAIL_EXISTS', 'Email đã được dùng / A user with this e-mail already exists');

/** Users for administrators; every change is audited in the transaction that makes it. */
@Injectable()
export class UsersService {
  private readonly users = new UserStore();
  private readonly sessionTokens = new SessionStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly grants: GrantsService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
  ) {}

  async list(query: UserListQuery): Promise<AdminUserPage> {
    const { users, total } = await this.users.search(this.dataSource.manager, query.search, query.pageSize, (query.page - 1) * query.pageSize);
    return { items: users.map(toUser), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<AdminUserDetail> {
    const user = await this.users.findById(this.dataSource.manager, id);
    if (!user) throw userNotFound();
    return { ...toUser(user), grants: await this.grants.current(this.dataSource.manager, id) };
  }

  async create(actor: Actor, input: CreateUserRequest, requestId?: string): Promise<AdminUser> {
    const passwordHash = await hash(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (await this.users.emailTaken(manager, input.email)) throw duplicateEmail();
        const user = toUser(await this.users.insertUser(manager, { email: input.email, passwordHash, displayName: input.displayName, locale: input.locale }));
        await this.audit.record(
          {
            actorUserId: actor.userId,
            action: 'admin.user.create',
            targetType: 'user',
            targetId: user.id,
            details: { email: user.email, displayName: user.displayName, locale: user.locale },
            requestId,
          },
          manager,
        );
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateEmail();
      throw error;
    }
  }

  async update(actor: Actor, id: string, input: UpdateUserRequest, requestId?: string): Promise<AdminUser> {
    if (id === actor.userId && input.active === false) {
      throw ruleViolation('SELF_LOCKOUT', 'Không thể tự vô hiệu hóa tài khoản của mình / You cannot deactivate your own account');
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const before = await this.lockUser(manager, id);
      const after = toUser(
        await this.users.updateProfile(manager, id, { displayName: input.displayName ?? null, locale: input.locale ?? null, active: input.active ?? null }),
      );
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'admin.user.update',
          targetType: 'user',
          targetId: id,
          details: { before: pick(before, input), after: pick(after, input) },
          requestId,
        },
        manager,
      );
      return after;
    });
    this.sessions.forgetUser(id);
    return updated;
  }

  /** Sets a new password, clears the lock and ends every session of the user (they sign in with the new one). */
  async resetPassword(actor: Actor, id: string, password: string, requestId?: string): Promise<void> {
    const passwordHash = await hash(password);
    await this.dataSource.transaction(async (manager) => {
      await this.lockUser(manager, id);
      await this.users.setPassword(manager, id, passwordHash);
      const revoked = await this.sessionTokens.revokeAllForUser(manager, id);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'admin.user.password_reset',
          targetType: 'user',
          targetId: id,
          details: { sessionsRevoked: revoked.length },
          requestId,
        },
        manager,
      );
    });
    this.sessions.forgetUser(id);
  }

  /** Lifts an administrator's lock and forgets the sign-in throttle's waits for the e-mail. */
  async unlock(actor: Actor, id: string, requestId?: string): Promise<AdminUser> {
    const user = await this.dataSource.transaction(async (manager) => {
      const before = await this.lockUser(manager, id);
      const after = await this.users.clearLock(manager, id);
      await this.audit.record(
        {
          actorUserId: actor.userId,
          action: 'admin.user.unlock',
          targetType: 'user',
          targetId: id,
          details: { lockedUntil: before.lockedUntil, failedLogins: before.failedLogins },
          requestId,
        },
        manager,
      );
      return toUser(after);
    });
    await this.throttle.forget(user.email);
    return user;
  }

  private async lockUser(manager: EntityManager, id: string): Promise<AdminUser> {
    const user = await this.users.lockForUpdate(manager, id);
    if (!user) throw userNotFound();
    return toUser(user);
  }
}

function pick(user: AdminUser, input: UpdateUserRequest): Partial<AdminUser> {
  return Object.fromEntries(Object.keys(input).map((key) => [key, user[key as keyof AdminUser]]));
}

/** The user as the API answers it: instants as ISO text. */
function toUser(user: UserRecord): AdminUser {
  return {
    ...user,
    lockedUntil: user.lockedUntil?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
