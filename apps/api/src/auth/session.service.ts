import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, UnauthorizedException, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { SignJWT, jwtVerify } from 'jose';
import { type ApiConfig } from '@khuyencong/config';
import { ChannelListener } from '@khuyencong/persistence';
import { API_CONFIG } from '../config.js';
import { type Actor, type Grant } from '../common/actor.js';
import { SESSIONS_CHANNEL, SessionCache } from './session-cache.js';

const ISSUER = 'khuyencong';

interface GrantRow {
  email: string;
  role: string | null;
  scope_type: string | null;
  scope_id: string | null;
  scope_ids: string[] | null;
  valid_to: Date | null;
  next_grant_at: Date | null;
}

/**
 * The units grant `g` covers (scopes follow successions, DESIGN §3): its own unit and, for a province or commune
 * grant, every unit it succeeded, transitively (today's Gia Lai → old Gia Lai and Bình Định). Regions are not
 * succeeded, and a grant on an abolished unit does not reach its successor (new records use units in force).
 * Read with the grants on every session load, so an edited succession applies within the session cache's
 * few seconds (SESSION_CACHE_SECONDS), like any grant change.
 */
export const COVERED_UNITS_SQL = `CASE
  WHEN g.scope_id IS NULL THEN '{}'::text[]
  WHEN g.scope_type NOT IN ('province', 'commune') THEN ARRAY[g.scope_id]
  ELSE ARRAY(
    WITH RECURSIVE covered(code) AS (
      SELECT g.scope_id
      UNION
      SELECT s.from_code FROM unit_successions s JOIN covered c ON s.to_code = c.code
    )
    SELECT code FROM covered ORDER BY code = g.scope_id DESC, code)
END`;

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Short-lived access tokens (HS256) carry only the user id and session; the user's state and grants are read
 * from the database, and kept a few seconds per token while the invalidation channel listens (SessionCache).
 */
@Injectable()
export class SessionService implements OnModuleInit, OnModuleDestroy {
  private readonly key: Uint8Array;
  private readonly cache: SessionCache;
  private readonly listener: ChannelListener | undefined;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
    this.cache = new SessionCache(config.SESSION_CACHE_SECONDS * 1000);
    const logger = new Logger('SessionCache');
    this.listener =
      config.SESSION_CACHE_SECONDS > 0
        ? new ChannelListener({
            databaseUrl: config.DATABASE_URL,
            channel: SESSIONS_CHANNEL,
            applicationName: 'khuyencong-api-sessions',
            onNotify: (userId) => this.cache.forgetUser(userId),
            onState: (listening) => this.cache.setListening(listening),
            logger,
          })
        : undefined;
  }

  async onModuleInit(): Promise<void> {
    await this.listener?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  /**
   * Drops what this process cached for the user, right after a change it made commits (the trigger's NOTIFY
   * reaches every process too, this one included, but a moment later).
   */
  forgetUser(userId: string): void {
    this.cache.forgetUser(userId);
  }

  async issueAccessToken(userId: string, familyId: string): Promise<{ token: string; expiresIn: number }> {
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ fam: familyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .sign(this.key);
    return { token, expiresIn };
  }

  /** Verifies the token and loads the user's current grants; 401 for anything wrong. */
  async actorFromAccessToken(token: string): Promise<Actor> {
    const cached = this.cache.get(token);
    if (cached) return cached;
    let userId: string;
    let familyId: string;
    let expiresAtMs: number;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.fam !== 'string' || typeof payload.exp !== 'number') throw new Error('claims');
      userId = payload.sub;
      familyId = payload.fam;
      expiresAtMs = payload.exp * 1000;
    } catch {
      throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Phiên đăng nhập hết hạn hoặc không hợp lệ / Session expired or invalid' });
    }
    // One round trip: the user must be active and the session (refresh family) not logged out. The times at
    // which a grant ends or a future one starts bound how long the answer may be cached.
    const rows: GrantRow[] = await this.dataSource.query(
      `SELECT u.email, g.role, g.scope_type, g.scope_id, g.valid_to,
              (SELECT min(f.valid_from) FROM role_grants f WHERE f.user_id = u.id AND f.valid_from > now()) AS next_grant_at,
              ${COVERED_UNITS_SQL} AS scope_ids
         FROM users u
         LEFT JOIN role_grants g ON g.user_id = u.id AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
        WHERE u.id = $1 AND u.active
          AND EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL)`,
      [userId, familyId],
    );
    const first = rows[0];
    if (!first) {
      throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Phiên đăng nhập đã kết thúc / Session ended' });
    }
    const grants: Grant[] = rows
      .filter((row) => row.role !== null)
      .map((row) => ({ role: row.role, scopeType: row.scope_type, scopeId: row.scope_id, scopeIds: row.scope_ids ?? [] }) as Grant);
    const changesAt = [expiresAtMs, first.next_grant_at?.getTime(), ...rows.map((row) => row.valid_to?.getTime())].filter((time): time is number => time !== undefined);
    const actor: Actor = { userId, email: first.email, grants };
    this.cache.set(token, actor, Math.min(...changesAt));
    return actor;
  }
}
