import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { SignJWT, jwtVerify } from 'jose';
import { type ApiConfig } from '@khuyencong/config';
import { API_CONFIG } from '../config.js';
import { type Actor, type Grant } from '../common/actor.js';

const ISSUER = 'khuyencong';

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Short-lived access tokens (HS256) carry only the user id; grants are read fresh on every request. */
@Injectable()
export class SessionService {
  private readonly key: Uint8Array;

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.key = new TextEncoder().encode(config.JWT_SECRET);
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
    let userId: string;
    let familyId: string;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.fam !== 'string') throw new Error('claims');
      userId = payload.sub;
      familyId = payload.fam;
    } catch {
      throw new UnauthorizedException({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Phiên đăng nhập hết hạn hoặc không hợp lệ / Session expired or invalid' });
    }
    // One round trip: the user must be active and the session (refresh family) not logged out.
    const rows: { email: string; role: string | null; scope_type: string | null; scope_id: string | null }[] = await this.dataSource.query(
      `SELECT u.email, g.role, g.scope_type, g.scope_id
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
      .map((row) => ({ role: row.role, scopeType: row.scope_type, scopeId: row.scope_id }) as Grant);
    return { userId, email: first.email, grants };
  }
}
