// Rules are dated data with their legal source, looked up on THE SCHEME'S DATE (1 January of its year), never today:
// support caps change on their effective date, the merged Đắk Lắk keeps its own caps, the programme follows the
// year, advances cite their instrument, and the technology-line multiplier and the per-establishment cap apply.
import { randomUUID } from 'node:crypto';
import { createUser, startTestApi, type TestApi } from './harness.js';
import { password, schemeClient, setUpSchemeActors, type Scheme, type SchemeActors } from './schemes-support.js';

type Created = Scheme & {
  programmeCode?: string;
  code?: string;
  message?: string;
  rule?: { code: string; basis: string; article?: string | null; citation?: string; cap?: Record<string, unknown> };
};

describe('dated rules', () => {
  let api: TestApi;
  let actors: SchemeActors;
  let client: ReturnType<typeof schemeClient>;
  /** Implementing units and officers of today's provinces. */
  const today: Record<'gia-lai-2025' | 'dak-lak-2025', { centreId: string; token: string }> = {} as never;

  beforeAll(async () => {
    api = await startTestApi();
    actors = await setUpSchemeActors(api);
    client = schemeClient(api);
    for (const province of ['gia-lai-2025', 'dak-lak-2025'] as const) {
      const centreId = randomUUID();
      await api.database.dataSource.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'provincial_centre', $2, $3)`, [
        centreId,
        `Trung tâm ${province}`,
        province,
      ]);
      const email = `trungtam.${province}@test.vn`;
      await createUser(api, email, password, [{ role: 'provincial_officer', scopeType: 'province', scopeId: province }]);
      const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
      today[province] = { centreId, token: data!.accessToken };
    }
  }, 60_000);
  afterAll(() => api.close());

  const scheme = (province: 'gia-lai-2025' | 'dak-lak-2025', overrides: Record<string, unknown>) => ({
    title: 'Đề án theo quy định có hiệu lực',
    implementingUnitId: today[province].centreId,
    contentGroupCode: 'CG1',
    subActivity: 'DEMONSTRATION_MODEL',
    fundingSource: 'NATIONAL',
    year: 2026,
    provinceCode: province,
    location: province,
    ...overrides,
  });
  const model = (support: number, cost = 3_000_000_000) => [
    { activityCode: 'DEMONSTRATION_MODEL', description: 'Mô hình', eligibleCost: cost, supportAmount: support },
  ];
  const create = (province: 'gia-lai-2025' | 'dak-lak-2025', overrides: Record<string, unknown>) =>
    client.create(today[province].token, scheme(province, overrides)) as Promise<{ status: number; body: Created }>;

  it('applies a support cap from its effective date: a 2026 scheme keeps TT 28/2018 (from 2018-05-11), a 2027 one gets the new cap', async () => {
    const [tt28] = await api.database.dataSource.query<{ valid_from: string }[]>(
      `SELECT valid_from::text FROM support_rules WHERE code = 'TT28-2018-NATIONAL-DEMONSTRATION_MODEL'`,
    );
    expect(tt28?.valid_from).toBe('2018-05-11');
    await api.database.dataSource.query(
      `INSERT INTO support_rules (code, basis, article, funding_source_code, province_code, activity_code, activity_name, max_percent, max_amount, per, valid_from)
       VALUES ('TEST-2027-NATIONAL-DEMONSTRATION_MODEL', 'TT 99/2026/TT-BTC', 'khoản 3 Điều 5', 'NATIONAL', NULL, 'DEMONSTRATION_MODEL', 'technical demonstration model', 30, 500000000, 'model', '2027-01-01')`,
    );
    const before = await create('gia-lai-2025', { year: 2026, budgetLines: model(600_000_000) });
    expect(before.status).toBe(201);
    expect(before.body.budgetLines[0]?.ruleCode).toBe('TT28-2018-NATIONAL-DEMONSTRATION_MODEL');
    const after = await create('gia-lai-2025', { year: 2027, budgetLines: model(600_000_000) });
    expect(after.status).toBe(422);
    expect(after.body).toMatchObject({
      code: 'SUPPORT_RULE_VIOLATED',
      rule: {
        code: 'TEST-2027-NATIONAL-DEMONSTRATION_MODEL',
        basis: 'TT 99/2026/TT-BTC',
        article: 'khoản 3 Điều 5',
        citation: 'TT 99/2026/TT-BTC, khoản 3 Điều 5',
        cap: { maxAmount: 500_000_000 },
      },
    });
    expect(after.body.message).toContain('TT 99/2026/TT-BTC, khoản 3 Điều 5');
    const within = await create('gia-lai-2025', { year: 2027, budgetLines: model(500_000_000) });
    expect(within.status).toBe(201);
    expect(within.body.budgetLines[0]?.ruleCode).toBe('TEST-2027-NATIONAL-DEMONSTRATION_MODEL');
    // The deadline is dated data too: a national 2026 scheme had to be registered by 20 May 2025.
    const submitted = await client.act(today['gia-lai-2025'].token, { id: before.body.id, version: before.body.version }, 'submit');
    expect(submitted.status).toBe(422);
    expect(submitted.body).toMatchObject({
      code: 'REGISTRATION_DEADLINE_PASSED',
      rule: { code: 'TT28-2018-NATIONAL_REGISTRATION_DEADLINE', basis: 'TT 28/2018/TT-BTC', cap: { deadline: '2025-05-20' } },
    });
    await api.database.dataSource.query(`DELETE FROM scheme_budget_lines WHERE rule_code LIKE 'TEST-%'`);
    await api.database.dataSource.query(`DELETE FROM support_rules WHERE code LIKE 'TEST-%'`);
  });

  it('chooses the programme by the scheme’s year: 2025 → NKP-2021-2025, 2026 → NKP-2026-2030 (content groups carried over), 2031 → 422', async () => {
    const old = await client.create(actors.tokens.implementer, {
      ...scheme('gia-lai-2025', { year: 2025, fundingSource: 'LOCAL', budgetLines: model(300_000_000) }),
      implementingUnitId: actors.oldCentreId,
      provinceCode: 'gia-lai',
    });
    expect(old.status).toBe(201);
    expect(old.body).toMatchObject({ programmeCode: 'NKP-2021-2025' });
    const current = await create('gia-lai-2025', { year: 2026, fundingSource: 'LOCAL', budgetLines: model(300_000_000) });
    expect(current.status).toBe(201);
    expect(current.body).toMatchObject({ programmeCode: 'NKP-2026-2030', contentGroupCode: 'CG1' });
    const [carried] = await api.database.dataSource.query<{ carried: string }[]>(
      `SELECT carried_from_programme AS carried FROM content_groups WHERE programme_code = 'NKP-2026-2030' AND code = 'CG1'`,
    );
    expect(carried?.carried).toBe('NKP-2021-2025');
    const none = await create('gia-lai-2025', { year: 2031, fundingSource: 'LOCAL', budgetLines: model(300_000_000) });
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('NO_PROGRAMME_FOR_YEAR');
  });

  it('applies the merged Đắk Lắk’s own caps to a dak-lak-2025 scheme of 2026, citing the same provincial decision', async () => {
    const over = await create('dak-lak-2025', { year: 2026, fundingSource: 'LOCAL', budgetLines: model(800_000_001) });
    expect(over.status).toBe(422);
    expect(over.body.rule).toMatchObject({
      code: 'DAK-LAK-2025-SUCCESSOR-LOCAL-DEMONSTRATION_MODEL',
      basis: 'Nghị quyết HĐND tỉnh Đắk Lắk năm 2025',
      cap: { maxAmount: 800_000_000 },
    });
    const within = await create('dak-lak-2025', { year: 2026, fundingSource: 'LOCAL', budgetLines: model(800_000_000) });
    expect(within.status).toBe(201);
    expect(within.body.budgetLines[0]?.ruleCode).toBe('DAK-LAK-2025-SUCCESSOR-LOCAL-DEMONSTRATION_MODEL');
    const [rows] = await api.database.dataSource.query<{ old_to: string; new_from: string }[]>(
      `SELECT (SELECT valid_to::text FROM support_rules WHERE code = 'DAK-LAK-2025-LOCAL-DEMONSTRATION_MODEL') AS old_to,
              (SELECT valid_from::text FROM support_rules WHERE code = 'DAK-LAK-2025-SUCCESSOR-LOCAL-DEMONSTRATION_MODEL') AS new_from`,
    );
    expect(rows).toEqual({ old_to: '2025-06-30', new_from: '2025-07-01' });
  });

  it('applies the technology-line multiplier (1.5 × 300 million) and the cap per establishment over its lines', async () => {
    const [first, second] = [randomUUID(), randomUUID()];
    for (const id of [first, second]) {
      await api.database.dataSource.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'establishment', $2, 'gia-lai-2025')`, [
        id,
        `Cơ sở ${id.slice(0, 4)}`,
      ]);
    }
    const beneficiaries = [first, second].map((organisationId) => ({ name: 'Cơ sở', organisationId, supportAmount: 0, coFundingAmount: 0 }));
    const machinery = (support: number, extra: Record<string, unknown> = {}) => ({
      activityCode: 'ADVANCED_MACHINERY',
      description: 'Máy',
      eligibleCost: 1_000_000_000,
      supportAmount: support,
      ...extra,
    });
    const base = { subActivity: 'ADVANCED_MACHINERY', beneficiaries };
    const plain = await create('gia-lai-2025', { ...base, budgetLines: [machinery(300_000_001)] });
    expect(plain.status).toBe(422);
    expect(plain.body.rule).toMatchObject({
      code: 'TT28-2018-NATIONAL-ADVANCED_MACHINERY',
      article: 'khoản 4 Điều 8',
      cap: { maxAmount: 300_000_000, effectiveMaxAmount: 300_000_000 },
    });
    const line = await create('gia-lai-2025', { ...base, budgetLines: [machinery(450_000_000, { technologyLine: true })] });
    expect(line.status).toBe(201);
    const lineOver = await create('gia-lai-2025', { ...base, budgetLines: [machinery(450_000_001, { technologyLine: true })] });
    expect(lineOver.status).toBe(422);
    expect(lineOver.body.rule?.cap).toMatchObject({ technologyLineMultiplier: 1.5, effectiveMaxAmount: 450_000_000 });
    // Per establishment: two lines of one establishment share the 300 million; two establishments have one each.
    const shared = await create('gia-lai-2025', {
      ...base,
      budgetLines: [machinery(200_000_000, { establishmentId: first }), machinery(200_000_000, { establishmentId: first })],
    });
    expect(shared.status).toBe(422);
    expect(shared.body.rule).toMatchObject({ code: 'TT28-2018-NATIONAL-ADVANCED_MACHINERY', cap: { per: 'establishment' } });
    const split = await create('gia-lai-2025', {
      ...base,
      budgetLines: [machinery(200_000_000, { establishmentId: first }), machinery(200_000_000, { establishmentId: second })],
    });
    expect(split.status).toBe(201);
    const stranger = await create('gia-lai-2025', { ...base, budgetLines: [machinery(1, { establishmentId: randomUUID() })] });
    expect(stranger.status).toBe(400);
  });

  it('refuses an advance above the dated advance rule with its citation in the 422', async () => {
    const { tokens } = actors;
    const step = async (token: string, current: Scheme, type: string, payload: Record<string, unknown> = {}) => {
      const reply = await client.act(token, current, type, payload);
      if (reply.status !== 200) throw new Error(`${type} → ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body.scheme;
    };
    const created = await client.create(tokens.implementer, {
      ...scheme('gia-lai-2025', { year: 2025, fundingSource: 'LOCAL', contentGroupCode: 'CG4', subActivity: 'INDUSTRIAL_CLUSTER_WORKS' }),
      implementingUnitId: actors.oldCentreId,
      provinceCode: 'gia-lai',
      budgetLines: [{ activityCode: 'INDUSTRIAL_CLUSTER_WORKS', description: 'Hạ tầng', eligibleCost: 2_000_000_000, supportAmount: 1_000_000_000 }],
    });
    let current = await step(tokens.implementer, created.body, 'submit');
    current = await step(tokens.appraiser, current, 'pass', { approvedAmount: 1_000_000_000 });
    const approval = await client.call<Scheme[]>(tokens.signer, 'POST', '/api/schemes/local-plan-approvals', {
      items: [{ schemeId: current.id, version: current.version }],
    });
    current = await step(tokens.appraiser, approval.body[0]!, 'contract', { contractNumber: 'HĐ 16/KC' });
    const early = await client.act(tokens.implementer, current, 'record_disbursement', { kind: 'advance', amount: 100_000_000 });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({
      code: 'ADVANCE_RULE_VIOLATED',
      rule: { code: 'TT28-2018-ADVANCE_CLUSTER_WORKS', basis: 'TT 28/2018/TT-BTC', cap: { maxPercent: 30, progressAbove: 50 } },
    });
    expect((early.body as { message?: string }).message).toContain('TT 28/2018/TT-BTC');
    current = await step(tokens.implementer, current, 'record_progress', { progressPercent: 51 });
    const over = await client.act(tokens.implementer, current, 'record_disbursement', { kind: 'advance', amount: 300_000_001 });
    expect(over.status).toBe(422);
    expect(over.body.rule).toMatchObject({ code: 'TT28-2018-ADVANCE_CLUSTER_WORKS', citation: 'TT 28/2018/TT-BTC' });
    expect((await client.act(tokens.implementer, current, 'record_disbursement', { kind: 'advance', amount: 300_000_000 })).status).toBe(200);
  });
});
