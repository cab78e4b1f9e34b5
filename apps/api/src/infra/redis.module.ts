import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { type ApiConfig } from '@khuyencong/config';
import { createRedisConnection, type RedisClient, type RedisSettings } from '@khuyencong/jobs';
import { API_CONFIG } from '../config.js';

/** Injection token of the shared ioredis client (one server or a cluster, see createRedisConnection). */
export const REDIS = Symbol('REDIS');

/**
 * Commands fail fast instead of queueing while Redis is unreachable, so health checks and callers get a clear
 * error rather than a hung request; the client keeps reconnecting in the background. On a cluster a command
 * whose master just died is retried for a few seconds while a replica takes over.
 */
export function createRedis(settings: RedisSettings): RedisClient {
  return createRedisConnection(settings, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

@Global()
@Module({
  providers: [{ provide: REDIS, inject: [API_CONFIG], useFactory: (config: ApiConfig) => createRedis(config) }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: RedisClient) {}

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
