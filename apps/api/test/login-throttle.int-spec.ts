// Sign-in hardening over HTTP: which address a limit counts (issue 17, item 13) and how failures slow down one
// account without locking it for everyone or revealing who exists (item 14).
import { createUser, startTestApi, type TestApi } from './harness.js';

const password = 'Correct-Horse-2026';
const attempt = (api: TestApi, email: string, pass: string, headers: Record<string, string> = {}) =>
  fetch(`${api.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password: pass }),
  });

describe('login rate limit and forwarded headers', () => {
  describe('with the default configuration (no trusted proxy)', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '20', LOGIN_LOCKOUT_THRESHOLD: '100' });
    });
    afterAll(() => api.close());

    it('limits by the real address however X-Forwarded-For and Forwarded rotate', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) {
        const response = await attempt(api, `x${i}@test.vn`, 'whatever-1', {
          'x-forwarded-for': `203.0.113.${i + 1}`,
          forwarded: `for=198.51.100.${i + 1}`,
          'x-real-ip': `192.0.2.${i + 1}`,
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 20)).toEqual(Array<number>(20).fill(401));
      expect(statuses.slice(20)).toEqual([429, 429]);
    });

    it('says when to come back', async () => {
      const response = await attempt(api, 'y@test.vn', 'whatever-1');
      expect(response.status).toBe(429);
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(61);
    });
  });

  describe('behind a configured proxy', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ TRUSTED_PROXIES: 'loopback', LOGIN_RATE_LIMIT_PER_MINUTE: '3', LOGIN_LOCKOUT_THRESHOLD: '100' });
      await createUser(api, 'proxied@test.vn', password);
    });
    afterAll(() => api.close());

    it('counts the client address the trusted proxy forwards', async () => {
      const from = (address: string) => attempt(api, 'proxied@test.vn', 'wrong-pass-1', { 'x-forwarded-for': address });
      const first: number[] = [];
      for (let i = 0; i < 4; i++) first.push((await from('203.0.113.7')).status);
      expect(first).toEqual([401, 401, 401, 429]);
      expect((await from('203.0.113.8')).status).toBe(401);
    });
  });
});

describe('failed sign-ins slow one account down without locking it or revealing it', () => {
  let api: TestApi;
  beforeAll(async () => {
    // loopback is trusted so that the test can speak from several addresses through X-Forwarded-For.
    api = await startTestApi({ TRUSTED_PROXIES: 'loopback', LOGIN_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_LOCKOUT_THRESHOLD: '3' });
    await createUser(api, 'victim@test.vn', password);
    await createUser(api, 'twin@test.vn', password);
    await createUser(api, 'regular@test.vn', password);
  });
  afterAll(() => api.close());

  const from = (address: string, email: string, pass: string) => attempt(api, email, pass, { 'x-forwarded-for': address });
  const answer = async (response: Response) => {
    const body = (await response.json()) as Record<string, unknown>;
    delete body.requestId;
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
  };

  it('throttles the attacker’s address, while the right password from another address signs in', async () => {
    const attacker: number[] = [];
    for (let i = 0; i < 3; i++) attacker.push((await from('203.0.113.66', 'victim@test.vn', 'guess-' + i)).status);
    expect(attacker).toEqual([401, 401, 401]);
    const refused = await from('203.0.113.66', 'victim@test.vn', password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { code: string }).code).toBe('LOGIN_THROTTLED');
    expect((await from('198.51.100.5', 'victim@test.vn', password)).status).toBe(200);
  });

  it('makes the waits grow', async () => {
    for (let i = 0; i < 3; i++) await from('203.0.113.70', 'twin@test.vn', 'guess-' + i);
    const first = await from('203.0.113.70', 'twin@test.vn', 'guess-x');
    expect(first.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await from('203.0.113.70', 'twin@test.vn', 'guess-y')).status).toBe(401);
    const second = await from('203.0.113.70', 'twin@test.vn', 'guess-z');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('2');
  });

  it('answers an unknown e-mail exactly like a known one, throttling included', async () => {
    const run = async (email: string, address: string) => {
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await answer(await from(address, email, 'guess-' + i)));
      return answers;
    };
    const known = await run('regular@test.vn', '203.0.113.80');
    const unknown = await run('nobody-here@test.vn', '203.0.113.81');
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 429]);
    expect(unknown).toEqual(known);
    const [row] = await api.database.dataSource.query<{ locked_until: Date | null }[]>(`SELECT locked_until FROM users WHERE email = 'regular@test.vn'`);
    expect(row?.locked_until).toBeNull();
  });

  it('slows an attack spread over many addresses for new addresses, not for one the user signed in from', async () => {
    expect((await from('198.51.100.20', 'regular@test.vn', password)).status).toBe(200);
    // accountThreshold(3) failures, each from its own address.
    for (let i = 0; i < 12; i++) await from(`192.0.2.${i + 1}`, 'regular@test.vn', 'guess-' + i);
    expect((await from('192.0.2.200', 'regular@test.vn', password)).status).toBe(429);
    expect((await from('198.51.100.20', 'regular@test.vn', password)).status).toBe(200);
  });

  it('forgets every wait of an account an administrator unlocks', async () => {
    await createUser(api, 'unlocked@test.vn', password);
    await createUser(api, 'unlocker@test.vn', password, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    for (let i = 0; i < 12; i++) await from(`192.0.2.${i + 50}`, 'unlocked@test.vn', 'guess-' + i);
    expect((await from('192.0.2.50', 'unlocked@test.vn', password)).status).toBe(429);
    expect((await from('192.0.2.201', 'unlocked@test.vn', password)).status).toBe(429);
    const signIn = await from('198.51.100.30', 'unlocker@test.vn', password);
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const [user] = await api.database.dataSource.query<{ id: string }[]>(`SELECT id FROM users WHERE email = 'unlocked@test.vn'`);
    const { response } = await api.as(accessToken).POST('/api/admin/users/{id}/unlock', { params: { path: { id: user?.id ?? '' } } });
    expect(response.status).toBe(200);
    expect((await from('192.0.2.50', 'unlocked@test.vn', password)).status).toBe(200);
    expect((await from('192.0.2.202', 'unlocked@test.vn', password)).status).toBe(200);
  });
});
