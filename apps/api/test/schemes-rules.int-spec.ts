// Each finance rule refuses with 422 naming the rule, and the refused request changes nothing.
import { startTestApi, type TestApi } from './harness.js';
import { schemeClient, setUpSchemeActors, type Scheme, type SchemeActors } from './schemes-support.js';

const thisYear = new Date().getUTCFullYear();

describe('scheme rules', () => {
  let api: TestApi;
  let actors: SchemeActors;
  let client: ReturnType<typeof schemeClient>;

  beforeAll(async () => {
    api = await startTestApi();
    actors = await setUpSchemeActors(api);
    client = schemeClient(api);
  }, 60_000);
  afterAll(() => api.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    title: 'Đề án kiểm tra quy tắc',
    implementingUnitId: actors.centreId,
    contentGroupCode: 'CG5',
    subActivity: 'TRAINING',
    fundingSource: 'NATIONAL',
    year: thisYear + 2,
    provinceCode: 'gia-lai-2025',
    location: 'Gia Lai',
    budgetLines: [{ activityCode: 'TRAINING', description: 'Đào tạo', eligibleCost: 500_000_000, supportAmount: 500_000_000 }],
    ...overrides,
  });

  async function step(token: string, scheme: Scheme, type: string, payload: Record<string, unknown> = {}): Promise<Scheme> {
    const reply = await client.act(token, scheme, type, payload);
    if (reply.status !== 200) throw new Error(`${type} → ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.scheme;
  }

  async function counts() {
    const [row] = await api.database.dataSource.query<Record<string, number>[]>(
      `SELECT (SELECT COUNT(*)::int FROM schemes) AS schemes, (SELECT COUNT(*)::int FROM workflow_instances) AS instances,
              (SELECT COUNT(*)::int FROM disbursements) AS disbursements, (SELECT COUNT(*)::int FROM settlements) AS settlements,
              (SELECT COUNT(*)::int FROM workflow_events) AS events`,
    );
    return row!;
  }

  /** A local scheme contracted and in progress with the given allocation and sub-activity. */
  async function inProgressLocal(subActivity: string, contentGroupCode: string, amount: number): Promise<Scheme> {
    const { tokens } = actors;
    const created = await client.create(
      tokens.implementer,
      body({
        fundingSource: 'LOCAL',
        year: thisYear,
        subActivity,
        contentGroupCode,
        budgetLines: [{ activityCode: subActivity, description: 'Hạng mục', eligibleCost: amount * 2, supportAmount: amount }],
      }),
    );
    let scheme = await step(tokens.implementer, created.body, 'submit');
    scheme = await step(tokens.appraiser, scheme, 'pass', { approvedAmount: amount });
    const approval = await client.call<Scheme[]>(tokens.signer, 'POST', '/api/schemes/local-plan-approvals', {
      items: [{ schemeId: scheme.id, version: scheme.version }],
    });
    return step(tokens.appraiser, approval.body[0]!, 'contract', { contractNumber: 'HĐ 09/KC' });
  }

  it('refuses a budget line above the demonstration-model cap (30 % of cost) and names TT 28/2018, writing nothing', async () => {
    const before = await counts();
    const reply = await client.create(
      actors.tokens.implementer,
      body({ budgetLines: [{ activityCode: 'DEMONSTRATION_MODEL', description: 'Mô hình', eligibleCost: 1_000_000_000, supportAmount: 310_000_000 }] }),
    );
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      code: 'SUPPORT_RULE_VIOLATED',
      rule: {
        code: 'TT28-2018-NATIONAL-DEMONSTRATION_MODEL',
        basis: 'TT 28/2018/TT-BTC',
        activity: 'DEMONSTRATION_MODEL',
        cap: { maxPercent: 30, maxAmount: 1_000_000_000 },
      },
    });
    const amountCap = await client.create(
      actors.tokens.implementer,
      body({ budgetLines: [{ activityCode: 'ADVANCED_MACHINERY', description: 'Máy', eligibleCost: 1_000_000_000, supportAmount: 300_000_001 }] }),
    );
    expect(amountCap.status).toBe(422);
    expect(amountCap.body.rule).toMatchObject({ code: 'TT28-2018-NATIONAL-ADVANCED_MACHINERY', activity: 'ADVANCED_MACHINERY' });
    expect(await counts()).toEqual(before);
  });

  it('refuses registering national funds after 20 May of the year before, and the scheme stays a draft', async () => {
    const created = await client.create(actors.tokens.implementer, body({ year: thisYear }));
    expect(created.status).toBe(201);
    const before = await counts();
    const reply = await client.act(actors.tokens.implementer, created.body, 'submit');
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      code: 'REGISTRATION_DEADLINE_PASSED',
      rule: { code: 'TT28-2018-NATIONAL_REGISTRATION_DEADLINE', cap: { deadline: `${thisYear - 1}-05-20` } },
    });
    expect(await counts()).toEqual(before);
    expect((await client.get(actors.tokens.implementer, created.body.id)).body).toMatchObject({ stage: 'draft', version: created.body.version });
  });

  it('refuses an advance above 70 % for training, and any advance for equipment, naming the rule', async () => {
    const training = await inProgressLocal('TRAINING', 'CG5', 1_000_000_000);
    const before = await counts();
    const over = await client.act(actors.tokens.implementer, training, 'record_disbursement', { kind: 'advance', amount: 700_000_001 });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'ADVANCE_RULE_VIOLATED', rule: { code: 'TT28-2018-ADVANCE_SOFT', activity: 'TRAINING', cap: { maxPercent: 70 } } });
    expect(await counts()).toEqual(before);
    const atCap = await client.act(actors.tokens.implementer, training, 'record_disbursement', { kind: 'advance', amount: 700_000_000 });
    expect(atCap.status).toBe(200);

    const machinery = await inProgressLocal('DEMONSTRATION_MODEL', 'CG1', 400_000_000);
    const none = await client.act(actors.tokens.implementer, machinery, 'record_disbursement', { kind: 'advance', amount: 1 });
    expect(none.status).toBe(422);
    expect(none.body.rule).toMatchObject({ code: 'ADVANCE_NONE', cap: { maxPercent: 0 } });
  });

  it('refuses a cluster-works advance before half the work is done, then allows 30 %', async () => {
    const works = await inProgressLocal('INDUSTRIAL_CLUSTER_WORKS', 'CG4', 1_000_000_000);
    const early = await client.act(actors.tokens.implementer, works, 'record_disbursement', { kind: 'advance', amount: 100_000_000 });
    expect(early.status).toBe(422);
    expect(early.body.rule).toMatchObject({ code: 'TT28-2018-ADVANCE_CLUSTER_WORKS', cap: { maxPercent: 30, progressAbove: 50 } });
    const half = await step(actors.tokens.implementer, works, 'record_progress', { progressPercent: 50 });
    expect((await client.act(actors.tokens.implementer, half, 'record_disbursement', { kind: 'advance', amount: 100_000_000 })).status).toBe(422);
    const more = await step(actors.tokens.implementer, half, 'record_progress', { progressPercent: 51 });
    expect((await client.act(actors.tokens.implementer, more, 'record_disbursement', { kind: 'advance', amount: 300_000_001 })).status).toBe(422);
    expect((await client.act(actors.tokens.implementer, more, 'record_disbursement', { kind: 'advance', amount: 300_000_000 })).status).toBe(200);
  });

  it('refuses a settlement above the allocation and leaves the scheme in settlement', async () => {
    const { tokens, ids } = actors;
    let scheme = await inProgressLocal('TRAINING', 'CG5', 200_000_000);
    scheme = await step(tokens.implementer, scheme, 'complete');
    scheme = await step(tokens.appraiser, scheme, 'assign_council', { members: [ids.member1, ids.member2, ids.chair], chair: ids.chair });
    scheme = await step(tokens.member1, scheme, 'vote', { vote: 'approve' });
    scheme = await step(tokens.member2, scheme, 'vote', { vote: 'approve' });
    scheme = await step(tokens.chair, scheme, 'vote', { vote: 'approve' });
    const before = await counts();
    const reply = await client.act(tokens.appraiser, scheme, 'settle', { settledAmount: 200_000_001 });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'SETTLEMENT_ABOVE_ALLOCATION', rule: { code: 'SETTLEMENT_LE_ALLOCATION', cap: { allocation: 200_000_000 } } });
    expect(await counts()).toEqual(before);
    expect((await client.get(tokens.appraiser, scheme.id)).body).toMatchObject({ stage: 'settlement', settlement: null });
  });

  it('caps payments at the allocation lowered by an approved change, refusing one đồng more and writing nothing', async () => {
    const { tokens } = actors;
    let scheme = await inProgressLocal('TRAINING', 'CG5', 180_000_000);
    scheme = await step(tokens.implementer, scheme, 'request_change', { changeKind: 'adjust', reason: 'Giảm quy mô lớp học', newAllocatedAmount: 170_000_000 });
    scheme = await step(tokens.appraiser, scheme, 'approve_change');
    expect(scheme).toMatchObject({ stage: 'in_progress', allocatedAmount: 170_000_000 });
    const before = await counts();
    const over = await client.act(tokens.implementer, scheme, 'record_disbursement', { kind: 'payment', amount: 170_000_001 });
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ code: 'DISBURSEMENT_ABOVE_ALLOCATION', rule: { code: 'DISBURSEMENTS_LE_ALLOCATION', cap: { allocation: 170_000_000 } } });
    expect(await counts()).toEqual(before);
    expect((await client.get(tokens.implementer, scheme.id)).body).toMatchObject({ version: scheme.version, disbursedAmount: 0 });
    // Cumulative: 100 M paid, then 70 M more reaches the cap and one đồng more is refused.
    const first = await step(tokens.implementer, scheme, 'record_disbursement', { kind: 'payment', amount: 100_000_000 });
    expect((await client.act(tokens.implementer, first, 'record_disbursement', { kind: 'payment', amount: 70_000_001 })).status).toBe(422);
    const full = await step(tokens.implementer, first, 'record_disbursement', { kind: 'payment', amount: 70_000_000 });
    expect(full.disbursedAmount).toBe(170_000_000);
  });

  it('answers 400 for a malformed scheme and 404 for a scheme out of scope', async () => {
    const malformed = await client.create(actors.tokens.implementer, body({ budgetLines: [] }));
    expect(malformed.status).toBe(400);
    const created = await client.create(actors.tokens.implementer, body());
    expect((await client.act(actors.tokens.foreign, created.body, 'submit')).status).toBe(404);
  });
});
