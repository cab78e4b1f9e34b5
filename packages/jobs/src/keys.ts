/**
 * Redis key layout. Everything the platform writes starts with the configured prefix so installations and test
 * runs can share a server.
 *
 * BullMQ: the prefix is wrapped in a hash tag (`{kc}`), so all keys of all queues hash to one slot and the
 * multi-key Lua scripts of BullMQ work on Redis Cluster.
 */
export function bullPrefix(redisPrefix: string): string {
  return `{${redisPrefix}}`;
}

/** A sorted set: member = worker id, score = last heartbeat (epoch ms). One key, so Cluster-safe. */
export function heartbeatKey(redisPrefix: string): string {
  return `${redisPrefix}:workers:heartbeat`;
}

/** Queues a worker process serves, kept beside the heartbeat for the health page. */
export function workerInfoKey(redisPrefix: string, workerId: string): string {
  return `${redisPrefix}:workers:info:${workerId}`;
}
