// Every route that takes an Idempotency-Key, enumerated from the OpenAPI document built from the code: the same key
// with the same request replays the first answer (status and body); the same key with another request is 409.
import { randomUUID } from 'node:crypto';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { WorkflowRunner } from '@khuyencong/workflow';
import { startTestApi, type TestApi } from './harness.js';
import { setUpSchemeActors } from './schemes-support.js';
import { http, JURY_AND_COUNCIL, PDF, PNG, points, signInPeople, type Person, type Reply } from './selection-support.js';

const PASSWORD = 'Mat-khau-2026';
const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

interface KeyedRequest {
  token: string;
  /** POST unless said; the answer expected first (200 unless said). */
  method?: 'POST' | 'PUT';
  status?: number;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `METHOD /path/{param}` of every operation declaring an Idempotency-Key header. */
function routesTakingTheKey(api: TestApi): string[] {
  const document = SwaggerModule.createDocument(api.app, new DocumentBuilder().build());
  const routes: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, { parameters?: { name?: string; in?: string }[] }>)) {
      if (operation.parameters?.some((parameter) => parameter.in === 'header' && parameter.name?.toLowerCase() === 'idempotency-key')) {
        routes.push(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return routes.sort();
}

describe('Idempotency-Key on every route that takes it', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};
  const covered = new Set<string>();

  beforeAll(async () => {
    api = await startTestApi();
    h = http(api);
    await api.app.get(WorkflowRunner).definitions.publishAll(api.database.dataSource.manager);
    const people: Person[] = [
      ['applicant', []],
      ['gialai', [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
      ['signerGialai', [{ role: 'signer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
      ['central', [{ role: 'central_officer', scopeType: 'national', scopeId: null }]],
      ...JURY_AND_COUNCIL,
    ];
    const signedIn = await signInPeople(api, people, PASSWORD, 'idem.');
    Object.assign(id, signedIn.id);
    Object.assign(t, signedIn.t);
  }, 60_000);
  afterAll(() => api.close());

  /**
   * Sends `request` twice with one key (the second must replay the first answer), then `different` with the same
   * key (409 IDEMPOTENCY_KEY_REUSED). Returns the first answer.
   */
  async function replays<T>(route: string, request: KeyedRequest, different: KeyedRequest): Promise<Reply<T>> {
    const key = `idem-${randomUUID()}`;
    const send = (r: KeyedRequest) => h.call<T>(r.token, r.method ?? 'POST', r.path, r.body, { ...r.headers, 'idempotency-key': key });
    const first = await send(request);
    expect({ route, status: first.status }).toEqual({ route, status: request.status ?? 200 });
    const second = await send(request);
    expect({ route, status: second.status, body: second.body }).toEqual({ route, status: first.status, body: first.body });
    expect(second.headers?.get('idempotent-replayed')).toBe('true');
    const other = await send(different);
    expect({ route, status: other.status, code: (other.body as { code?: string }).code }).toEqual({ route, status: 409, code: 'IDEMPOTENCY_KEY_REUSED' });
    covered.add(route);
    return first;
  }

  const version = async (instanceId: string) => (await h.call<{ version: number }>(t.gialai!, 'GET', `/api/instances/${instanceId}`)).body.version;

  it('replays a selection entry through submit, a generic command, resubmit and the revocation of its certificate', async () => {
    const window = { registrationOpensAt: new Date(Date.now() - DAY).toISOString(), registrationClosesAt: new Date(Date.now() + 30 * DAY).toISOString() };
    const round = await h.call<{ id: string }>(t.gialai!, 'POST', '/api/rounds', {
      name: 'Bình chọn kiểm tra khóa',
      level: 'province',
      year,
      scopeCode: 'gia-lai-2025',
      passThreshold: 70,
      spreadLimit: 10,
      ...window,
    });
    expect(round.status).toBe(201);
    await h.call(t.gialai!, 'POST', `/api/rounds/${round.body.id}/status`, { status: 'open' });
    const establishment = await h.call<{ id: string }>(t.applicant!, 'POST', '/api/establishments', {
      name: 'Cơ sở mây tre đan Phú Thiện',
      legalForm: 'household_business',
      registrationNumber: '40A8-777',
      communeCode: '24043',
      provinceCode: 'gia-lai-2025',
    });
    await h.call(t.gialai!, 'POST', `/api/establishments/${establishment.body.id}/verify`);
    const dossier = {
      registrationForm: await h.upload(t.applicant!, PDF('idem-don'), 'don.pdf', 'application/pdf'),
      businessRegistration: await h.upload(t.applicant!, PDF('idem-dkkd'), 'dkkd.pdf', 'application/pdf'),
      productDescription: await h.upload(t.applicant!, PDF('idem-mota'), 'mota.pdf', 'application/pdf'),
      photos: [
        await h.upload(t.applicant!, PNG(71), 'a.png', 'image/png'),
        await h.upload(t.applicant!, PNG(72), 'b.png', 'image/png'),
        await h.upload(t.applicant!, PNG(73), 'c.png', 'image/png'),
      ],
    };
    const created = await h.call<{ instanceId: string }>(t.applicant!, 'POST', `/api/rounds/${round.body.id}/entries`, {
      establishmentId: establishment.body.id,
      productName: 'Giỏ mây tre đan',
      productGroup: 'HANDICRAFT',
      dossier,
    });
    expect(created.status).toBe(201);
    const entry = created.body.instanceId;

    let at = await version(entry);
    const submitted = await replays<{ instance: { stage: string } }>(
      'POST /api/entries/{id}/submit',
      { token: t.applicant!, path: `/api/entries/${entry}/submit`, headers: { 'if-match': `"${at}"` } },
      { token: t.applicant!, path: `/api/entries/${entry}/submit`, headers: { 'if-match': `"${at + 1}"` } },
    );
    expect(submitted.body.instance.stage).toBe('screening');

    at = await version(entry);
    const returned = await replays<{ instance: { stage: string } }>(
      'POST /api/instances/{id}/commands/{type}',
      {
        token: t.gialai!,
        path: `/api/instances/${entry}/commands/return`,
        body: { payload: { reason: 'Ảnh chưa rõ nét' } },
        headers: { 'if-match': `"${at}"` },
      },
      { token: t.gialai!, path: `/api/instances/${entry}/commands/return`, body: { payload: { reason: 'Thiếu giấy tờ' } }, headers: { 'if-match': `"${at}"` } },
    );
    expect(returned.body.instance.stage).toBe('revision');

    at = await version(entry);
    const resubmitted = await replays<{ instance: { stage: string } }>(
      'POST /api/entries/{id}/resubmit',
      { token: t.applicant!, path: `/api/entries/${entry}/resubmit`, headers: { 'if-match': `"${at}"` } },
      { token: t.applicant!, path: `/api/entries/${entry}/resubmit`, headers: { 'if-match': `"${at + 1}"` } },
    );
    expect(resubmitted.body.instance.stage).toBe('screening');

    expect((await h.command(t.gialai!, entry, 'accept')).body.instance.stage).toBe('scoring');
    const judges = { judges: [id.judge1, id.judge2, id.judge3] };
    const jury = `/api/rounds/${round.body.id}/jury`;
    const assigned = await replays<{ assigned: string[] }>(
      'PUT /api/rounds/{id}/jury',
      { token: t.gialai!, method: 'PUT', path: jury, body: judges },
      { token: t.gialai!, method: 'PUT', path: jury, body: { judges: [id.judge3, id.judge2, id.judge1] } },
    );
    expect(assigned.body.assigned).toEqual([entry]);
    for (const judge of ['judge1', 'judge2', 'judge3']) expect((await h.command(t[judge]!, entry, 'score', points(35, 35, 9, 9))).status).toBe(200);
    const council = `/api/rounds/${round.body.id}/council`;
    await replays(
      'PUT /api/rounds/{id}/council',
      { token: t.gialai!, method: 'PUT', path: council, body: { members: [id.member1, id.member2, id.chair], chair: id.chair } },
      { token: t.gialai!, method: 'PUT', path: council, body: { members: [id.member2, id.member1, id.chair], chair: id.chair } },
    );
    for (const member of ['member1', 'member2', 'chair']) expect((await h.command(t[member]!, entry, 'vote', { vote: 'approve' })).status).toBe(200);
    const decisionPath = `/api/rounds/${round.body.id}/decision`;
    const decision = await replays<{ items: { certificateNumber: string }[] }>(
      'POST /api/rounds/{id}/decision',
      { token: t.signerGialai!, path: decisionPath, body: { number: '7/QĐ-SCT', date: today, instanceIds: [entry] }, status: 201 },
      { token: t.signerGialai!, path: decisionPath, body: { number: '8/QĐ-SCT', date: today, instanceIds: [entry] } },
    );
    // The replay did not decide twice: one decision, one certificate.
    const [{ decisions, certificates }] = await api.database.dataSource.query<[{ decisions: number; certificates: number }]>(
      `SELECT (SELECT COUNT(*)::int FROM recognition_decisions WHERE round_id = $1) AS decisions, (SELECT COUNT(*)::int FROM certificates WHERE instance_id = $2) AS certificates`,
      [round.body.id, entry],
    );
    expect([decisions, certificates]).toEqual([1, 1]);
    const number = decision.body.items[0]!.certificateNumber;

    // The recognised product nominated to a regional round, once for a repeated request.
    const region = await h.call<{ id: string }>(t.central!, 'POST', '/api/rounds', {
      name: 'Khu vực kiểm tra khóa',
      level: 'region',
      year,
      scopeCode: 'CENTRAL_HIGHLANDS',
      ...window,
    });
    expect(region.status).toBe(201);
    const nominations = `/api/rounds/${region.body.id}/nominations`;
    const nominated = await replays<{ nominated: { instanceId: string }[] }>(
      'POST /api/rounds/{id}/nominations',
      { token: t.gialai!, path: nominations, body: { instanceIds: [entry] }, status: 201 },
      { token: t.gialai!, path: nominations, body: { instanceIds: [randomUUID()] } },
    );
    expect(nominated.body.nominated).toHaveLength(1);
    const [{ drafts }] = await api.database.dataSource.query<[{ drafts: number }]>(`SELECT COUNT(*)::int AS drafts FROM entries WHERE round_id = $1`, [
      region.body.id,
    ]);
    expect(drafts).toBe(1);

    const revocation = { reason: 'Sản phẩm không còn sản xuất', decisionReference: '9/QĐ-SCT' };
    const revoked = await replays<{ status: string }>(
      'POST /api/certificates/{number}/revoke',
      { token: t.signerGialai!, path: `/api/certificates/${number}/revoke`, body: revocation },
      { token: t.signerGialai!, path: `/api/certificates/${number}/revoke`, body: { ...revocation, decisionReference: '10/QĐ-SCT' } },
    );
    expect(revoked.body.status).toBe('revoked');
    const [{ events }] = await api.database.dataSource.query<[{ events: number }]>(
      `SELECT COUNT(*)::int AS events FROM workflow_events WHERE instance_id = $1 AND type = 'revoke'`,
      [entry],
    );
    expect(events).toBe(1);
  }, 60_000);

  it('replays a scheme command', async () => {
    const actors = await setUpSchemeActors(api);
    const created = await h.call<{ id: string; version: number }>(actors.tokens.implementer, 'POST', '/api/schemes', {
      title: 'Đề án kiểm tra khóa',
      implementingUnitId: actors.centreId,
      contentGroupCode: 'CG5',
      subActivity: 'TRAINING',
      fundingSource: 'NATIONAL',
      year: year + 2,
      provinceCode: 'gia-lai-2025',
      location: 'Gia Lai',
      budgetLines: [{ activityCode: 'TRAINING', description: 'Đào tạo', eligibleCost: 500_000_000, supportAmount: 500_000_000 }],
    });
    expect(created.status).toBe(201);
    const path = `/api/schemes/${created.body.id}/commands/submit`;
    const headers = { 'if-match': `"${created.body.version}"` };
    const submitted = await replays<{ scheme: { stage: string } }>(
      'POST /api/schemes/{id}/commands/{type}',
      { token: actors.tokens.implementer, path, body: { payload: {} }, headers },
      { token: actors.tokens.implementer, path, body: { payload: { reason: 'Khác' } }, headers },
    );
    expect(submitted.body.scheme.stage).toBe('base_appraisal');
  }, 60_000);

  it('covered every route that declares the header', () => {
    expect([...covered].sort()).toEqual(routesTakingTheKey(api));
  });
});
