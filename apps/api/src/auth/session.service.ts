import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, UnauthorizedException, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { SignJWT, jwtVerify } from 'jose';
import { type ApiConfig } from '@khuyencong/config';
import { ChannelListener, SessionStore } from '@khuyencong/persistence';
import { API_CONFIG } from '../config.js';
import { type Actor, type Grant } from '../common/actor.js';
import { SESSIONS_CHANNEL, SessionCache } from './session-cache.js';

const ISSUER = 'khuyencong';

/**
 * The units grant `g` covers, through successions: an SQL fragment that lives with the grant queries in
 * @khuyencong/persistence, re-exported under its former name for the code that imports it from here.
 */

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
  private readonly store = new SessionStore();

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
            // LISTEN holds a session: behind a pooler in transaction mode it needs a direct connection.
            databaseUrl: config.DATABASE_LISTEN_URL ?? config.DATABASE_URL,
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
      throw new UnauthorizedException({
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: 'Phiên đăng nhập hết hạn hoặc không hợp lệ / Session expired or invalid',
      });
    }
    // One round trip: the user must be active and the session (refresh family) not logged out. The times at
    // which a grant ends or a future one starts bound how long the answer may be cached.
    const rows = await this.store.loadActor(this.dataSource.manager, userId, familyId);
    const first = rows[0];
    if (!first) {
      throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Phiên đăng nhập đã kết thúc / Session ended' });
    }
    const grants: Grant[] = rows
      .filter((row) => row.role !== null)
      .map((row) => ({ role: row.role, scopeType: row.scopeType, scopeId: row.scopeId, scopeIds: row.scopeIds ?? [] }) as Grant);
    const changesAt = [expiresAtMs, first.nextGrantAt?.getTime(), ...rows.map((row) => row.validTo?.getTime())].filter(
      (time): time is number => time !== undefined,
    );
    const actor: Actor = { userId, email: first.email, grants };
    this.cache.set(token, actor, Math.min(...changesAt));
    return actor;
  }
}
