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
});
