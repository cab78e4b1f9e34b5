import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type ApiConfig } from '@khuyencong/config';
import { type RedisClient } from '@khuyencong/jobs';
import { API_CONFIG } from '../config.js';
import { REDIS } from '../infra/redis.module.js';

/**
 * A fixed one-minute window per client address (all e-mails together), in Redis so every API instance shares it.
 * The address is the connection's unless TRUSTED_PROXIES names the proxy in front (see bootstrap.ts).
 */
@Injectable()
export class LoginLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async check(clientAddress: string): Promise<void> {
    const now = Date.now();
    const window = Math.floor(now / 60000);
    const key = `${this.config.REDIS_PREFIX}:ratelimit:login:${clientAddress}:${window}`;
    const count = await this.redis.incr(key);
    if (count === 1) await this.redis.expire(key, 61);
    if (count > this.config.LOGIN_RATE_LIMIT_PER_MINUTE) {
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * 60000 - now) / 1000));
      throw new HttpException(
        {
          statusCode: 429,
          code: 'RATE_LIMITED',
          message: 'Quá nhiều lần đăng nhập, hãy thử lại sau một phút / Too many sign-in attempts, try again in a minute',
          retryAfterSeconds,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
