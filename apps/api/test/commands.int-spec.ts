import { randomUUID } from 'node:crypto';
import { type Actor as DomainActor } from '@khuyencong/domain';
import { WorkflowRunner } from '@khuyencong/workflow';
import { createUser, startTestApi, type TestApi } from './harness.js';

const dossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 };
const password = 'Demo-Password-2026';

describe('commands over HTTP', () => {
  let api: TestApi;
  let runner: WorkflowRunner;
  const establishmentId = randomUUID();
  const otherEstablishmentId = randomUUID();
  const tokens: Record<string, string> = {};
  let applicant: DomainActor;

  beforeAll(async () => {
    api = await startTestApi();
    runner = api.app.get(WorkflowRunner);
    await runner.definitions.publishAll(api.database.dataSource.manager);
    for (const [id, province] of [
      [establishmentId, 'gia-lai-2025'],
      [otherEstablishmentId, 'gia-lai-2025'],
    ] as const) {
      await api.database.dataSource.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'establishment', 'Cơ sở', $2)`, [
        id,
        province,
      ]);
    }
    const users = {
      applicant: await createUser(api, 'coso@test.vn', password, [{ role: 'applicant', scopeType: 'establishment', scopeId: establishmentId }]),
      other: await createUser(api, 'coso2@test.vn', password, [{ role: 'applicant', scopeType: 'establishment', scopeId: otherEstablishmentId }]),
      officer: await createUser(api, 'so.gialai@test.vn', password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]),
      foreign: await createUser(api, 'so.daklak@test.vn', password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'dak-lak-2025' }]),
    };
    for (const [name, email] of [
      ['applicant', 'coso@test.vn'],
      ['other', 'coso2@test.vn'],
      ['officer', 'so.gialai@test.vn'],
      ['foreign', 'so.daklak@test.vn'],
    ]) {
      const { data } = await api.client.POST('/api/auth/login', { body: { email: email!, password } });
      tokens[name!] = data!.accessToken;
    }
    applicant = { userId: users.applicant, roles: [{ role: 'applicant', scope: { type: 'establishment', id: establishmentId } }] };
  });
  afterAll(() => api.close());

  async function newEntry(): Promise<{ id: string; version: number }> {
    const now = Date.now();
    const outcome = await runner.start(
      'product-selection',
      {
        subject: { establishmentId, communeCode: '23938', provinceCode: 'gia-lai-2025', regionCode: 'CENTRAL_HIGHLANDS' },
        round: {
          roundId: randomUUID(),
          level: 'province',
          year: 2026,
          registrationOpensAt: new Date(now - 86_400_000).toISOString(),
          registrationClosesAt: new Date(now + 30 * 86_400_000).toISOString(),
        },
      },
      applicant,
    );
    return { id: outcome.instanceId, version: outcome.state.version };
  }

  /** Submission has its own endpoint (dossier documents); these tests open entries in screening directly. */
  async function submitted(): Promise<{ id: string; version: number }> {
    const entry = await newEntry();
    const outcome = await runner.execute(entry.id, { type: 'submit', expectedVersion: entry.version, payload: { dossier } }, applicant);
    return { id: entry.id, version: outcome.state.version };
  }

  function command(token: string, id: string, type: string, version: number, key: string, payload: Record<string, unknown> = {}) {
    return fetch(`${api.baseUrl}/api/instances/${id}/commands/${type}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key, 'if-match': `"${version}"` },
      body: JSON.stringify({ payload }),
    });
  }

  it('accepts a screened entry, answers with the new state and the caller’s next tasks; the inbox follows', async () => {
    const entry = await submitted();
    const inbox = await api.as(tokens.officer!).GET('/api/inbox', { params: { query: { stage: 'screening' } } });
    const item = inbox.data!.items.find((candidate) => candidate.instanceId === entry.id)!;
    expect(item.actions).toEqual(expect.arrayContaining(['accept', 'return', 'reject']));
    expect(item.deadline).toBe('on_time');
    const foreign = await api.as(tokens.foreign!).GET('/api/inbox', {});
    expect(foreign.data?.items.map((candidate) => candidate.instanceId)).not.toContain(entry.id);

    const response = await command(tokens.officer!, entry.id, 'return', entry.version, `k-${randomUUID()}`, { reason: 'Bổ sung ảnh sản phẩm' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(`"${entry.version + 1}"`);
    const body = (await response.json()) as { instance: { stage: string; version: number; lastReason: string }; nextTasks: unknown[] };
    expect(body.instance).toMatchObject({ stage: 'revision', version: entry.version + 1, lastReason: 'Bổ sung ảnh sản phẩm' });
    expect(body.nextTasks).toEqual([]);
    const applicantInbox = await api.as(tokens.applicant!).GET('/api/inbox', {});
    expect(applicantInbox.data?.items.find((candidate) => candidate.instanceId === entry.id)?.actions).toEqual(expect.arrayContaining(['resubmit']));
  });

  it('replays the first response for the same Idempotency-Key and refuses the key with another body', async () => {
    const entry = await submitted();
    const key = `k-${randomUUID()}`;
    const first = await command(tokens.officer!, entry.id, 'return', entry.version, key, { reason: 'Thiếu giấy phép' });
    const again = await command(tokens.officer!, entry.id, 'return', entry.version, key, { reason: 'Thiếu giấy phép' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    const [{ n }] = await api.database.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM workflow_events WHERE instance_id = $1`, [entry.id]);
    expect(n).toBe(3);
    const reused = await command(tokens.officer!, entry.id, 'return', entry.version, key, { reason: 'Lý do khác' });
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as { code: string }).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 409 for a stale version, 422 with the engine code for a domain rule, 400 for missing headers', async () => {
    const entry = await submitted();
    const noReason = await command(tokens.officer!, entry.id, 'return', entry.version, `k-${randomUUID()}`, {});
    expect(noReason.status).toBe(422);
    const refusal = (await noReason.json()) as { code: string; messageVi: string; messageEn: string };
    expect(refusal.code).toBe('REASON_REQUIRED');
    expect(refusal.messageVi.length).toBeGreaterThan(10);
    expect(refusal.messageEn.length).toBeGreaterThan(10);
    await command(tokens.officer!, entry.id, 'accept', entry.version, `k-${randomUUID()}`);
    const stale = await command(tokens.officer!, entry.id, 'accept', entry.version, `k-${randomUUID()}`);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe('STALE_VERSION');
    const noKey = await fetch(`${api.baseUrl}/api/instances/${entry.id}/commands/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.officer!}`, 'content-type': 'application/json', 'if-match': '2' },
      body: '{}',
    });
    expect(noKey.status).toBe(400);
    const badJson = await fetch(`${api.baseUrl}/api/instances/${entry.id}/commands/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.officer!}`, 'content-type': 'application/json', 'if-match': '2', 'idempotency-key': `k-${randomUUID()}` },
      body: '{"payload":',
    });
    expect(badJson.status).toBe(400);
  });

  it('hides other establishments’ and other provinces’ instances behind 404', async () => {
    const entry = await newEntry();
    for (const who of ['other', 'foreign']) {
      const read = await api.as(tokens[who]!).GET('/api/instances/{id}', { params: { path: { id: entry.id } } });
      expect(read.response.status).toBe(404);
      const act = await command(tokens[who]!, entry.id, 'withdraw', entry.version, `k-${randomUUID()}`, { reason: 'x' });
      expect(act.status).toBe(404);
    }
    const own = await api.as(tokens.applicant!).GET('/api/instances/{id}', { params: { path: { id: entry.id } } });
    expect(own.response.status).toBe(200);
    const missing = await api.as(tokens.officer!).GET('/api/instances/{id}', { params: { path: { id: randomUUID() } } });
    expect(missing.response.status).toBe(404);
  });

  it('refuses, on the generic route, actions that have their own endpoint', async () => {
    const entry = await newEntry();
    const response = await command(tokens.applicant!, entry.id, 'submit', entry.version, `k-${randomUUID()}`, { dossier });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { code: string }).code).toBe('USE_DEDICATED_ENDPOINT');
  });

  it('shows the hash-chained history and verifies the chain', async () => {
    const entry = await submitted();
    const history = await api.as(tokens.officer!).GET('/api/instances/{id}/history', { params: { path: { id: entry.id } } });
    expect(history.data?.events.map((event) => event.seq)).toEqual([1, 2]);
    const chain = await api.as(tokens.officer!).GET('/api/instances/{id}/chain', { params: { path: { id: entry.id } } });
    expect(chain.data).toEqual({ instanceId: entry.id, ok: true, count: 2 });
  });

  it('needs a token for every workflow route', async () => {
    expect((await api.client.GET('/api/inbox', {})).response.status).toBe(401);
    expect((await api.client.GET('/api/instances/{id}', { params: { path: { id: randomUUID() } } })).response.status).toBe(401);
  });
});
