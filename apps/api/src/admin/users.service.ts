import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash } from '@node-rs/argon2';
import { type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { SessionService } from '../auth/session.service.js';
import { type Actor } from '../common/actor.js';
import { type AdminUser, type AdminUserDetail, type AdminUserPage, type CreateUserRequest, type UpdateUserRequest, type UserListQuery } from './dto/users.dto.js';
import { conflict, isUniqueViolation, notFound, returnedRows, ruleViolation } from './errors.js';
import { GrantsService } from './grants.service.js';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  locale: 'vi' | 'en';
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

const USER_COLUMNS = 'id, email, display_name, locale, active, failed_logins, locked_until, created_at, updated_at';
const userNotFound = () => notFound('người dùng', 'User');
const duplicateEmail = () => conflict('EMAIL_EXISTS', 'Email đã được dùng / A user with this e-mail already exists');

/** Users for administrators; every change is audited in the transaction that makes it. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly grants: GrantsService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
  ) {}

  async list(query: UserListQuery): Promise<AdminUserPage> {
    // The search text is a literal: escape LIKE's wildcards so "50%" finds "50%", not everything.
    const pattern = query.search ? `%${query.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%` : null;
    const where = `WHERE $1::text IS NULL OR email ILIKE $1 OR display_name ILIKE $1`;
    const [count] = await this.dataSource.query<{ total: string }[]>(`SELECT count(*) AS total FROM users ${where}`, [pattern]);
    const rows = await this.dataSource.query<UserRow[]>(`SELECT ${USER_COLUMNS} FROM users ${where} ORDER BY lower(email) LIMIT $2 OFFSET $3`, [
      pattern,
      query.pageSize,
      (query.page - 1) * query.pageSize,
    ]);
    return { items: rows.map(toUser), total: Number(count?.total ?? 0), page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<AdminUserDetail> {
    const [row] = await this.dataSource.query<UserRow[]>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
    if (!row) throw userNotFound();
    return { ...toUser(row), grants: await this.grants.current(this.dataSource.manager, id) };
  }

  async create(actor: Actor, input: CreateUserRequest, requestId?: string): Promise<AdminUser> {
    const passwordHash = await hash(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const taken = await manager.query<unknown[]>(`SELECT 1 FROM users WHERE lower(email) = $1`, [input.email]);
        if (taken.length > 0) throw duplicateEmail();
        const [row] = await manager.query<UserRow[]>(
          `INSERT INTO users (email, password_hash, display_name, locale) VALUES ($1, $2, $3, $4) RETURNING ${USER_COLUMNS}`,
          [input.email, passwordHash, input.displayName, input.locale],
        );
        const user = toUser(required(row));
        await this.audit.record(
          { actorUserId: actor.userId, action: 'admin.user.create', targetType: 'user', targetId: user.id, details: { email: user.email, displayName: user.displayName, locale: user.locale }, requestId },
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
      const [row] = returnedRows<UserRow>(
        await manager.query(
        `UPDATE users SET display_name = COALESCE($2, display_name), locale = COALESCE($3, locale), active = COALESCE($4, active), updated_at = now()
          WHERE id = $1 RETURNING ${USER_COLUMNS}`,
        [id, input.displayName ?? null, input.locale ?? null, input.active ?? null],
        ),
      );
      const after = toUser(required(row));
      await this.audit.record(
        { actorUserId: actor.userId, action: 'admin.user.update', targetType: 'user', targetId: id, details: { before: pick(before, input), after: pick(after, input) }, requestId },
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
      await manager.query(`UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`, [id, passwordHash]);
      const revoked = returnedRows<{ id: string }>(
        await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`, [id]),
      );
      await this.audit.record(
        { actorUserId: actor.userId, action: 'admin.user.password_reset', targetType: 'user', targetId: id, details: { sessionsRevoked: revoked.length }, requestId },
        manager,
      );
    });
    this.sessions.forgetUser(id);
  }

  /** Lifts an administrator's lock and forgets the sign-in throttle's waits for the e-mail. */
  async unlock(actor: Actor, id: string, requestId?: string): Promise<AdminUser> {
    const user = await this.dataSource.transaction(async (manager) => {
      const before = await this.lockUser(manager, id);
      const [row] = returnedRows<UserRow>(
        await manager.query(`UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`, [id]),
      );
      await this.audit.record(
        { actorUserId: actor.userId, action: 'admin.user.unlock', targetType: 'user', targetId: id, details: { lockedUntil: before.lockedUntil, failedLogins: before.failedLogins }, requestId },
        manager,
      );
      return toUser(required(row));
    });
    await this.throttle.forget(user.email);
    return user;
  }

  private async lockUser(manager: EntityManager, id: string): Promise<AdminUser> {
    const [row] = await manager.query<UserRow[]>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [id]);
    if (!row) throw userNotFound();
    return toUser(row);
  }
}

function required<T>(row: T | undefined): T {
  if (!row) throw new Error('the statement returned no row');
  return row;
}

function pick(user: AdminUser, input: UpdateUserRequest): Partial<AdminUser> {
  return Object.fromEntries(Object.keys(input).map((key) => [key, user[key as keyof AdminUser]]));
}

function toUser(row: UserRow): AdminUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: row.locale,
    active: row.active,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
