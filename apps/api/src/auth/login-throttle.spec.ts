import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { LoginThrottle, accountThreshold, throttleDelayMs } from './login-throttle.js';

describe('throttleDelayMs', () => {
  it('lets the first failures through, then doubles the wait from one second up to the cap', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => throttleDelayMs(attempts, 3, 10_000));
    expect(delays).toEqual([0, 0, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(throttleDelayMs(10_000, 3, 900_000)).toBe(900_000);
  });

  it('starts the account-wide count well above the per-address one', () => {
    expect(accountThreshold(5)).toBeGreaterThanOrEqual(20);
  });
});

describe('LoginThrottle (against the real Redis)', () => {
  const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  const prefix = `kcunit${randomBytes(4).toString('hex')}`;
  const throttle = () => new LoginThrottle(redis, { REDIS_PREFIX: prefix, LOGIN_LOCKOUT_THRESHOLD: 2, LOGIN_LOCKOUT_MINUTES: 15 });

  beforeAll(() => redis.connect());
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses a pair over its threshold with a wait, and leaves other addresses alone', async () => {
    const limiter = throttle();
    expect(await limiter.admit('a@test.vn', '203.0.113.1')).toEqual({ admitted: true });
    expect(await limiter.admit('a@test.vn', '203.0.113.1')).toEqual({ admitted: true });
    const refused = await limiter.admit('a@test.vn', '203.0.113.1');
    expect(refused).toMatchObject({ admitted: false });
    expect(!refused.admitted && refused.retryAfterSeconds).toBe(1);
    expect(await limiter.admit('a@test.vn', '198.51.100.1')).toEqual({ admitted: true });
  });

  it('forgets the pair on success and remembers the address, which then passes an account-wide wait', async () => {
    const limiter = throttle();
    await limiter.admit('b@test.vn', '198.51.100.2');
    await limiter.succeeded('b@test.vn', '198.51.100.2');
    // Failures from many addresses reach the account-wide threshold.
    for (let i = 0; i < accountThreshold(2); i++) await limiter.admit('b@test.vn', `203.0.113.${i + 10}`);
    const stranger = await limiter.admit('b@test.vn', '192.0.2.200');
    expect(stranger.admitted).toBe(false);
    expect(await limiter.admit('b@test.vn', '198.51.100.2')).toEqual({ admitted: true });
  });

  it('counts concurrent attempts atomically: a burst gets no more than the threshold through', async () => {
    const limiter = throttle();
    const results = await Promise.all(Array.from({ length: 10 }, () => limiter.admit('c@test.vn', '203.0.113.99')));
    expect(results.filter((result) => result.admitted)).toHaveLength(2);
  });
});
