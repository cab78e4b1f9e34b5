import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { type Actor as DomainActor } from '@khuyencong/domain';
import { WorkflowRunner } from '@khuyencong/workflow';
import { createUser, startTestApi, type TestApi } from './harness.js';

const dossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 };
const password = 'Concurrency-2026';
const points = { MARKET: 30, ECON_TECH_SOC_ENV: 30, CULTURE_AESTHETIC: 8, OTHER: 7 };

describe('concurrent callers', () => {
  let api: TestApi;
  let runner: WorkflowRunner;
  const establishmentId = randomUUID();
  let applicant: DomainActor;
  let officer: DomainActor;
  let officerToken: string;

  async function login(email: string): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
    return data!.accessToken;
  }

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000', DATABASE_POOL_SIZE: '10' });
    runner = api.app.get(WorkflowRunner);
    await runner.definitions.publishAll(api.database.dataSource.manager);
    await api.database.dataSource.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'establishment', 'Cơ sở', 'gia-lai-2025')`, [
      establishmentId,
    ]);
    const applicantId = await createUser(api, 'coso@test.vn', password, [{ role: 'applicant', scopeType: 'establishment', scopeId: establishmentId }]);
    const officerId = await createUser(api, 'so@test.vn', password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]);
    applicant = { userId: applicantId, roles: [{ role: 'applicant', scope: { type: 'establishment', id: establishmentId } }] };
    officer = { userId: officerId, roles: [{ role: 'provincial_officer', scope: { type: 'province', id: 'gia-lai-2025' } }] };
    officerToken = await login('so@test.vn');
  });
  afterAll(() => api.close());

  async function entryInScreening(): Promise<{ id: string; version: number }> {
    const now = Date.now();
    const opened = await runner.start(
      'product-selection',
      {
        subject: { establishmentId, communeCode: '23938', provinceCode: 'gia-lai-2025', regionCode: 'CENTRAL_HIGHLANDS' },
        round: {
          roundId: randomUUID(),
          level: 'province',
          year: 2026,
          passThreshold: 70,
          registrationOpensAt: new Date(now - 86_400_000).toISOString(),
          registrationClosesAt: new Date(now + 86_400_000 * 30).toISOString(),
        },
      },
      applicant,
    );
    const submitted = await runner.execute(opened.instanceId, { type: 'submit', expectedVersion: opened.state.version, payload: { dossier } }, applicant);
    return { id: opened.instanceId, version: submitted.state.version };
  }

  function post(token: string, id: string, type: string, version: number, key: string, payload: Record<string, unknown> = {}): Promise<Response> {
    return fetch(`${api.baseUrl}/api/instances/${id}/commands/${type}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key, 'if-match': String(version) },
      body: JSON.stringify({ payload }),
    });
  }

  async function eventCount(id: string): Promise<number> {
    const [{ n }] = await api.database.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM workflow_events WHERE instance_id = $1`, [id]);
    return n;
  }

  it('8 identical uploads at once store one document: every caller gets the same id', async () => {
    const applicantToken = await login('coso@test.vn');
    const content = Buffer.from(`%PDF-1.7\n% concurrent ${randomUUID()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), 'ho-so.pdf');
        return fetch(`${api.baseUrl}/api/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${applicantToken}` } });
      }),
    );
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as { id: string; deduplicated: boolean }[];
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    expect(new Set(bodies.map((body) => body.id)).size).toBe(1);
    expect(bodies.filter((body) => !body.deduplicated)).toHaveLength(1);
    const [{ n }] = await api.database.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM documents WHERE uploaded_by = $1`, [applicant.userId]);
    expect(n).toBe(1);
  });

  it('the same command sent twice at once runs once and both callers get the same answer', async () => {
    const entry = await entryInScreening();
    const before = await eventCount(entry.id);
    const key = `dup-${randomUUID()}`;
    const [a, b] = await Promise.all([post(officerToken, entry.id, 'accept', entry.version, key), post(officerToken, entry.id, 'accept', entry.version, key)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.json()).toEqual(await b.json());
    expect(await eventCount(entry.id)).toBe(before + 1);
  });

  it('200 conflicting commands on one instance: exactly one wins, 199 get 409, one event is written', async () => {
    const entry = await entryInScreening();
    const before = await eventCount(entry.id);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(
          officerToken,
          entry.id,
          i % 2 === 0 ? 'accept' : 'return',
          entry.version,
          `c-${i}-${randomUUID()}`,
          i % 2 === 0 ? {} : { reason: 'Thiếu ảnh sản phẩm' },
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(199);
    const bodies = (await Promise.all(responses.filter((response) => response.status === 409).map((response) => response.json()))) as { code: string }[];
    expect(new Set(bodies.map((body) => body.code))).toEqual(new Set(['STALE_VERSION']));
    expect(await eventCount(entry.id)).toBe(before + 1);
    const [row] = await api.database.dataSource.query<{ version: number }[]>(`SELECT version FROM workflow_instances WHERE id = $1`, [entry.id]);
    expect(row!.version).toBe(entry.version + 1);
  });

  it('50 judges scoring at the same moment: every sheet is kept once, conflicts are clear 409s that a retry resolves', async () => {
    const judgeHash = await hash(password);
    const judges: { id: string; token: string }[] = [];
    for (let i = 0; i < 50; i++) {
      const id = randomUUID();
      await api.database.dataSource.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, $2, $3, $4)`, [
        id,
        `judge${i}@test.vn`,
        judgeHash,
        `Giám khảo ${i}`,
      ]);
      await api.database.dataSource.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES ($1, 'judge', 'national', NULL)`, [id]);
      judges.push({ id, token: '' });
    }
    for (const judge of judges) judge.token = await login(`judge${judges.indexOf(judge)}@test.vn`);
    const entry = await entryInScreening();
    const accepted = await runner.execute(entry.id, { type: 'accept', expectedVersion: entry.version, payload: {} }, officer);
    const assigned = await runner.execute(
      entry.id,
      { type: 'assign_judges', expectedVersion: accepted.state.version, payload: { judges: judges.map((judge) => judge.id) } },
      officer,
    );

    const afterAssign = await eventCount(entry.id);
    const statuses: number[] = [];
    await Promise.all(
      judges.map(async (judge) => {
        let version = assigned.state.version;
        for (let attempt = 0; attempt < 200; attempt++) {
          const response = await post(judge.token, entry.id, 'score', version, `s-${judge.id}-${attempt}`, { points, comment: 'Sản phẩm đẹp' });
          statuses.push(response.status);
          if (response.status === 200) return;
          expect(response.status).toBe(409);
          const read = await api.as(judge.token).GET('/api/instances/{id}', { params: { path: { id: entry.id } } });
          version = read.data!.version;
        }
        throw new Error(`judge ${judge.id} never got through`);
      }),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(50);
    expect(statuses.every((status) => status === 200 || status === 409)).toBe(true);
    const [row] = await api.database.dataSource.query<
      { state: { jury: { sheets: Record<string, unknown>; results: { averageHundredths: number }[] }; stage: string } }[]
    >(`SELECT state FROM workflow_instances WHERE id = $1`, [entry.id]);
    expect(Object.keys(row!.state.jury.sheets)).toHaveLength(50);
    expect(row!.state.jury.results[0]?.averageHundredths).toBe(7500);
    // One event per sheet; the last sheet closes the jury in the same event.
    expect(await eventCount(entry.id)).toBe(afterAssign + 50);
    const chain = await api.as(officerToken).GET('/api/instances/{id}/chain', { params: { path: { id: entry.id } } });
    expect(chain.data?.ok).toBe(true);
  });
});
