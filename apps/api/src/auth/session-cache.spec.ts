import { SessionCache } from './session-cache.js';

const actor = (userId: string) => ({ userId, email: `${userId}@example.vn`, grants: [] });

describe('SessionCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('is bypassed until the invalidation channel listens, and emptied when it stops', () => {
    const cache = new SessionCache(10_000, 100, now);
    cache.set('t1', actor('u1'), clock + 60_000);
    expect(cache.get('t1')).toBeUndefined();
    cache.setListening(true);
    cache.set('t1', actor('u1'), clock + 60_000);
    expect(cache.get('t1')?.userId).toBe('u1');
    cache.setListening(false);
    expect(cache.size).toBe(0);
    expect(cache.get('t1')).toBeUndefined();
  });

  it('keeps an entry for the TTL, never past the token’s expiry', () => {
    const cache = new SessionCache(10_000, 100, now);
    cache.setListening(true);
    cache.set('long', actor('u1'), clock + 60_000);
    cache.set('short', actor('u2'), clock + 2_000);
    clock += 2_000;
    expect(cache.get('short')).toBeUndefined();
    expect(cache.get('long')).toBeDefined();
    clock += 8_000;
    expect(cache.get('long')).toBeUndefined();
  });

  it('forgets every token of a user at once', () => {
    const cache = new SessionCache(10_000, 100, now);
    cache.setListening(true);
    cache.set('a', actor('u1'), clock + 60_000);
    cache.set('b', actor('u1'), clock + 60_000);
    cache.set('c', actor('u2'), clock + 60_000);
    cache.forgetUser('u1');
    expect([cache.get('a'), cache.get('b'), cache.get('c')?.userId]).toEqual([undefined, undefined, 'u2']);
  });

  it('stays within its size by dropping the oldest tenth', () => {
    const cache = new SessionCache(10_000, 20, now);
    cache.setListening(true);
    for (let index = 0; index < 25; index++) cache.set(`t${index}`, actor(`u${index}`), clock + 60_000);
    expect(cache.size).toBeLessThanOrEqual(20);
    expect(cache.get('t0')).toBeUndefined();
    expect(cache.get('t24')).toBeDefined();
  });

  it('is off with a TTL of 0', () => {
    const cache = new SessionCache(0, 100, now);
    cache.setListening(true);
    cache.set('t', actor('u'), clock + 60_000);
    expect(cache.get('t')).toBeUndefined();
  });
});
