import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type ApiConfig } from '@khuyencong/config';
import { type RedisClient } from '@khuyencong/jobs';
import { API_CONFIG } from '../../config.js';
import { REDIS } from '../../infra/redis.module.js';

/**
 * A fixed one-minute window per client address and bucket, in Redis so every API instance shares it (the login
 * limiter's scheme). The address is the connection's unless TRUSTED_PROXIES names the proxy in front.
 */
@Injectable()
export class PublicRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Counts the request; past `perMinute` in the current minute → 429 RATE_LIMITED with retryAfterSeconds. */
  async check(bucket: string, clientAddress: string, perMinute: number, message: string): Promise<void> {
    const now = Date.now();
    const window = Math.floor(now / 60000);
    const key = `${this.config.REDIS_PREFIX}:ratelimit:${bucket}:${clientAddress}:${window}`;
    const count = await this.redis.incr(key);
    if (count === 1) await this.redis.expire(key, 61);
    if (count > perMinute) {
      const retryAfterSeconds = Math.max(1, Math.ceil(((window + 1) * 60000 - now) / 1000));
      throw new HttpException({ statusCode: 429, code: 'RATE_LIMITED', message, retryAfterSeconds }, HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}
