import { createUser, startTestApi, type TestApi } from './harness.js';

const password = 'Correct-Horse-2026';

describe('sessions', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '100', LOGIN_LOCKOUT_THRESHOLD: '3' });
    await createUser(api, 'so.gialai@test.vn', password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }]);
    await createUser(api, 'lock@test.vn', password);
  });
  afterAll(() => api.close());

  const login = (email: string, pass = password) => api.client.POST('/api/auth/login', { body: { email, password: pass } });

  it('signs in with e-mail (any case) and password, and the token shows the grants', async () => {
    const { data, response } = await login('SO.GIALAI@test.vn');
    expect(response.status).toBe(200);
    expect(data?.user.grants).toEqual([{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }]);
    const me = await api.as(data!.accessToken).GET('/api/auth/me');
    expect(me.data?.email).toBe('so.gialai@test.vn');
    const [audit] = await api.database.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_log WHERE action = 'auth.login'`);
    expect(audit?.action).toBe('auth.login');
  });

  it('refuses a wrong password with 401 and the same message as an unknown e-mail', async () => {
    const wrong = await login('so.gialai@test.vn', 'nope-nope-1');
    const unknown = await login('nobody@test.vn', 'nope-nope-1');
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect((wrong.error as unknown as { message: string }).message).toBe((unknown.error as unknown as { message: string }).message);
  });

  it('rotates refresh tokens and revokes the whole family when an old one is replayed', async () => {
    const first = (await login('so.gialai@test.vn')).data!;
    const second = await api.client.POST('/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.response.status).toBe(200);
    expect(second.data!.refreshToken).not.toBe(first.refreshToken);
    const replay = await api.client.POST('/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.response.status).toBe(401);
    expect((replay.error as unknown as { code: string }).code).toBe('TOKEN_REUSED');
    // The thief's replay also ended the legitimate session.
    const afterReuse = await api.client.POST('/api/auth/refresh', { body: { refreshToken: second.data!.refreshToken } });
    expect(afterReuse.response.status).toBe(401);
    expect((await api.as(second.data!.accessToken).GET('/api/auth/me')).response.status).toBe(401);
  });

  it('logs out: the refresh token and the access tokens of the session stop working', async () => {
    const session = (await login('so.gialai@test.vn')).data!;
    const out = await api.as(session.accessToken).POST('/api/auth/logout', { body: { refreshToken: session.refreshToken } });
    expect(out.response.status).toBe(204);
    expect((await api.as(session.accessToken).GET('/api/auth/me')).response.status).toBe(401);
    expect((await api.client.POST('/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).response.status).toBe(401);
  });

  it('slows repeated failures down with 429 and Retry-After instead of locking the account', async () => {
    for (let i = 0; i < 3; i++) expect((await login('lock@test.vn', 'wrong-pass-9')).response.status).toBe(401);
    const throttled = await login('lock@test.vn');
    expect(throttled.response.status).toBe(429);
    expect(throttled.response.headers.get('retry-after')).toBe('1');
    expect((throttled.error as unknown as { code: string }).code).toBe('LOGIN_THROTTLED');
    const [row] = await api.database.dataSource.query<{ locked_until: Date | null }[]>(`SELECT locked_until FROM users WHERE email = 'lock@test.vn'`);
    expect(row?.locked_until).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await login('lock@test.vn')).response.status).toBe(200);
  });

  it('rejects malformed bodies with 400 naming the field, and garbage tokens with 401', async () => {
    const bad = await api.client.POST('/api/auth/login', { body: { email: 'not-an-email', password: '' } });
    expect(bad.response.status).toBe(400);
    expect(JSON.stringify(bad.error)).toContain('email');
    expect((await api.as('garbage.token.here').GET('/api/auth/me')).response.status).toBe(401);
  });
});

describe('login rate limit', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(() => api.close());

  it('answers 429 after too many attempts from one address within a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const { response } = await api.client.POST('/api/auth/login', { body: { email: 'x@test.vn', password: 'whatever-1' } });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
