import { WorkflowRunner } from '@khuyencong/workflow';
import { startTestApi, type TestApi } from './harness.js';
import { http, JURY_AND_COUNCIL, PDF, PNG, points, signInPeople, type Person } from './selection-support.js';

const PASSWORD = 'Mat-khau-2026';
const DAY = 86_400_000;
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const PRODUCT = 'Thổ cẩm dệt tay Ia Mơ Nông – bộ khăn choàng hoa văn Jrai';

interface Entry {
  instanceId: string;
  instance: { stage: string; version: number; jury: { sheets: Record<string, unknown>; ownSheet: unknown } | null };
}

describe('typical product selection, province to region, acting as every role', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    h = http(api);
    await api.app.get(WorkflowRunner).definitions.publishAll(api.database.dataSource.manager);
    const people: Person[] = [
      ['applicant', []],
      ['neighbour', []],
      ['gialai', [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
      ['daklak', [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'dak-lak-2025' }]],
      ['signerGialai', [{ role: 'signer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
      ['central', [{ role: 'central_officer', scopeType: 'national', scopeId: null }]],
      ['signerCentral', [{ role: 'signer', scopeType: 'national', scopeId: null }]],
      ...JURY_AND_COUNCIL,
    ];
    const signedIn = await signInPeople(api, people, PASSWORD);
    Object.assign(id, signedIn.id);
    Object.assign(t, signedIn.t);
  });
  afterAll(() => api.close());

  const window = () => ({ registrationOpensAt: new Date(Date.now() - DAY).toISOString(), registrationClosesAt: new Date(Date.now() + 30 * DAY).toISOString() });

  async function scoreAll(instanceId: string, sheets: [string, ReturnType<typeof points>][]): Promise<string> {
    let stage = '';
    for (const [judge, sheet] of sheets) {
      const reply = await h.command(t[judge]!, instanceId, 'score', sheet);
      expect(reply.status).toBe(200);
      stage = reply.body.instance.stage;
    }
    return stage;
  }

  async function councilApproves(token: string, roundId: string, instanceId: string): Promise<void> {
    const council = await h.call<{ assigned: string[] }>(token, 'PUT', `/api/rounds/${roundId}/council`, {
      members: [id.member1, id.member2, id.chair],
      chair: id.chair,
    });
    expect(council.status).toBe(200);
    expect(council.body.assigned).toContain(instanceId);
    expect((await h.command(t.member1!, instanceId, 'vote', { vote: 'approve' })).status).toBe(200);
    expect((await h.command(t.member2!, instanceId, 'vote', { vote: 'approve' })).body.instance.stage).toBe('council_review'); // the chair could still veto
    expect((await h.command(t.chair!, instanceId, 'vote', { vote: 'approve' })).body.instance.stage).toBe('decision');
  }

  it('drives one product from a provincial round to recognition, nomination, regional recognition, expiry and revocation', async () => {
    // The applicant registers the establishment; the neighbour registers another one in the same province.
    const establishment = await h.call<{ id: string; verified: boolean }>(t.applicant!, 'POST', '/api/establishments', {
      name: 'Hợp tác xã dệt thổ cẩm Ia Mơ Nông',
      legalForm: 'cooperative',
      registrationNumber: '5901-HTX-0042',
      taxCode: '5900123456',
      communeCode: '23938',
      provinceCode: 'gia-lai-2025',
      priorityFlags: { womenOwned: true, ethnicMinority: true },
    });
    expect(establishment.status).toBe(201);
    expect(establishment.body.verified).toBe(false);
    const neighbour = await h.call<{ id: string }>(t.neighbour!, 'POST', '/api/establishments', {
      name: 'Cơ sở cà phê Chư Sê',
      legalForm: 'household_business',
      registrationNumber: '40A8-001234',
      communeCode: '23941',
      provinceCode: 'gia-lai-2025',
    });
    expect(neighbour.status).toBe(201);
    const duplicate = await h.call(t.neighbour!, 'POST', '/api/establishments', {
      name: 'Trùng mã số thuế',
      legalForm: 'enterprise',
      registrationNumber: 'X-1',
      taxCode: '5900123456',
      communeCode: '23575',
      provinceCode: 'gia-lai-2025',
    });
    expect(duplicate.status).toBe(409);

    // Rounds: the province organises its own, the central department the regional one; not each other's.
    expect(
      (await h.call(t.daklak!, 'POST', '/api/rounds', { name: 'Bình chọn Gia Lai', level: 'province', year, scopeCode: 'gia-lai-2025', ...window() })).status,
    ).toBe(403);
    const provinceRound = await h.call<{ id: string; status: string }>(t.gialai!, 'POST', '/api/rounds', {
      name: `Bình chọn SPCNNTTB tỉnh Gia Lai năm ${year}`,
      level: 'province',
      year,
      scopeCode: 'gia-lai-2025',
      nominationQuota: 2,
      passThreshold: 70,
      spreadLimit: 10,
      ...window(),
    });
    expect(provinceRound.status).toBe(201);
    const roundId = provinceRound.body.id;
    expect((await h.call<{ status: string }>(t.gialai!, 'POST', `/api/rounds/${roundId}/status`, { status: 'open' })).body.status).toBe('open');
    const regionRound = await h.call<{ id: string }>(t.central!, 'POST', '/api/rounds', {
      name: `Bình chọn SPCNNTTB khu vực miền Trung - Tây Nguyên năm ${year}`,
      level: 'region',
      year,
      scopeCode: 'CENTRAL_HIGHLANDS',
      ...window(),
    });
    expect(regionRound.status).toBe(201);

    // The dossier: documents of the establishment, only two photos at first.
    const docs = {
      registrationForm: await h.upload(t.applicant!, PDF('don'), 'don-dang-ky.pdf', 'application/pdf'),
      businessRegistration: await h.upload(t.applicant!, PDF('dkkd'), 'dang-ky-kinh-doanh.pdf', 'application/pdf'),
      productDescription: await h.upload(t.applicant!, PDF('mo-ta'), 'thuyet-minh.pdf', 'application/pdf'),
      photos: [await h.upload(t.applicant!, PNG(1), 'anh-1.png', 'image/png'), await h.upload(t.applicant!, PNG(2), 'anh-2.png', 'image/png')],
    };
    const created = await h.call<Entry>(t.applicant!, 'POST', `/api/rounds/${roundId}/entries`, {
      establishmentId: establishment.body.id,
      productName: PRODUCT,
      productGroup: 'HANDICRAFT',
      dossier: docs,
    });
    expect(created.status).toBe(201);
    expect(created.body.instance.stage).toBe('draft');
    const entry = created.body.instanceId;
    const foreignDocument = await h.upload(t.neighbour!, PNG(9), 'ca-phe.png', 'image/png');
    expect((await h.call(t.applicant!, 'PUT', `/api/entries/${entry}/dossier`, { ...docs, photos: [...docs.photos, foreignDocument] })).status).toBe(422);

    // Nobody else sees the draft: another establishment and another province get 404.
    expect((await h.call(t.neighbour!, 'GET', `/api/entries/${entry}`)).status).toBe(404);
    expect((await h.call(t.daklak!, 'GET', `/api/entries/${entry}`)).status).toBe(404);

    // Submission waits for the province to verify the establishment, then for a complete dossier.
    expect((await h.submit(t.applicant!, entry)).body.code).toBe('ESTABLISHMENT_NOT_VERIFIED');
    expect((await h.call(t.daklak!, 'POST', `/api/establishments/${establishment.body.id}/verify`)).status).toBe(404);
    expect((await h.call<{ verified: boolean }>(t.gialai!, 'POST', `/api/establishments/${establishment.body.id}/verify`)).body.verified).toBe(true);
    const incomplete = await h.submit(t.applicant!, entry);
    expect([incomplete.status, incomplete.body.code]).toEqual([422, 'DOSSIER_INCOMPLETE']);
    const third = await h.upload(t.applicant!, PNG(3), 'anh-3.png', 'image/png');
    expect((await h.call(t.applicant!, 'PUT', `/api/entries/${entry}/dossier`, { ...docs, photos: [...docs.photos, third] })).status).toBe(200);
    expect((await h.submit(t.applicant!, entry)).body.instance.stage).toBe('screening');
    // The round's own screening period sets the deadline.
    const [period] = await api.database.dataSource.query<{ days: number; configured: number }[]>(
      `SELECT (i.state->'sla'->>'workingDays')::int AS days, r.screening_working_days AS configured
         FROM workflow_instances i JOIN rounds r ON r.id = i.round_id WHERE i.id = $1`,
      [entry],
    );
    expect(period!.days).toBe(period!.configured);

    // Screening: another province cannot act (404); the province returns it for revision, the applicant resubmits.
    expect((await h.command(t.daklak!, entry, 'accept')).status).toBe(404);
    const returned = await h.command(t.gialai!, entry, 'return', { reason: 'Ảnh sản phẩm chưa rõ nét, đề nghị bổ sung' });
    expect(returned.body.instance.stage).toBe('revision');
    expect((await h.submit(t.applicant!, entry, 'resubmit')).body.instance.stage).toBe('screening');
    expect((await h.command(t.gialai!, entry, 'accept')).body.instance.stage).toBe('scoring');

    // Jury: blind sheets, a spread too wide sends the entry to a second scoring round.
    const jury = await h.call<{ assigned: string[] }>(t.gialai!, 'PUT', `/api/rounds/${roundId}/jury`, { judges: [id.judge1, id.judge2, id.judge3] });
    expect(jury.body.assigned).toEqual([entry]);
    await scoreAll(entry, [['judge1', points(36, 36, 9, 9)]]);
    const blind = await h.call<Entry['instance']>(t.judge2!, 'GET', `/api/instances/${entry}`);
    expect(blind.body.jury?.sheets).toEqual({});
    const history = await h.call<{ events: { data: { data?: { jury?: { sheets?: Record<string, unknown> } } } }[] }>(
      t.judge2!,
      'GET',
      `/api/instances/${entry}/history`,
    );
    expect(history.body.events.some((event) => Object.keys(event.data.data?.jury?.sheets ?? {}).includes(id.judge1!))).toBe(false);
    const own = await h.call<Entry['instance']>(t.judge1!, 'GET', `/api/instances/${entry}`);
    expect(Object.keys(own.body.jury?.sheets ?? {})).toEqual([id.judge1]);
    expect(
      await scoreAll(entry, [
        ['judge2', points(20, 20, 5, 5)],
        ['judge3', points(35, 35, 9, 9)],
      ]),
    ).toBe('scoring');
    const afterFirst = await h.call<{ items: { scoringRounds: number; juryOutcome: string }[] }>(t.gialai!, 'GET', `/api/rounds/${roundId}/results`);
    expect(afterFirst.body.items[0]).toMatchObject({ scoringRounds: 1, juryOutcome: 'rescoring' });
    expect(
      await scoreAll(entry, [
        ['judge1', points(35, 35, 9, 9)],
        ['judge2', points(33, 33, 8, 8)],
        ['judge3', points(34, 34, 9, 9)],
      ]),
    ).toBe('council_review');

    // Council, then the province's signer issues the round's decision.
    await councilApproves(t.gialai!, roundId, entry);
    expect((await h.call(t.daklak!, 'POST', `/api/rounds/${roundId}/decision`, { number: '1/QĐ', date: today, instanceIds: [entry] })).status).toBe(403);
    const decision = await h.call<{ items: { certificateNumber: string; validUntil: string }[]; productCount: number }>(
      t.signerGialai!,
      'POST',
      `/api/rounds/${roundId}/decision`,
      {
        number: `15/QĐ-SCT`,
        date: today,
        instanceIds: [entry],
      },
    );
    expect(decision.status).toBe(201);
    expect(decision.body.items[0]).toMatchObject({ certificateNumber: `T-GL-${year}-0001`, validUntil: `${year + 3}-12-31` });
    expect((await h.call(t.signerGialai!, 'POST', `/api/rounds/${roundId}/decision`, { number: '16/QĐ-SCT', date: today, instanceIds: [entry] })).status).toBe(
      409,
    );
    const provincial = `T-GL-${year}-0001`;
    const publicView = await h.call<Record<string, unknown>>(null, 'GET', `/api/public/certificates/${provincial}`);
    expect(publicView.body).toMatchObject({
      productName: PRODUCT,
      establishmentName: 'Hợp tác xã dệt thổ cẩm Ia Mơ Nông',
      level: 'province',
      status: 'valid',
      validUntil: `${year + 3}-12-31`,
    });
    expect(Object.keys(publicView.body)).not.toEqual(expect.arrayContaining(['instanceId', 'establishmentId']));
    expect((await h.call(t.neighbour!, 'GET', `/api/certificates/${provincial}`)).status).toBe(404);
    expect((await h.call(t.applicant!, 'GET', `/api/certificates/${provincial}`)).status).toBe(200);

    // Nomination to the region reuses the dossier; only the entry's own province may nominate it.
    expect((await h.call(t.daklak!, 'POST', `/api/rounds/${regionRound.body.id}/nominations`, { instanceIds: [entry] })).status).toBe(404);
    const nominated = await h.call<{ nominated: { instanceId: string }[] }>(t.gialai!, 'POST', `/api/rounds/${regionRound.body.id}/nominations`, {
      instanceIds: [entry],
    });
    expect(nominated.status).toBe(201);
    const regional = nominated.body.nominated[0]!.instanceId;
    // The nomination is done in its own transaction: no outbox row that no job would carry out.
    const [{ orphans }] = await api.database.dataSource.query<[{ orphans: number }]>(
      `SELECT COUNT(*)::int AS orphans FROM outbox WHERE effect_type = 'nominate_to_next_level'`,
    );
    expect(orphans).toBe(0);
    const regionalEntry = await h.call<Entry & { dossier: unknown }>(t.gialai!, 'GET', `/api/entries/${regional}`);
    expect(regionalEntry.body.dossier).toEqual({ ...docs, photos: [...docs.photos, third], others: [] });
    expect((await h.submit(t.gialai!, regional)).body.instance.stage).toBe('screening');
    expect((await h.command(t.gialai!, regional, 'accept')).status).toBe(403);
    const regionalScoring = (await h.command(t.central!, regional, 'accept')).body.instance;
    expect(regionalScoring.stage).toBe('scoring');
    // The central department's 30 working days for a regional dossier.
    const [{ days }] = await api.database.dataSource.query<[{ days: number }]>(
      `SELECT (state->'sla'->>'workingDays')::int AS days FROM workflow_instances WHERE id = $1`,
      [regional],
    );
    expect(days).toBe(30);
    await h.call(t.central!, 'PUT', `/api/rounds/${regionRound.body.id}/jury`, { judges: [id.judge1, id.judge2, id.judge3] });
    expect(
      await scoreAll(regional, [
        ['judge1', points(36, 36, 9, 9)],
        ['judge2', points(35, 35, 9, 9)],
        ['judge3', points(34, 34, 8, 8)],
      ]),
    ).toBe('council_review');
    await councilApproves(t.central!, regionRound.body.id, regional);
    expect(
      (await h.call(t.signerGialai!, 'POST', `/api/rounds/${regionRound.body.id}/decision`, { number: '245/QĐ-CĐP', date: today, instanceIds: [regional] }))
        .status,
    ).toBe(403);
    const regionalDecision = await h.call<{ items: { certificateNumber: string }[] }>(t.signerCentral!, 'POST', `/api/rounds/${regionRound.body.id}/decision`, {
      number: '245/QĐ-CĐP',
      date: today,
      instanceIds: [regional],
    });
    expect(regionalDecision.status).toBe(201);
    const regionalNumber = regionalDecision.body.items[0]!.certificateNumber;
    expect(regionalNumber).toBe(`KV-${year}-0001`);

    // Expiry: the certificate's timer fired by a clock past its validity (as the worker's timer sweep does).
    const [timer] = await api.database.dataSource.query<{ id: string }[]>(
      `SELECT id FROM timers WHERE instance_id = $1 AND kind = 'certificate_expiry' AND fired_at IS NULL`,
      [regional],
    );
    const early = new WorkflowRunner({ dataSource: api.database.dataSource, now: () => new Date(`${year + 3}-12-31T12:00:00.000Z`) });
    expect(await early.fireTimer(timer!.id)).toBe('not_due');
    const late = new WorkflowRunner({ dataSource: api.database.dataSource, now: () => new Date(`${year + 4}-01-02T00:00:00.000Z`) });
    expect(await late.fireTimer(timer!.id)).toBe('fired');
    expect((await h.call(null, 'GET', `/api/public/certificates/${regionalNumber}`)).body).toMatchObject({ status: 'expired', statusName: 'Hết hiệu lực' });

    // Revocation of the provincial certificate: the province's signer, with reason and decision reference.
    expect(
      (await h.call(t.signerGialai!, 'POST', `/api/certificates/${provincial}/revoke`, { reason: 'x' }, { 'idempotency-key': 'revoke-0001' })).status,
    ).toBe(400);
    const revoked = await h.call<{ status: string; revocationDecisionRef: string }>(
      t.signerGialai!,
      'POST',
      `/api/certificates/${provincial}/revoke`,
      { reason: 'Sản phẩm không còn sản xuất', decisionReference: '3/QĐ-SCT ngày 02/01/2027' },
      { 'idempotency-key': 'revoke-0002' },
    );
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationDecisionRef: '3/QĐ-SCT ngày 02/01/2027' });
    expect((await h.call(null, 'GET', `/api/public/certificates/${provincial}`)).body).toMatchObject({ status: 'revoked' });
  });

  it('answers 400 for a malformed number and 404 for an unknown one, and limits look-ups per address', async () => {
    expect((await h.call(null, 'GET', `/api/public/certificates/not-a-number`)).status).toBe(400);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await h.call(null, 'GET', `/api/public/certificates/KV-2019-9999`)).status);
    expect(statuses.slice(0, 5)).toEqual([404, 404, 404, 404, 404]);
    expect(statuses.at(-1)).toBe(429);
  });
});
