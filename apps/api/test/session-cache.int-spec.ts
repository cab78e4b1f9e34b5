// The session cache across API processes: two API applications on one database (as behind a balancer). What
// one of them changes — logout, a revoked grant, a disabled account, or a change made straight in the database
// and announced — must stop working on the other at once, although the other had the token cached.
import { type INestApplication } from '@nestjs/common';
import { createApiClient, type ApiClient } from '@khuyencong/api-client';
import { createApp } from '../src/bootstrap.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

const password = 'Session-Cache-2026';

/** Polls until `check` holds, up to `ms`; returns the time it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

describe('session cache across API processes', () => {
  let api: TestApi;
  let other: INestApplication;
  let otherUrl: string;
  let admin: ApiClient;

  beforeAll(async () => {
    api = await startTestApi({ SESSION_CACHE_SECONDS: '3' });
    other = await createApp(api.config, { quiet: true });
    await other.listen(0, '127.0.0.1');
    otherUrl = `http://127.0.0.1:${(other.getHttpServer() as { address(): { port: number } }).address().port}`;
    await createUser(api, 'admin@cache.vn', password, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    const { data } = await api.client.POST('/api/auth/login', { body: { email: 'admin@cache.vn', password } });
    admin = api.as(data!.accessToken);
  });
  afterAll(async () => {
    await other.close();
    await api.close();
  });

  async function signIn(email: string): Promise<{ token: string; refreshToken: string; onOther: ApiClient }> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
    return {
      token: data!.accessToken,
      refreshToken: data!.refreshToken,
      onOther: createApiClient({ baseUrl: otherUrl, accessToken: () => data!.accessToken }),
    };
  }
  const status = async (client: ApiClient) => (await client.GET('/api/auth/me')).response.status;
  const adminListStatus = async (client: ApiClient) => (await client.GET('/api/admin/users', { params: { query: {} } })).response.status;

  it('a logout on one process ends the session on the other', async () => {
    await createUser(api, 'logout@cache.vn', password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }]);
    const session = await signIn('logout@cache.vn');
    expect(await status(session.onOther)).toBe(200); // now cached on the other process
    expect(await status(session.onOther)).toBe(200);
    const logout = await api.as(session.token).POST('/api/auth/logout', { body: { refreshToken: session.refreshToken } });
    expect(logout.response.status).toBeLessThan(300);
    expect(await status(api.as(session.token))).toBe(401); // the process that logged out: at once
    await within(1000, async () => (await status(session.onOther)) === 401);
  });

  it('a grant revoked on one process stops working on the other; a new grant starts working', async () => {
    const userId = await createUser(api, 'grant@cache.vn', password, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    const session = await signIn('grant@cache.vn');
    expect(await adminListStatus(session.onOther)).toBe(200);
    const [grant] = await api.database.dataSource.query<{ id: string }[]>(`SELECT id FROM role_grants WHERE user_id = $1`, [userId]);
    const revoked = await admin.DELETE('/api/admin/users/{id}/grants/{grantId}', { params: { path: { id: userId, grantId: grant!.id } } });
    expect(revoked.response.status).toBeLessThan(300);
    await within(1000, async () => (await adminListStatus(session.onOther)) === 403);
    const granted = await admin.POST('/api/admin/users/{id}/grants', {
      params: { path: { id: userId } },
      body: { role: 'admin', scopeType: 'national', scopeId: null },
    });
    expect(granted.response.status).toBe(201);
    await within(1000, async () => (await adminListStatus(session.onOther)) === 200);
  });

  it('a disabled account is refused on the other process', async () => {
    const userId = await createUser(api, 'disabled@cache.vn', password, [{ role: 'judge', scopeType: 'national', scopeId: null }]);
    const session = await signIn('disabled@cache.vn');
    expect(await status(session.onOther)).toBe(200);
    const disabled = await admin.PATCH('/api/admin/users/{id}', { params: { path: { id: userId } }, body: { active: false } });
    expect(disabled.response.status).toBe(200);
    await within(1000, async () => (await status(session.onOther)) === 401);
  });

  it('a change made straight in the database reaches both processes (the tables announce it)', async () => {
    const userId = await createUser(api, 'sql@cache.vn', password, [{ role: 'judge', scopeType: 'national', scopeId: null }]);
    const session = await signIn('sql@cache.vn');
    expect([await status(api.as(session.token)), await status(session.onOther)]).toEqual([200, 200]);
    await api.database.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [userId]);
    await within(1000, async () => (await status(api.as(session.token))) === 401 && (await status(session.onOther)) === 401);
  });

  it('a grant that ends by the clock stops at its end, although the session is cached', async () => {
    const userId = await createUser(api, 'clock@cache.vn', password);
    await api.database.dataSource.query(
      `INSERT INTO role_grants (user_id, role, scope_type, scope_id, valid_to) VALUES ($1, 'admin', 'national', NULL, now() + interval '1500 milliseconds')`,
      [userId],
    );
    const session = await signIn('clock@cache.vn');
    expect(await adminListStatus(session.onOther)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(await adminListStatus(session.onOther)).toBe(403);
  });

  it('a change that bypasses the triggers shows after SESSION_CACHE_SECONDS at most: the cache is in use', async () => {
    const userId = await createUser(api, 'silent@cache.vn', password, [{ role: 'judge', scopeType: 'national', scopeId: null }]);
    const session = await signIn('silent@cache.vn');
    expect(await status(session.onOther)).toBe(200);
    await api.database.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`); // triggers off, as a restore would
      await manager.query(`UPDATE users SET active = false WHERE id = $1`, [userId]);
    });
    const took = await within(4000, async () => (await status(session.onOther)) === 401);
    // Served from the cache until its entry expired (3 s in this suite), then refused.
    expect(took).toBeGreaterThan(1500);
  }, 30_000);
});
