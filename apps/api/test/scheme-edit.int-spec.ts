// Issue 14: a draft or returned scheme is rewritten by an officer of its province (PUT /api/schemes/{id}, If-Match:
// the scheme's revision): checked as at creation, written whole or not at all, refused once submitted, by a stale
// revision (two officers at once) and to callers outside the province; the engine then reads the new requested amount.
import { randomUUID } from 'node:crypto';
import { startTestApi, type TestApi } from './harness.js';
import { schemeClient, setUpSchemeActors, type Reply, type SchemeActors } from './schemes-support.js';

interface Edited {
  id: string;
  instanceId: string;
  version: number;
  revision: number;
  stage: string;
  title: string;
  implementingUnit: string;
  implementingUnitId: string;
  location: string;
  endsOn: string | null;
  requestedAmount: number;
  beneficiaries: { name: string; organisationId: string | null; supportAmount: number }[];
  budgetLines: { position: number; activityCode: string; description: string; supportAmount: number; ruleCode: string | null; technologyLine: boolean }[];
  code?: string;
  rule?: { code: string };
}

const thisYear = new Date().getFullYear();

describe('editing a draft or returned scheme', () => {
  let api: TestApi;
  let actors: SchemeActors;
  let client: ReturnType<typeof schemeClient>;
  let secondCentreId = '';

  const draft = (centreId: string) => ({
    title: 'Đào tạo nghề dệt thổ cẩm',
    implementingUnitId: centreId,
    contentGroupCode: 'CG5',
    subActivity: 'TRAINING',
    fundingSource: 'NATIONAL',
    year: thisYear + 2, // national registration for year Y closes on 20 May of Y − 1: still open
    provinceCode: 'gia-lai-2025',
    location: 'Xã Ia Ly, Gia Lai',
    beneficiaries: [{ name: 'HTX dệt thổ cẩm Ia Ly', supportAmount: 300_000_000, coFundingAmount: 100_000_000 }],
    budgetLines: [{ activityCode: 'TRAINING', description: 'Đào tạo 2 lớp dệt', eligibleCost: 300_000_000, supportAmount: 300_000_000 }],
  });
  /** The edit: another centre, title, location, date, two lines (one capped by the national rule), no beneficiary. */
  const edit = () => ({
    title: 'Đào tạo nghề dệt thổ cẩm và mô hình trình diễn khung dệt',
    implementingUnitId: secondCentreId,
    contentGroupCode: 'CG5',
    subActivity: 'TRAINING',
    location: 'Xã Ia Ly và xã Ia Grai, Gia Lai',
    endsOn: `${thisYear + 2}-11-30`,
    beneficiaries: [],
    budgetLines: [
      { activityCode: 'TRAINING', description: 'Đào tạo 3 lớp dệt', eligibleCost: 450_000_000, supportAmount: 450_000_000 },
      { activityCode: 'DEMONSTRATION_MODEL', description: 'Mô hình trình diễn khung dệt cải tiến', eligibleCost: 1_000_000_000, supportAmount: 300_000_000 },
    ],
  });
  const put = (token: string, id: string, revision: number | string, body: unknown): Promise<Reply<Edited>> =>
    client.call<Edited>(token, 'PUT', `/api/schemes/${id}`, body, { 'if-match': `"${revision}"` });
  const read = async (id: string) => (await client.call<Edited>(actors.tokens.implementer, 'GET', `/api/schemes/${id}`)).body;
  const created = async () => {
    const reply = await client.create(actors.tokens.implementer, draft(actors.centreId));
    if (reply.status !== 201) throw new Error(JSON.stringify(reply.body));
    return reply.body as unknown as Edited;
  };

  beforeAll(async () => {
    api = await startTestApi();
    actors = await setUpSchemeActors(api);
    client = schemeClient(api);
    secondCentreId = randomUUID();
    await api.database.dataSource.query(
      `INSERT INTO organisations (id, type, name, commune_code, province_code) VALUES ($1, 'provincial_centre', 'Trung tâm Khuyến công Gia Lai — cơ sở Pleiku', '23575', 'gia-lai-2025')`,
      [secondCentreId],
    );
  }, 120_000);
  afterAll(() => api.close());

  it('rewrites a draft whole: unit, texts, date, lines with their rules, beneficiaries, the requested amount, the subject', async () => {
    const scheme = await created();
    expect([scheme.revision, scheme.implementingUnitId]).toEqual([1, actors.centreId]);
    const reply = await put(actors.tokens.appraiser, scheme.id, 1, edit());
    expect([reply.status, reply.status === 200 ? null : reply.body]).toEqual([200, null]);
    expect(reply.body).toMatchObject({
      revision: 2,
      version: scheme.version,
      stage: 'draft',
      title: 'Đào tạo nghề dệt thổ cẩm và mô hình trình diễn khung dệt',
      implementingUnit: 'Trung tâm Khuyến công Gia Lai — cơ sở Pleiku',
      implementingUnitId: secondCentreId,
      location: 'Xã Ia Ly và xã Ia Grai, Gia Lai',
      endsOn: `${thisYear + 2}-11-30`,
      requestedAmount: 750_000_000,
      beneficiaries: [],
    });
    expect(reply.body.budgetLines.map((line) => [line.position, line.description, line.ruleCode])).toEqual([
      [1, 'Đào tạo 3 lớp dệt', null],
      [2, 'Mô hình trình diễn khung dệt cải tiến', 'TT28-2018-NATIONAL-DEMONSTRATION_MODEL'],
    ]);
    const [instance] = await api.database.dataSource.query<{ establishment_id: string; commune_code: string; requested: string; subject: string }[]>(
      `SELECT establishment_id, commune_code, state->'attributes'->>'requestedAmount' AS requested, state->'subject'->>'establishmentId' AS subject FROM workflow_instances WHERE id = $1`,
      [scheme.instanceId],
    );
    expect(instance).toEqual({ establishment_id: secondCentreId, commune_code: '23575', requested: '750000000', subject: secondCentreId });
    const [audit] = await api.database.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'scheme.update' AND target_id = $1`,
      [scheme.id],
    );
    expect(audit?.n).toBe(1);
  });

  it('refuses a line over its cap with the rule named, a stale revision, and callers outside the province; writes nothing', async () => {
    const scheme = await created();
    const before = await read(scheme.id);
    const overCap = edit();
    overCap.budgetLines[1]!.supportAmount = 900_000_000;
    const refused = await put(actors.tokens.implementer, scheme.id, 1, overCap);
    expect([refused.status, refused.body.rule?.code]).toEqual([422, 'TT28-2018-NATIONAL-DEMONSTRATION_MODEL']);
    const stale = await put(actors.tokens.implementer, scheme.id, 3, edit());
    expect([stale.status, stale.body.code]).toEqual([409, 'STALE_REVISION']);
    const foreign = await put(actors.tokens.foreign, scheme.id, 1, edit());
    expect(foreign.status).toBe(404);
    const central = await put(actors.tokens.central, scheme.id, 1, edit());
    expect(central.status).toBe(403);
    const unitElsewhere = await put(actors.tokens.implementer, scheme.id, 1, { ...edit(), implementingUnitId: randomUUID() });
    expect(unitElsewhere.status).toBe(400);
    const unknownField = await put(actors.tokens.implementer, scheme.id, 1, { ...edit(), year: thisYear + 3 });
    expect(unknownField.status).toBe(400);
    expect(await read(scheme.id)).toEqual(before);
  });

  it('of two officers editing the same draft at once, one wins whole and the other is told it changed', async () => {
    const scheme = await created();
    const first = { ...edit(), title: 'Bản sửa của chuyên viên thứ nhất' };
    const second = { ...edit(), title: 'Bản sửa của chuyên viên thứ hai', budgetLines: [edit().budgetLines[0]!] };
    const replies = await Promise.all([put(actors.tokens.implementer, scheme.id, 1, first), put(actors.tokens.appraiser, scheme.id, 1, second)]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409]);
    const loser = replies.find((reply) => reply.status === 409)!;
    expect(loser.body.code).toBe('STALE_REVISION');
    const winner = replies.find((reply) => reply.status === 200)!.body;
    const stored = await read(scheme.id);
    expect(stored.revision).toBe(2);
    // Never a mix: the title and the lines are those of the same edit.
    expect([stored.title, stored.budgetLines.length]).toEqual([winner.title, winner.title === first.title ? 2 : 1]);
  });

  it('is locked once submitted, open again when returned, and the appraisal is bounded by the edited amount', async () => {
    let scheme = await created();
    const submitted = await client.act(actors.tokens.implementer, scheme, 'submit');
    expect(submitted.status).toBe(200);
    scheme = submitted.body.scheme as unknown as Edited;
    const locked = await put(actors.tokens.implementer, scheme.id, 1, edit());
    expect([locked.status, locked.body.code]).toEqual([409, 'SCHEME_LOCKED']);
    const returned = await client.act(actors.tokens.appraiser, scheme, 'return', { reason: 'Bổ sung mô hình trình diễn' });
    scheme = returned.body.scheme as unknown as Edited;
    expect(scheme.stage).toBe('revision');
    const smaller = {
      ...edit(),
      budgetLines: [{ activityCode: 'TRAINING', description: 'Đào tạo 1 lớp dệt', eligibleCost: 150_000_000, supportAmount: 150_000_000 }],
    };
    const edited = await put(actors.tokens.implementer, scheme.id, 1, smaller);
    expect([edited.status, edited.body.requestedAmount]).toEqual([200, 150_000_000]);
    const resubmitted = await client.act(actors.tokens.implementer, edited.body, 'resubmit');
    expect(resubmitted.status).toBe(200);
    // The base appraisal may not pass more than the (edited) request.
    const tooMuch = await client.act(actors.tokens.appraiser, resubmitted.body.scheme, 'pass', { approvedAmount: 300_000_000 });
    expect(tooMuch.status).toBe(422);
    const passed = await client.act(actors.tokens.appraiser, resubmitted.body.scheme, 'pass', { approvedAmount: 150_000_000 });
    expect([passed.status, passed.body.scheme.stage]).toEqual([200, 'central_appraisal']);
  });
});
