import { createRedisConnection, type RedisClient, type RedisSettings } from '@khuyencong/jobs';

/**
 * BullMQ workers need blocking connections that never give up on a command: on a cluster a command whose master
 * died waits through the failover instead of failing the worker's loop.
 */
export function createWorkerRedis(settings: RedisSettings): RedisClient {
  return createRedisConnection(settings, { maxRetriesPerRequest: null, enableReadyCheck: false, connectTimeout: 2000 });
}
