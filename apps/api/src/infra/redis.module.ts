import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { type ApiConfig } from '@khuyencong/config';
import { API_CONFIG } from '../config.js';

/** Injection token of the shared ioredis client. */
export const REDIS = Symbol('REDIS');

/**
 * Commands fail fast instead of queueing while Redis is unreachable, so health checks and callers get a clear
 * error rather than a hung request; the client keeps reconnecting in the background.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [API_CONFIG], useFactory: (config: ApiConfig) => createRedis(config.REDIS_URL) }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
