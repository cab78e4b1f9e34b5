import { Cluster, Redis, type ClusterNode, type ClusterOptions, type RedisOptions } from 'ioredis';

/** One Redis server or a Redis Cluster: both speak the commands the platform uses (keys of one command share a slot). */
export type RedisClient = Redis | Cluster;

/** Where Redis is, as the configuration says (`@khuyencong/config` redisEnv). */
export interface RedisSettings {
  REDIS_URL: string;
  /** host:port of a few cluster nodes; empty or absent → the one server of REDIS_URL. */
  REDIS_CLUSTER_NODES?: readonly string[];
}

/** How the caller wants its commands treated while Redis (or one cluster node) is away. */
export interface RedisConnectionOptions {
  /** `null`: a command waits for Redis however long it takes (BullMQ's blocking connections need this). */
  maxRetriesPerRequest: number | null;
  /** `false`: a command sent while disconnected fails at once instead of waiting in memory. */
  enableOfflineQueue?: boolean;
  connectTimeout?: number;
  enableReadyCheck?: boolean;
  lazyConnect?: boolean;
  /** Reconnection delays of a single server (ioredis's default when absent); a cluster uses its own, below. */
  retryStrategy?: (attempt: number) => number | null;
}

export type RedisConnectionPlan = { kind: 'server'; url: string; options: RedisOptions } | { kind: 'cluster'; nodes: ClusterNode[]; options: ClusterOptions };

/**
 * Retries of a command whose node went away (a master killed, its replica not promoted yet). A failover takes the
 * node timeout (2 s in the tests, 15 s by Redis's default) plus an election, so commands are retried for a few
 * seconds before the caller hears of it; callers that must never give up (BullMQ) retry on top of this.
 */
const CLUSTER_RETRY = { retryDelayOnFailover: 300, retryDelayOnClusterDown: 300, retryDelayOnTryAgain: 200, maxRedirections: 24 } as const;

/** The node list as ioredis wants it; the ports were checked by the configuration schema. */
function clusterNodes(nodes: readonly string[]): ClusterNode[] {
  return nodes.map((node) => {
    const colon = node.lastIndexOf(':');
    return { host: node.slice(0, colon), port: Number(node.slice(colon + 1)) };
  });
}

/** Credentials and TLS of REDIS_URL, which still apply to every node of a cluster. */
function urlCredentials(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** What `createRedisConnection` builds, without connecting (so the choice can be tested without a server). */
export function redisConnectionPlan(settings: RedisSettings, options: RedisConnectionOptions): RedisConnectionPlan {
  const common = {
    maxRetriesPerRequest: options.maxRetriesPerRequest,
    ...(options.connectTimeout !== undefined ? { connectTimeout: options.connectTimeout } : {}),
  };
  const nodes = settings.REDIS_CLUSTER_NODES ?? [];
  if (nodes.length === 0) {
    return {
      kind: 'server',
      url: settings.REDIS_URL,
      options: {
        ...common,
        ...(options.enableOfflineQueue !== undefined ? { enableOfflineQueue: options.enableOfflineQueue } : {}),
        ...(options.enableReadyCheck !== undefined ? { enableReadyCheck: options.enableReadyCheck } : {}),
        ...(options.lazyConnect !== undefined ? { lazyConnect: options.lazyConnect } : {}),
        ...(options.retryStrategy ? { retryStrategy: options.retryStrategy } : {}),
      },
    };
  }
  return {
    kind: 'cluster',
    nodes: clusterNodes(nodes),
    options: {
      redisOptions: { ...common, ...urlCredentials(settings.REDIS_URL) },
      ...(options.enableOfflineQueue !== undefined ? { enableOfflineQueue: options.enableOfflineQueue } : {}),
      // The ready check asks CLUSTER INFO for state ok, so a client is not "ready" on a cluster that cannot serve.
      enableReadyCheck: options.enableReadyCheck ?? true,
      ...(options.lazyConnect !== undefined ? { lazyConnect: options.lazyConnect } : {}),
      // Every node lost at once (a restart of all of them, a network cut): try again, never give up for good.
      clusterRetryStrategy: (attempt) => Math.min(100 + attempt * 200, 2000),
      ...CLUSTER_RETRY,
    },
  };
}

/**
 * The one place a production Redis connection is made (API, worker): a `Cluster` when REDIS_CLUSTER_NODES names
 * nodes, else a `Redis` on REDIS_URL. On a cluster every multi-key command and script must keep its keys in one
 * slot; the platform's keys use hash tags for that (`{prefix}` for BullMQ, `{account}` for the login throttle).
 */
export function createRedisConnection(settings: RedisSettings, options: RedisConnectionOptions): RedisClient {
  const plan = redisConnectionPlan(settings, options);
  return plan.kind === 'server' ? new Redis(plan.url, plan.options) : new Cluster(plan.nodes, plan.options);
}

/** Whether the client is a cluster (ioredis sets `isCluster` on both kinds). */
export function isRedisCluster(client: RedisClient): client is Cluster {
  return client.isCluster;
}

/**
 * Every key matching `pattern`. SCAN walks one node only, so on a cluster each master is scanned (a pattern under
 * one hash tag lives on one of them; the others answer nothing).
 */
export async function scanKeys(client: RedisClient, pattern: string): Promise<string[]> {
  const nodes: Redis[] = isRedisCluster(client) ? client.nodes('master') : [client];
  const found: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
  }
  return found;
}
