import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { hash, verify } from '@node-rs/argon2';
import { type ApiConfig } from '@khuyencong/config';
import { API_CONFIG } from '../config.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, type Grant } from '../common/actor.js';
import { type LoginRequest, type MeResponse, type SessionResponse } from './dto.js';
import { LoginThrottle, LoginThrottledException } from './login-throttle.js';
import { SessionService, hashRefreshToken, newRefreshToken } from './session.service.js';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  locale: 'vi' | 'en';
  active: boolean;
  locked_until: Date | null;
}

const invalidCredentials = () =>
  new UnauthorizedException({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Sai email hoặc mật khẩu / Wrong e-mail or password' });

@Injectable()
export class AuthService {
  /** Verified when the e-mail is unknown, so a miss costs as long as a hit and does not reveal who exists. */
  private readonly dummyHash = hash('not-a-real-password-0');

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * The signed-in user and the documented shape of each grant (the units it covers through successions, scopeIds,
   * stay internal), with the name of its unit: a province or commune from the administrative units, a region,
   * an establishment from the organisations; null nationally.
   */
  async me(actor: Actor): Promise<MeResponse> {
    const names = new Map<string, string>();
    const ids = (type: Grant['scopeType']) => actor.grants.filter((grant) => grant.scopeType === type && grant.scopeId !== null).map((grant) => grant.scopeId!);
    const units = [...ids('province'), ...ids('commune')];
    const establishments = ids('establishment').filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const regions = ids('region');
    if (units.length + establishments.length + regions.length > 0) {
      const rows = await this.dataSource.query<{ kind: string; id: string; name: string }[]>(
        `SELECT 'unit' AS kind, code AS id, name FROM administrative_units WHERE code = ANY($1::text[])
         UNION ALL SELECT 'establishment', id::text, name FROM organisations WHERE id = ANY($2::uuid[])
         UNION ALL SELECT 'region', code, name FROM regions WHERE code = ANY($3::text[])`,
        [units, establishments, regions],
      );
      for (const row of rows) names.set(`${row.kind === 'unit' ? 'unit' : row.kind}:${row.id}`, row.name);
    }
    const key = (grant: Grant) => `${grant.scopeType === 'province' || grant.scopeType === 'commune' ? 'unit' : grant.scopeType}:${grant.scopeId}`;
    const grants = actor.grants.map((grant) => ({
      role: grant.role,
      scopeType: grant.scopeType,
      scopeId: grant.scopeId,
      scopeName: grant.scopeId === null ? null : (names.get(key(grant)) ?? null),
    }));
    return { id: actor.userId, email: actor.email, grants };
  }

  /**
   * Signs in. Every e-mail, known or not, takes the same path: the throttle (login-throttle.ts), one argon2
   * verification (against a dummy hash when no account has the e-mail, or when it is disabled), one audit row,
   * and the same 401 or 429 — so neither the answer nor its timing says whether an account exists. Failures
   * never lock an account; `locked_until` is only an administrator's lock, shown to the right password alone.
   */
  async login(input: LoginRequest, clientAddress: string, requestId?: string): Promise<SessionResponse> {
    const admission = await this.throttle.admit(input.email, clientAddress);
    if (!admission.admitted) throw new LoginThrottledException(admission.retryAfterSeconds);
    const [user] = await this.dataSource.query<UserRow[]>(`SELECT * FROM users WHERE lower(email) = $1`, [input.email]);
    const verified = await verify(user?.password_hash ?? (await this.dummyHash), input.password);
    if (!user || !user.active || !verified) {
      const reason = !user ? 'unknown_email' : !user.active ? 'inactive' : 'wrong_password';
      await this.audit.record({
        actorUserId: user?.id ?? null,
        action: 'auth.login_failed',
        ...(user ? { targetType: 'user', targetId: user.id } : {}),
        details: { email: input.email, reason, address: clientAddress },
        requestId,
      });
      throw invalidCredentials();
    }
    if (user.locked_until && user.locked_until.getTime() > Date.now()) {
      await this.audit.record({ actorUserId: user.id, action: 'auth.login_refused_locked', targetType: 'user', targetId: user.id, requestId });
      throw new HttpException(
        { statusCode: 423, code: 'ACCOUNT_LOCKED', message: `Tài khoản bị quản trị viên tạm khóa đến ${user.locked_until.toISOString()} / Account locked by an administrator until then`, lockedUntil: user.locked_until.toISOString() },
        HttpStatus.LOCKED,
      );
    }
    await this.throttle.succeeded(input.email, clientAddress);
    return this.dataSource.transaction(async (manager) => {
      const session = await this.openSession(manager, user, randomUUID());
      await this.audit.record({ actorUserId: user.id, action: 'auth.login', targetType: 'user', targetId: user.id, requestId }, manager);
      return session;
    });
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated means it leaked: the whole family is
   * revoked, so both the thief and the user must sign in again.
   */
  async refresh(refreshToken: string, requestId?: string): Promise<SessionResponse> {
    const outcome = await this.dataSource.transaction(async (manager): Promise<{ session: SessionResponse } | { reused: { user_id: string; family_id: string } }> => {
      const [token] = await manager.query<{ id: string; user_id: string; family_id: string; expires_at: Date; revoked_at: Date | null }[]>(
        `SELECT id, user_id, family_id, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [hashRefreshToken(refreshToken)],
      );
      if (!token) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Phiên không hợp lệ / Invalid session' });
      // Reuse is handled after this transaction: the revocation must commit although the request fails.
      if (token.revoked_at) return { reused: token };
      if (token.expires_at.getTime() <= Date.now()) {
        throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Phiên đã hết hạn / Session expired' });
      }
      const [user] = await manager.query<UserRow[]>(`SELECT * FROM users WHERE id = $1 AND active`, [token.user_id]);
      if (!user) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Tài khoản bị khóa / Account disabled' });
      const session = await this.openSession(manager, user, token.family_id);
      const [next] = await manager.query<{ id: string }[]>(`SELECT id FROM refresh_tokens WHERE token_hash = $1`, [hashRefreshToken(session.refreshToken)]);
      await manager.query(`UPDATE refresh_tokens SET revoked_at = now(), replaced_by_id = $2 WHERE id = $1`, [token.id, next?.id]);
      return { session };
    });
    if ('session' in outcome) return outcome.session;
    const { reused } = outcome;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [reused.family_id]);
      await this.audit.record({ actorUserId: reused.user_id, action: 'auth.refresh_reuse_detected', targetType: 'session', targetId: reused.family_id, requestId }, manager);
    });
    this.sessions.forgetUser(reused.user_id);
    throw new UnauthorizedException({ statusCode: 401, code: 'TOKEN_REUSED', message: 'Phiên đã bị thu hồi, hãy đăng nhập lại / Session revoked, sign in again' });
  }

  /** Ends the session: every refresh token of its family is revoked, and access tokens of it stop working. */
  async logout(refreshToken: string, userId: string, requestId?: string): Promise<void> {
    const rows = await this.dataSource.query<{ family_id: string }[]>(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2`, [hashRefreshToken(refreshToken), userId]);
    const family = rows[0]?.family_id;
    await this.dataSource.transaction(async (manager) => {
      if (family) await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [family]);
      await this.audit.record({ actorUserId: userId, action: 'auth.logout', targetType: 'session', targetId: family ?? 'unknown', requestId }, manager);
    });
    this.sessions.forgetUser(userId);
  }

  private async openSession(manager: EntityManager, user: UserRow, familyId: string): Promise<SessionResponse> {
    const refreshToken = newRefreshToken();
    await manager.query(
      `INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(days => $5))`,
      [randomUUID(), user.id, familyId, hashRefreshToken(refreshToken), this.config.REFRESH_TOKEN_TTL_DAYS],
    );
    const access = await this.sessions.issueAccessToken(user.id, familyId);
    const grants = await manager.query<Omit<Grant, 'scopeIds'>[]>(
      `SELECT role, scope_type AS "scopeType", scope_id AS "scopeId" FROM role_grants WHERE user_id = $1 AND valid_from <= now() AND (valid_to IS NULL OR valid_to > now()) ORDER BY role, scope_type, scope_id`,
      [user.id],
    );
    return {
      accessToken: access.token,
      expiresIn: access.expiresIn,
      refreshToken,
      user: { id: user.id, email: user.email, displayName: user.display_name, locale: user.locale, grants },
    };
  }
}
