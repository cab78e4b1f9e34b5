// A national-fund scheme and a local-fund scheme driven from draft to closing over HTTP, with every role.
import { startTestApi, type TestApi } from './harness.js';
import { schemeClient, setUpSchemeActors, type Scheme, type SchemeActors } from './schemes-support.js';

const thisYear = new Date().getUTCFullYear();

describe('schemes from draft to closing', () => {
  let api: TestApi;
  let actors: SchemeActors;
  let client: ReturnType<typeof schemeClient>;

  beforeAll(async () => {
    api = await startTestApi();
    actors = await setUpSchemeActors(api);
    client = schemeClient(api);
  }, 60_000);
  afterAll(() => api.close());

  /** Runs a command that must succeed and returns the new scheme. */
  async function step(token: string, scheme: Scheme, type: string, payload: Record<string, unknown> = {}): Promise<Scheme> {
    const reply = await client.act(token, scheme, type, payload);
    if (reply.status !== 200) throw new Error(`${type} → ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.scheme;
  }

  async function planAmount(province: string | null, source: string, year: number): Promise<{ version: number; amount: number } | undefined> {
    const [row] = await api.database.dataSource.query<{ version: number; amount: string }[]>(
      `SELECT p.current_version AS version, v.amount::text FROM annual_plans p JOIN annual_plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
        WHERE p.province_code IS NOT DISTINCT FROM $1 AND p.funding_source_code = $2 AND p.year = $3`,
      [province, source, year],
    );
    return row ? { version: row.version, amount: Number(row.amount) } : undefined;
  }

  async function council(scheme: Scheme, votes: ['approve' | 'reject', 'approve' | 'reject', 'approve' | 'reject'], conditions?: string): Promise<Scheme> {
    const { tokens, ids } = actors;
    let current = await step(tokens.appraiser, scheme, 'assign_council', { members: [ids.member1, ids.member2, ids.chair], chair: ids.chair });
    current = await step(tokens.member1, current, 'vote', { vote: votes[0] });
    current = await step(tokens.member2, current, 'vote', { vote: votes[1] });
    return step(tokens.chair, current, 'vote', conditions ? { vote: votes[2], conditions } : { vote: votes[2] });
  }

  it('takes a national-fund scheme through a return, central appraisal, an advance, a change, a failed acceptance and settlement', async () => {
    const { tokens, centreId } = actors;
    const year = thisYear + 2; // registration for year Y closes on 20 May of Y − 1: still open
    const created = await client.create(tokens.implementer, {
      title: 'Đào tạo nghề đan lát và mô hình trình diễn',
      implementingUnitId: centreId,
      contentGroupCode: 'CG5',
      subActivity: 'TRAINING',
      fundingSource: 'NATIONAL',
      year,
      provinceCode: 'gia-lai-2025',
      location: 'Xã Ia Grai, Gia Lai',
      beneficiaries: [{ name: 'HTX Mây tre Ia Grai', supportAmount: 700_000_000, coFundingAmount: 700_000_000 }],
      budgetLines: [
        { activityCode: 'TRAINING', description: 'Đào tạo 3 lớp', eligibleCost: 400_000_000, supportAmount: 400_000_000 },
        { activityCode: 'DEMONSTRATION_MODEL', description: 'Mô hình trình diễn máy chẻ nan', eligibleCost: 1_000_000_000, supportAmount: 300_000_000 },
      ],
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    let scheme = created.body;
    expect(scheme).toMatchObject({ stage: 'draft', allocatedAmount: null });
    expect(scheme.budgetLines.map((line) => line.ruleCode)).toEqual([null, 'TT28-2018-NATIONAL-DEMONSTRATION_MODEL']);

    scheme = await step(tokens.implementer, scheme, 'submit');
    expect(scheme.stage).toBe('base_appraisal');
    scheme = await step(tokens.appraiser, scheme, 'return', { reason: 'Thiếu dự toán chi tiết lớp đào tạo' });
    expect(scheme.stage).toBe('revision');
    scheme = await step(tokens.implementer, scheme, 'resubmit');
    scheme = await step(tokens.appraiser, scheme, 'pass', { approvedAmount: 650_000_000 });
    expect(scheme).toMatchObject({ stage: 'central_appraisal', allocatedAmount: 650_000_000 });
    expect(await planAmount('gia-lai-2025', 'NATIONAL', year)).toBeUndefined();
    scheme = await step(tokens.central, scheme, 'pass', { approvedAmount: 600_000_000 });
    expect(scheme).toMatchObject({ stage: 'in_plan', allocatedAmount: 600_000_000 });
    expect(await planAmount('gia-lai-2025', 'NATIONAL', year)).toEqual({ version: 1, amount: 600_000_000 });
    expect(await planAmount(null, 'NATIONAL', year)).toEqual({ version: 1, amount: 600_000_000 });

    scheme = await step(tokens.appraiser, scheme, 'contract', { contractNumber: 'HĐ 01/2026/KC' });
    scheme = await step(tokens.implementer, scheme, 'record_progress', { progressPercent: 40 });
    scheme = await step(tokens.implementer, scheme, 'record_disbursement', { kind: 'advance', amount: 400_000_000, paidOn: `${thisYear}-03-10` });
    expect(scheme.disbursedAmount).toBe(400_000_000);

    scheme = await step(tokens.implementer, scheme, 'request_change', {
      changeKind: 'adjust',
      reason: 'Giảm một lớp đào tạo',
      newAllocatedAmount: 550_000_000,
    });
    expect(scheme.stage).toBe('change_review');
    const appraiserCannot = await client.act(tokens.appraiser, scheme, 'approve_change');
    expect(appraiserCannot.status).toBe(403); // national funds: the Cục approves changes
    scheme = await step(tokens.central, scheme, 'approve_change');
    expect(scheme).toMatchObject({ stage: 'in_progress', allocatedAmount: 550_000_000, changes: [{ kind: 'adjust', status: 'approved' }] });
    expect(await planAmount('gia-lai-2025', 'NATIONAL', year)).toEqual({ version: 2, amount: 550_000_000 });

    scheme = await step(tokens.implementer, scheme, 'record_disbursement', { kind: 'payment', amount: 100_000_000, paidOn: `${thisYear}-06-10` });
    scheme = await step(tokens.implementer, scheme, 'complete');
    scheme = await council(scheme, ['reject', 'reject', 'reject']);
    expect(scheme.stage).toBe('in_progress');
    expect(scheme.acceptances).toEqual([{ attempt: 1, outcome: 'failed', conditions: null }]);

    scheme = await step(tokens.implementer, scheme, 'complete');
    scheme = await council(scheme, ['approve', 'approve', 'approve'], 'Bổ sung hồ sơ nghiệm thu lớp thứ ba');
    expect(scheme.stage).toBe('settlement');
    expect(scheme.acceptances[1]).toEqual({ attempt: 2, outcome: 'accepted_with_conditions', conditions: 'Bổ sung hồ sơ nghiệm thu lớp thứ ba' });

    scheme = await step(tokens.appraiser, scheme, 'settle', { settledAmount: 540_000_000, settledOn: `${thisYear}-11-30` });
    expect(scheme.stage).toBe('closed');
    expect(scheme.settlement).toMatchObject({ settledAmount: 540_000_000, recordedAgainst: 'ministry' });
    expect(scheme.disbursements.map((item) => [item.kind, item.amount])).toEqual([
      ['advance', 400_000_000],
      ['payment', 100_000_000],
      ['settlement', 40_000_000],
    ]);
    expect(scheme.disbursedAmount).toBe(540_000_000);
  });

  it('takes a local-fund cluster-works scheme through the local plan, the 30 % advance after half the work, and settlement', async () => {
    const { tokens, centreId } = actors;
    const created = await client.create(tokens.implementer, {
      title: 'Hạ tầng xử lý nước thải cụm công nghiệp Ia Sol',
      implementingUnitId: centreId,
      contentGroupCode: 'CG4',
      subActivity: 'INDUSTRIAL_CLUSTER_WORKS',
      fundingSource: 'LOCAL',
      year: thisYear,
      provinceCode: 'gia-lai-2025',
      location: 'Cụm công nghiệp Ia Sol',
      budgetLines: [
        { activityCode: 'INDUSTRIAL_CLUSTER_WORKS', description: 'Trạm xử lý nước thải', eligibleCost: 2_000_000_000, supportAmount: 1_000_000_000 },
      ],
    });
    expect(created.status).toBe(201);
    let scheme = await step(tokens.implementer, created.body, 'submit');
    scheme = await step(tokens.appraiser, scheme, 'pass', { approvedAmount: 1_000_000_000 });
    expect(scheme.stage).toBe('awaiting_local_plan');
    const approval = await client.call<Scheme[]>(tokens.signer, 'POST', '/api/schemes/local-plan-approvals', {
      items: [{ schemeId: scheme.id, version: scheme.version }],
    });
    expect(approval.status).toBe(200);
    scheme = approval.body[0]!;
    expect(scheme).toMatchObject({ stage: 'in_plan', allocatedAmount: 1_000_000_000 });
    expect(await planAmount('gia-lai-2025', 'LOCAL', thisYear)).toEqual({ version: 1, amount: 1_000_000_000 });

    scheme = await step(tokens.appraiser, scheme, 'contract', { contractNumber: 'HĐ 07/2026/KC-ĐP' });
    scheme = await step(tokens.implementer, scheme, 'record_progress', { progressPercent: 60 });
    scheme = await step(tokens.implementer, scheme, 'record_disbursement', { kind: 'advance', amount: 300_000_000 });
    scheme = await step(tokens.implementer, scheme, 'record_disbursement', { kind: 'payment', amount: 600_000_000 });
    scheme = await step(tokens.implementer, scheme, 'complete');
    scheme = await council(scheme, ['approve', 'approve', 'reject']);
    expect(scheme.acceptances).toEqual([{ attempt: 1, outcome: 'accepted', conditions: null }]);
    scheme = await step(tokens.appraiser, scheme, 'settle', { settledAmount: 950_000_000 });
    expect(scheme).toMatchObject({ stage: 'closed', settlement: { settledAmount: 950_000_000, recordedAgainst: 'province' } });

    const list = await client.call<{ items: { id: string; stage: string }[] }>(tokens.appraiser, 'GET', `/api/schemes?year=${thisYear}&fundingSource=LOCAL`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: scheme.id, stage: 'closed' })]);
    const foreign = await client.get(tokens.foreign, scheme.id);
    expect(foreign.status).toBe(404);
  });

  it('extends a scheme: the new date must come after the current one, no other change carries a date, approval moves it', async () => {
    const { tokens, centreId } = actors;
    const created = await client.create(tokens.implementer, {
      title: 'Tư vấn thiết kế mẫu mã cho cơ sở dệt',
      implementingUnitId: centreId,
      contentGroupCode: 'CG5',
      subActivity: 'CONSULTING',
      fundingSource: 'LOCAL',
      year: thisYear,
      provinceCode: 'gia-lai-2025',
      location: 'Xã Ia Ly, Gia Lai',
      endsOn: `${thisYear}-12-20`,
      budgetLines: [{ activityCode: 'CONSULTING', description: 'Tư vấn mẫu mã', eligibleCost: 100_000_000, supportAmount: 80_000_000 }],
    });
    expect([created.status, created.body.endsOn]).toEqual([201, `${thisYear}-12-20`]);
    let scheme = await step(tokens.implementer, created.body, 'submit');
    scheme = await step(tokens.appraiser, scheme, 'pass', { approvedAmount: 80_000_000 });
    const approval = await client.call<Scheme[]>(tokens.signer, 'POST', '/api/schemes/local-plan-approvals', {
      items: [{ schemeId: scheme.id, version: scheme.version }],
    });
    scheme = approval.body[0]!;
    scheme = await step(tokens.appraiser, scheme, 'contract', { contractNumber: 'HĐ 09/2026/TV' });

    const refused = async (payload: Record<string, unknown>, code: string) => {
      const reply = await client.act(tokens.implementer, scheme, 'request_change', { reason: 'Giao thiết bị chậm', ...payload });
      expect([reply.status, (reply.body as unknown as { code: string }).code]).toEqual([422, code]);
    };
    await refused({ changeKind: 'extend' }, 'EXTENSION_DATE_INVALID');
    await refused({ changeKind: 'extend', newEndsOn: `${thisYear}-12-20` }, 'EXTENSION_DATE_INVALID');
    await refused({ changeKind: 'extend', newEndsOn: `${thisYear + 1}-03-31`, newAllocatedAmount: 70_000_000 }, 'EXTENSION_DATE_INVALID');
    await refused({ changeKind: 'adjust', newEndsOn: `${thisYear + 1}-03-31` }, 'CHANGE_DATE_NOT_ALLOWED');
    // Nothing was written by the refusals.
    expect((await client.get(tokens.implementer, scheme.id)).body).toMatchObject({ stage: 'in_progress', changes: [] });

    scheme = await step(tokens.implementer, scheme, 'request_change', {
      changeKind: 'extend',
      newEndsOn: `${thisYear + 1}-03-31`,
      reason: 'Giao thiết bị chậm',
    });
    expect(scheme.stage).toBe('change_review');
    scheme = await step(tokens.appraiser, scheme, 'approve_change');
    expect(scheme).toMatchObject({ stage: 'in_progress', endsOn: `${thisYear + 1}-03-31`, allocatedAmount: 80_000_000 });
    expect(scheme.changes).toEqual([
      expect.objectContaining({ kind: 'extend', status: 'approved', newEndsOn: `${thisYear + 1}-03-31`, newAllocatedAmount: null }),
    ]);
  });
});
