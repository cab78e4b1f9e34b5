// A signed-in person chooses how notification e-mails reach them (issue 19): immediate (combined within a minute) or
// a daily digest. Only their own choice, read and changed through the generated client; a bad value is a 400 that
// names the field and changes nothing.
import { createUser, startTestApi, type TestApi } from './harness.js';

const PASSWORD = 'mat-khau-thu-nghiem-2026';

describe('my e-mail delivery preference', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    for (const name of ['lan', 'minh']) {
      ids[name] = await createUser(api, `${name}@khuyencong.vn`, PASSWORD, [{ role: 'judge', scopeType: 'national', scopeId: null }]);
      const { data } = await api.client.POST('/api/auth/login', { body: { email: `${name}@khuyencong.vn`, password: PASSWORD } });
      tokens[name] = data!.accessToken;
    }
  }, 120_000);
  afterAll(() => api.close());

  const stored = async (userId: string) =>
    (await api.database.dataSource.query<{ email_delivery: string }[]>('SELECT email_delivery FROM users WHERE id = $1', [userId]))[0]!.email_delivery;

  it('refuses a caller without a token, reading and writing', async () => {
    const read = await api.client.GET('/api/me/preferences');
    expect(read.response.status).toBe(401);
    const write = await api.client.PUT('/api/me/preferences', { body: { emailDelivery: 'daily' } });
    expect(write.response.status).toBe(401);
    expect(await stored(ids.lan!)).toBe('immediate');
  });

  it('reads immediate by default, saves daily for the caller only, and reads it back', async () => {
    const lan = api.as(tokens.lan!);
    expect((await lan.GET('/api/me/preferences')).data).toEqual({ emailDelivery: 'immediate' });

    const saved = await lan.PUT('/api/me/preferences', { body: { emailDelivery: 'daily' } });
    expect(saved.response.status).toBe(200);
    expect(saved.data).toEqual({ emailDelivery: 'daily' });
    expect((await lan.GET('/api/me/preferences')).data).toEqual({ emailDelivery: 'daily' });
    expect(await stored(ids.lan!)).toBe('daily');
    // Another person's choice is theirs: unchanged, and read as their own.
    expect(await stored(ids.minh!)).toBe('immediate');
    expect((await api.as(tokens.minh!).GET('/api/me/preferences')).data).toEqual({ emailDelivery: 'immediate' });

    expect((await lan.PUT('/api/me/preferences', { body: { emailDelivery: 'immediate' } })).data).toEqual({ emailDelivery: 'immediate' });
    expect(await stored(ids.lan!)).toBe('immediate');
  });

  it('brings e-mails held for the digest forward when the person switches back to immediate', async () => {
    const lan = api.as(tokens.lan!);
    await lan.PUT('/api/me/preferences', { body: { emailDelivery: 'daily' } });
    await api.database.dataSource.query(`INSERT INTO email_windows (user_id, flush_at) VALUES ($1, now() + interval '10 hours')`, [ids.lan]);
    await lan.PUT('/api/me/preferences', { body: { emailDelivery: 'immediate' } });
    const [window] = await api.database.dataSource.query<{ due: boolean }[]>(`SELECT flush_at <= now() AS due FROM email_windows WHERE user_id = $1`, [
      ids.lan,
    ]);
    expect(window!.due).toBe(true);
  });

  it('answers 400 naming the field for a bad value, an unknown field or no body, and changes nothing', async () => {
    const minh = api.as(tokens.minh!);
    for (const body of [{ emailDelivery: 'weekly' }, { emailDelivery: 'daily', userId: ids.lan }, {}]) {
      const answer = await minh.PUT('/api/me/preferences', { body: body as { emailDelivery: 'daily' } });
      expect(answer.response.status).toBe(400);
      expect(answer.error).toMatchObject({ code: 'MALFORMED_REQUEST' });
    }
    const bad = await minh.PUT('/api/me/preferences', { body: { emailDelivery: 'weekly' as 'daily' } });
    expect((bad.error as { problems: { path: string; message: string }[] }).problems).toEqual([
      { path: 'emailDelivery', message: 'Chọn "immediate" hoặc "daily" / choose "immediate" or "daily"' },
    ]);
    expect(await stored(ids.minh!)).toBe('immediate');
    expect(await stored(ids.lan!)).toBe('immediate');
  });
});
