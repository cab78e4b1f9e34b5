/** The minimal Redis surface the heartbeat needs (ioredis satisfies it). */
export interface HeartbeatRedis {
  zadd(key: string, score: number, member: string): Promise<number | string>;
  zrangebyscore(key: string, min: number | string, max: number | string): Promise<string[]>;
  zremrangebyscore(key: string, min: number | string, max: number | string): Promise<number>;
  zrem(key: string, member: string): Promise<number>;
}

/** Live workers: those whose last beat is no older than `ttlMs` at `now`. */
export async function liveWorkers(redis: HeartbeatRedis, key: string, now: number, ttlMs: number): Promise<string[]> {
  return redis.zrangebyscore(key, now - ttlMs, '+inf');
}

/** Records a beat and forgets workers silent for ten times the TTL. */
export async function beat(redis: HeartbeatRedis, key: string, workerId: string, now: number, ttlMs: number): Promise<void> {
  await redis.zadd(key, now, workerId);
  await redis.zremrangebyscore(key, '-inf', now - ttlMs * 10);
}
