// Issue 17, items 6 and 16: a repeated nomination, cache headers, parser errors, names and titles, stalled bodies.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { WorkflowRunner } from '@khuyencong/workflow';
import { createUser, startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

const PASSWORD = 'Hardening-2026';
const DAY = 86_400_000;

describe('hardening', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  let officer = '';
  let admin = '';

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', API_BODY_READ_TIMEOUT_MS: '2000' });
    h = http(api);
    await api.app.get(WorkflowRunner).definitions.publishAll(api.database.dataSource.manager);
    await createUser(api, 'so@test.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]);
    await createUser(api, 'admin@test.vn', PASSWORD, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    officer = await h.login('so@test.vn', PASSWORD);
    admin = await h.login('admin@test.vn', PASSWORD);
  });
  afterAll(() => api.close());

  /** A provincial entry already recognised with a valid certificate, and an open regional round (fixture by SQL). */
  async function recognisedEntry(): Promise<{ entry: string; regionRound: string }> {
    const db = api.database.dataSource;
    const year = 2040 + Math.floor(Math.random() * 50);
    const window = { opens: new Date(Date.now() - DAY).toISOString(), closes: new Date(Date.now() + 30 * DAY).toISOString() };
    const [province] = await db.query<{ id: string }[]>(
      `INSERT INTO rounds (name, level, year, scope_type, scope_code, status, registration_opens_at, registration_closes_at)
       VALUES ('Tỉnh', 'province', $1, 'province', 'gia-lai-2025', 'decided', $2, $3) RETURNING id`,
      [year, window.opens, window.closes],
    );
    const [region] = await db.query<{ id: string }[]>(
      `INSERT INTO rounds (name, level, year, scope_type, scope_code, status, registration_opens_at, registration_closes_at)
       VALUES ('Khu vực', 'region', $1, 'region', 'CENTRAL_HIGHLANDS', 'open', $2, $3) RETURNING id`,
      [year, window.opens, window.closes],
    );
    const establishmentId = randomUUID();
    await db.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'establishment', 'Cơ sở dệt', 'gia-lai-2025')`, [establishmentId]);
    const applicantId = await createUser(api, `coso-${establishmentId.slice(0, 8)}@test.vn`, PASSWORD, [
      { role: 'applicant', scopeType: 'establishment', scopeId: establishmentId },
    ]);
    const applicant = { userId: applicantId, roles: [{ role: 'applicant' as const, scope: { type: 'establishment' as const, id: establishmentId } }] };
    const opened = await api.app.get(WorkflowRunner).start(
      'product-selection',
      {
        subject: { establishmentId, communeCode: '23941', provinceCode: 'gia-lai-2025', regionCode: 'CENTRAL_HIGHLANDS' },
        round: { roundId: province!.id, level: 'province', year, passThreshold: 70, registrationOpensAt: window.opens, registrationClosesAt: window.closes },
      },
      applicant,
    );
    await db.transaction(async (tx) => {
      // The entry first, with its triggers (its tracking code is assigned by one).
      await tx.query(
        `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group) VALUES ($1, $2, $3, 'Thổ cẩm', 'HANDICRAFT')`,
        [opened.instanceId, province!.id, establishmentId],
      );
      // The certificate's decision is not part of this test: foreign keys are skipped for the fixture only.
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`UPDATE workflow_instances SET stage = 'recognised', state = jsonb_set(state, '{stage}', '"recognised"') WHERE id = $1`, [
        opened.instanceId,
      ]);
      await tx.query(
        `INSERT INTO certificates (number, level, year, sequence, instance_id, decision_id, round_id, establishment_id, product_name, issued_on, valid_until)
         VALUES ($1, 'province', $2, 1, $3, $4, $5, $6, 'Thổ cẩm', current_date, current_date + 1000)`,
        [`T-GL-${year}-0001`, year, opened.instanceId, randomUUID(), province!.id, establishmentId],
      );
    });
    return { entry: opened.instanceId, regionRound: region!.id };
  }

  it('a second nomination of the same entry into the same round is 409 ALREADY_NOMINATED, and writes nothing', async () => {
    const { entry, regionRound } = await recognisedEntry();
    const first = await h.call(officer, 'POST', `/api/rounds/${regionRound}/nominations`, { instanceIds: [entry] });
    expect(first.status).toBe(201);
    const again = await h.call<{ code: string }>(officer, 'POST', `/api/rounds/${regionRound}/nominations`, { instanceIds: [entry] });
    expect([again.status, again.body.code]).toEqual([409, 'ALREADY_NOMINATED']);
    const [{ n }] = await api.database.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM entries WHERE round_id = $1`, [regionRound]);
    expect(n).toBe(1);
  });

  it('answers with Cache-Control: no-store and without X-Powered-By, tokens and errors alike', async () => {
    const login = await fetch(`${api.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'so@test.vn', password: PASSWORD }),
    });
    const me = await fetch(`${api.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${officer}` } });
    const missing = await fetch(`${api.baseUrl}/api/nothing-here`);
    const users = await fetch(`${api.baseUrl}/api/admin/users`, { headers: { authorization: `Bearer ${admin}` } });
    for (const response of [login, me, missing, users]) {
      await response.arrayBuffer();
      expect([response.url, response.headers.get('cache-control')]).toEqual([response.url, 'no-store']);
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
    expect(login.status).toBe(200);
  });

  it('never quotes the body in a parser error', async () => {
    const secret = 'Mat-khau-bi-mat-123';
    for (const body of [`{"email":"a@b.vn","password":"${secret}"`, `password=${secret}`, `{"password":"${secret}",}`, `["${secret}"`]) {
      const response = await fetch(`${api.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      expect(response.status).toBe(400);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('password');
      expect((JSON.parse(text) as { code: string }).code).toBe('MALFORMED_REQUEST');
    }
  });

  it('refuses control characters, bidi overrides and zero-width-only strings in names and titles', async () => {
    const establishment = (name: string) => ({ name, legalForm: 'enterprise', registrationNumber: 'R-1', communeCode: '23941', provinceCode: 'gia-lai-2025' });
    const round = (name: string) => ({
      name,
      level: 'province',
      year: 2099,
      scopeCode: 'gia-lai-2025',
      registrationOpensAt: new Date(Date.now() - DAY).toISOString(),
      registrationClosesAt: new Date(Date.now() + DAY).toISOString(),
    });
    const user = (displayName: string) => ({ email: `u${randomUUID().slice(0, 6)}@test.vn`, displayName, password: PASSWORD });
    for (const bad of [
      'Cơ sở\u0007 chuông',
      'Cơ sở\u202Egnoh',
      'Tên\u2066ẩn\u2069',
      '\u200B\u200B\u200B',
      '\u200D\uFEFF\u2060',
      'Dòng\nmới',
      'Tab\there',
      'C1\u0085x',
    ]) {
      const replies = [
        await h.call<{ code: string }>(officer, 'POST', '/api/establishments', establishment(bad)),
        await h.call<{ code: string }>(officer, 'POST', '/api/rounds', round(bad)),
        await h.call<{ code: string }>(admin, 'POST', '/api/admin/users', user(bad)),
      ];
      expect([JSON.stringify(bad), replies.map((reply) => `${reply.status} ${reply.body.code}`)]).toEqual([
        JSON.stringify(bad),
        Array(3).fill('400 MALFORMED_REQUEST'),
      ]);
    }
    // Vietnamese with combining marks and an ordinary joiner inside real text still passes.
    expect((await h.call(officer, 'POST', '/api/establishments', establishment('Hợp tác xã Ia Mơ Nông – dệt thổ cẩm'))).status).toBe(201);
  });

  it('answers 408 within seconds to a body shorter than its Content-Length, and closes the connection', async () => {
    const { port } = new URL(api.baseUrl);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`);
      });
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      const giveUp = setTimeout(() => {
        socket.destroy();
        resolve(`${received}(still open after 20 s)`);
      }, 20_000);
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve(received);
      });
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(answer).toContain('REQUEST_TIMEOUT');
    // API_BODY_READ_TIMEOUT_MS is 2 s here (10 s by default).
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeLessThan(8_000);
  }, 30_000);
});
