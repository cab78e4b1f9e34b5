import { SignJWT } from 'jose';
import { createUser, startTestApi, type TestApi } from './harness.js';

const password = 'Session-Hardening-2026';

describe('session hardening', () => {
  let api: TestApi;
  let userId: string;

  beforeAll(async () => {
    api = await startTestApi({ ADMIN_ORIGIN: 'http://127.0.0.1:5173' });
    userId = await createUser(api, 'so@test.vn', password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }]);
  });
  afterAll(() => api.close());

  async function sign(claims: { exp: number; fam: string }, secret = api.config.JWT_SECRET): Promise<string> {
    return new SignJWT({ fam: claims.fam })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('khuyencong')
      .setIssuedAt(claims.exp - 900)
      .setExpirationTime(claims.exp)
      .sign(new TextEncoder().encode(secret));
  }

  it('refuses an access token past its expiry, one signed with another key, and an unsigned one', async () => {
    const { data } = await api.client.POST('/api/auth/login', { body: { email: 'so@test.vn', password } });
    const family = (await api.database.dataSource.query<{ family_id: string }[]>(`SELECT family_id FROM refresh_tokens WHERE user_id = $1`, [userId]))[0]!
      .family_id;
    const now = Math.floor(Date.now() / 1000);
    // The real token works; the same claims expired a second ago do not.
    expect((await api.as(data!.accessToken).GET('/api/auth/me')).response.status).toBe(200);
    expect((await api.as(await sign({ exp: now + 600, fam: family })).GET('/api/auth/me')).response.status).toBe(200);
    expect((await api.as(await sign({ exp: now - 1, fam: family })).GET('/api/auth/me')).response.status).toBe(401);
    expect((await api.as(await sign({ exp: now + 600, fam: family }, 'another-secret-another-secret-0000')).GET('/api/auth/me')).response.status).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: userId, fam: family, iss: 'khuyencong', exp: now + 600 })).toString('base64url')}.`;
    expect((await api.as(unsigned).GET('/api/auth/me')).response.status).toBe(401);
  });

  it('lets CORS in from the admin’s origin only', async () => {
    const preflight = (origin: string) =>
      fetch(`${api.baseUrl}/api/auth/login`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const admin = await preflight('http://127.0.0.1:5173');
    expect(admin.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    const evil = await preflight('http://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await fetch(`${api.baseUrl}/api/health/live`, { headers: { origin: 'http://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends the security headers of a JSON API on every answer, errors included', async () => {
    for (const path of ['/api/health/live', '/api/auth/me', '/api/no-such-route']) {
      const response = await fetch(`${api.baseUrl}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});
