import { Cluster, Redis } from 'ioredis';
import { createRedisConnection, isRedisCluster, redisConnectionPlan } from './redis-connection.js';

describe('redis connection factory', () => {
  it('one server on REDIS_URL when no cluster nodes are configured, with the caller options as given', () => {
    for (const nodes of [undefined, []]) {
      const plan = redisConnectionPlan(
        { REDIS_URL: 'redis://127.0.0.1:6390', REDIS_CLUSTER_NODES: nodes },
        { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 },
      );
      expect(plan).toEqual({
        kind: 'server',
        url: 'redis://127.0.0.1:6390',
        options: { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 },
      });
    }
  });

  it('a cluster of the configured nodes; REDIS_URL gives only its credentials; blocking callers never give up', () => {
    const plan = redisConnectionPlan(
      { REDIS_URL: 'rediss://kc:s%40cret@ignored:6379', REDIS_CLUSTER_NODES: ['10.0.0.5:7000', 'redis-b:7001'] },
      { maxRetriesPerRequest: null, enableReadyCheck: false, connectTimeout: 2000 },
    );
    if (plan.kind !== 'cluster') throw new Error(`expected a cluster, got ${plan.kind}`);
    expect(plan.nodes).toEqual([
      { host: '10.0.0.5', port: 7000 },
      { host: 'redis-b', port: 7001 },
    ]);
    expect(plan.options.redisOptions).toEqual({ maxRetriesPerRequest: null, connectTimeout: 2000, username: 'kc', password: 's@cret', tls: {} });
    expect(plan.options.enableReadyCheck).toBe(false);
    expect(plan.options.enableOfflineQueue).toBeUndefined();
    // Losing every node is retried, with a bounded delay.
    expect(plan.options.clusterRetryStrategy?.(1)).toBeGreaterThan(0);
    expect(plan.options.clusterRetryStrategy?.(1000)).toBe(2000);
    expect(plan.options.retryDelayOnFailover).toBeGreaterThan(0);
  });

  it('builds a Cluster or a Redis accordingly (without connecting)', () => {
    const cluster = createRedisConnection(
      { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER_NODES: ['127.0.0.1:7000'] },
      { maxRetriesPerRequest: 1, lazyConnect: true },
    );
    const server = createRedisConnection({ REDIS_URL: 'redis://127.0.0.1:6379' }, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      expect(cluster).toBeInstanceOf(Cluster);
      expect(isRedisCluster(cluster)).toBe(true);
      expect(server).toBeInstanceOf(Redis);
      expect(isRedisCluster(server)).toBe(false);
    } finally {
      cluster.disconnect();
      server.disconnect();
    }
  });
});
