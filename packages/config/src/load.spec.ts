import { ConfigError, loadConfig } from './load.js';
import { apiConfigSchema, workerConfigSchema } from './schemas.js';

describe('loadConfig', () => {
  it('fills defaults when the environment is empty', () => {
    const config = loadConfig(apiConfigSchema, { JWT_SECRET: 'x'.repeat(32) });
    expect(config.API_PORT).toBe(3000);
    expect(config.REDIS_PREFIX).toBe('kc');
    expect(config.DATABASE_URL).toMatch(/^postgres:/);
  });

  it('coerces numbers and splits queue lists', () => {
    const config = loadConfig(workerConfigSchema, { WORKER_QUEUES: 'timers, notifications,', WORKER_CONCURRENCY: '4' });
    expect(config.WORKER_QUEUES).toEqual(['timers', 'notifications']);
    expect(config.WORKER_CONCURRENCY).toBe(4);
  });

  it('reports every problem at once before boot', () => {
    let error: unknown;
    try {
      loadConfig(apiConfigSchema, { API_PORT: '70000', REDIS_URL: 'http://x', DATABASE_URL: 'nonsense' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('API_PORT');
    expect(problems).toContain('REDIS_URL');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('JWT_SECRET');
  });

  it('trusts no proxy by default, and accepts addresses, CIDR ranges and named ranges only', () => {
    const secret = { JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(apiConfigSchema, secret).TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig(apiConfigSchema, { ...secret, TRUSTED_PROXIES: '' }).TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig(apiConfigSchema, { ...secret, TRUSTED_PROXIES: 'loopback, 10.0.0.0/8,::1' }).TRUSTED_PROXIES).toEqual(['loopback', '10.0.0.0/8', '::1']);
    for (const bad of ['*', 'true', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/2']) {
      expect(() => loadConfig(apiConfigSchema, { ...secret, TRUSTED_PROXIES: bad })).toThrow(ConfigError);
    }
  });

  it('refuses a Redis prefix that would break key patterns', () => {
    expect(() => loadConfig(apiConfigSchema, { JWT_SECRET: 'x'.repeat(32), REDIS_PREFIX: 'a b*' })).toThrow(ConfigError);
  });

  it('reads the scale-out settings: cluster nodes as host:port, a replica URL with its lag bound, a direct LISTEN URL', () => {
    const secret = { JWT_SECRET: 'x'.repeat(32) };
    const plain = loadConfig(apiConfigSchema, secret);
    expect(plain.REDIS_CLUSTER_NODES).toEqual([]);
    expect(plain.DATABASE_READ_URL).toBeUndefined();
    expect(plain.DATABASE_READ_MAX_LAG_MS).toBe(5000);
    expect(plain.DATABASE_TRANSACTION_POOLER).toBe(false);
    const scaled = loadConfig(apiConfigSchema, {
      ...secret,
      REDIS_CLUSTER_NODES: '127.0.0.1:7000, 127.0.0.1:7001',
      DATABASE_READ_URL: 'postgres://postgres@127.0.0.1:5433/kc',
      DATABASE_READ_MAX_LAG_MS: '2000',
      DATABASE_LISTEN_URL: 'postgres://postgres@127.0.0.1:5432/kc',
      DATABASE_TRANSACTION_POOLER: 'true',
    });
    expect(scaled.DATABASE_TRANSACTION_POOLER).toBe(true);
    expect(loadConfig(workerConfigSchema, { DATABASE_TRANSACTION_POOLER: 'yes' }).DATABASE_TRANSACTION_POOLER).toBe(true);
    expect(scaled.REDIS_CLUSTER_NODES).toEqual(['127.0.0.1:7000', '127.0.0.1:7001']);
    expect(scaled.DATABASE_READ_MAX_LAG_MS).toBe(2000);
    expect(loadConfig(workerConfigSchema, { REDIS_CLUSTER_NODES: '10.0.0.5:6379' }).REDIS_CLUSTER_NODES).toEqual(['10.0.0.5:6379']);
    for (const bad of [{ REDIS_CLUSTER_NODES: 'redis://a:1' }, { REDIS_CLUSTER_NODES: 'host' }, { DATABASE_READ_URL: 'mysql://x' }]) {
      expect(() => loadConfig(apiConfigSchema, { ...secret, ...bad })).toThrow(ConfigError);
    }
  });
});
