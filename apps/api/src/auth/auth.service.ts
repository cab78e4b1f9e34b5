import { randomUUID } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { hash, verify } from '@node-rs/argon2';
import { type ApiConfig } from '@khuyencong/config';
import { GrantStore, SessionStore, UserStore, type UserCredentials } from '@khuyencong/persistence';
import { API_CONFIG } from '../config.js';
import { AuditService } from '../audit/audit.service.js';
import { type Actor, type Grant } from '../common/actor.js';
import { type LoginRequest, type MeResponse, type SessionResponse } from './dto.js';
import { LoginThrottle, LoginThrottledException } from './login-throttle.js';
import { SessionService, hashRefreshToken, newRefreshToken } from './session.service.js';

const invalidCredentials = () =>
  new UnauthorizedException({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Sai email hoặc mật khẩu / Wrong e-mail or password' });

@Injectable()
export class AuthService {
  /** Verified when the e-mail is unknown, so a miss costs as long as a hit and does not reveal who exists. */
  private readonly dummyHash = hash('not-a-real-password-0');
  private readonly users = new UserStore();
  private readonly grants = new GrantStore();
  private readonly tokens = new SessionStore();

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
      const rows = await this.grants.scopeNames(this.dataSource.manager, units, establishments, regions);
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
    const user = await this.users.findCredentialsByEmail(this.dataSource.manager, input.email);
    const verified = await verify(user?.passwordHash ?? (await this.dummyHash), input.password);
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
    if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
      await this.audit.record({ actorUserId: user.id, action: 'auth.login_refused_locked', targetType: 'user', targetId: user.id, requestId });
      throw new HttpException(
        {
          statusCode: 423,
          code: 'ACCOUNT_LOCKED',
          message: `Tài khoản bị quản trị viên tạm khóa đến ${user.lockedUntil.toISOString()} / Account locked by an administrator until then`,
          lockedUntil: user.lockedUntil.toISOString(),
        },
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
    const outcome = await this.dataSource.transaction(
      async (manager): Promise<{ session: SessionResponse } | { reused: { userId: string; familyId: string } }> => {
        const token = await this.tokens.lockToken(manager, hashRefreshToken(refreshToken));
        if (!token) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Phiên không hợp lệ / Invalid session' });
        // Reuse is handled after this transaction: the revocation must commit although the request fails.
        if (token.revokedAt) return { reused: token };
        if (token.expiresAt.getTime() <= Date.now()) {
          throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Phiên đã hết hạn / Session expired' });
        }
        const user = await this.users.findActiveCredentials(manager, token.userId);
        if (!user) throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Tài khoản bị khóa / Account disabled' });
        const session = await this.openSession(manager, user, token.familyId);
        const nextId = await this.tokens.findTokenId(manager, hashRefreshToken(session.refreshToken));
        await this.tokens.markReplaced(manager, token.id, nextId);
        return { session };
      },
    );
    if ('session' in outcome) return outcome.session;
    const { reused } = outcome;
    await this.dataSource.transaction(async (manager) => {
      await this.tokens.revokeFamily(manager, reused.familyId);
      await this.audit.record(
        { actorUserId: reused.userId, action: 'auth.refresh_reuse_detected', targetType: 'session', targetId: reused.familyId, requestId },
        manager,
      );
    });
    this.sessions.forgetUser(reused.userId);
    throw new UnauthorizedException({
      statusCode: 401,
      code: 'TOKEN_REUSED',
      message: 'Phiên đã bị thu hồi, hãy đăng nhập lại / Session revoked, sign in again',
    });
  }

  /** Ends the session: every refresh token of its family is revoked, and access tokens of it stop working. */
  async logout(refreshToken: string, userId: string, requestId?: string): Promise<void> {
    const family = await this.tokens.findFamily(this.dataSource.manager, hashRefreshToken(refreshToken), userId);
    await this.dataSource.transaction(async (manager) => {
      if (family) await this.tokens.revokeFamily(manager, family);
      await this.audit.record({ actorUserId: userId, action: 'auth.logout', targetType: 'session', targetId: family ?? 'unknown', requestId }, manager);
    });
    this.sessions.forgetUser(userId);
  }

  private async openSession(manager: EntityManager, user: UserCredentials, familyId: string): Promise<SessionResponse> {
    const refreshToken = newRefreshToken();
    await this.tokens.insertToken(manager, {
      id: randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      ttlDays: this.config.REFRESH_TOKEN_TTL_DAYS,
    });
    const access = await this.sessions.issueAccessToken(user.id, familyId);
    // Role and scope type are the database's checked values.
    const grants = (await this.grants.listCurrentScopes(manager, user.id)) as Omit<Grant, 'scopeIds'>[];
    return {
      accessToken: access.token,
      expiresIn: access.expiresIn,
      refreshToken,
      user: { id: user.id, email: user.email, displayName: user.displayName, locale: user.locale, grants },
    };
  }
}
