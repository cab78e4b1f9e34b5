// The plan-vs-actual report reads running totals kept by triggers (migration ReadPathAggregates). After every kind
// of change — the demo data loaded in bulk, schemes allocated, changed and settled through the API, disbursements
// recorded concurrently, a plan adjusted, and the edits only SQL can make (a scheme moved to another province, a
// disbursement corrected or deleted, a scheme deleted) — the report must equal the from-scratch aggregation of
// @khuyencong/reports over schemes and disbursements, line for line, and the totals must equal their sources.
import { planVsActual, PLAN_ACTUAL_GROUPINGS, type PlanActualFilter } from '@khuyencong/reports';
import { seedFinanceDemo } from '../src/demo/finance.js';
import { lineView } from '../src/reports/views.js';
import { createUser, startTestApi, type TestApi } from './harness.js';
import { password, schemeClient, setUpSchemeActors, type Scheme, type SchemeActors } from './schemes-support.js';

const thisYear = new Date().getUTCFullYear();

describe('plan-vs-actual from the running totals', () => {
  let api: TestApi;
  let actors: SchemeActors;
  let client: ReturnType<typeof schemeClient>;
  let central: string;

  beforeAll(async () => {
    api = await startTestApi();
    await api.database.dataSource.transaction((manager) => seedFinanceDemo(manager));
    actors = await setUpSchemeActors(api);
    client = schemeClient(api);
    await createUser(api, 'cuc.reports@test.vn', password, [{ role: 'central_officer', scopeType: 'national', scopeId: null }]);
    central = (await api.client.POST('/api/auth/login', { body: { email: 'cuc.reports@test.vn', password } })).data!.accessToken;
  }, 60_000);
  afterAll(() => api.close());

  async function step(token: string, scheme: Scheme, type: string, payload: Record<string, unknown> = {}): Promise<Scheme> {
    const reply = await client.act(token, scheme, type, payload);
    if (reply.status !== 200) throw new Error(`${type} → ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.scheme;
  }

  /** Every grouping, unfiltered and with each filter, at the year's end and at a mid-year cut-off. */
  function filters(year: number): PlanActualFilter[] {
    const out: PlanActualFilter[] = [];
    for (const groupBy of PLAN_ACTUAL_GROUPINGS) {
      for (const until of [undefined, `${year}-04-15`, `${year}-06-30`]) {
        const base = until ? { year, groupBy, until } : { year, groupBy };
        out.push(
          base,
          { ...base, regionCode: 'CENTRAL_HIGHLANDS' },
          { ...base, provinceCode: 'gia-lai' },
          { ...base, provinceCode: 'gia-lai-2025' },
          { ...base, fundingSource: 'LOCAL' },
          { ...base, units: 'current' },
        );
      }
    }
    return out;
  }

  /** The API's report equals the from-scratch aggregation for every filter of these years. */
  async function expectReportsExact(years: number[]): Promise<void> {
    for (const year of years) {
      for (const filter of filters(year)) {
        const query = new URLSearchParams(Object.entries(filter).map(([key, value]): [string, string] => [key, String(value)]));
        const response = await fetch(`${api.baseUrl}/api/reports/plan-vs-actual?${query.toString()}`, { headers: { authorization: `Bearer ${central}` } });
        expect(response.status).toBe(200);
        const scratch = await planVsActual(api.database.dataSource, filter, 'rows');
        const expected = {
          year: scratch.filter.year,
          until: scratch.filter.until,
          groupBy: scratch.filter.groupBy,
          units: scratch.filter.units ?? 'historical',
          lines: scratch.lines.map(lineView),
          total: lineView(scratch.total),
        };
        expect({ filter, report: await response.json() }).toEqual({ filter, report: expected });
      }
    }
  }

  /** The totals tables equal a GROUP BY of schemes and disbursements (groups that emptied keep a zero row). */
  async function expectTotalsEqualSources(): Promise<void> {
    const db = api.database.dataSource;
    const group = `year, province_code, funding_source_code, programme_code, content_group_code, region_code`;
    const [schemes] = await db.query<{ missing: number; extra: number }[]>(
      `WITH truth AS (SELECT ${group}, count(*)::int AS schemes, COALESCE(sum(allocated_amount), 0)::bigint AS allocated_amount FROM schemes GROUP BY ${group}),
            kept AS (SELECT ${group}, schemes, allocated_amount FROM scheme_group_totals WHERE schemes > 0 OR allocated_amount <> 0)
       SELECT (SELECT count(*) FROM (SELECT * FROM truth EXCEPT SELECT * FROM kept) x)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM truth) x)::int AS extra`,
    );
    expect(schemes).toEqual({ missing: 0, extra: 0 });
    const [days] = await db.query<{ missing: number; extra: number }[]>(
      `WITH truth AS (SELECT ${group
        .split(', ')
        .map((column) => `s.${column}`)
        .join(', ')}, d.paid_on, sum(d.amount)::bigint AS amount, count(*)::int AS disbursements
                        FROM disbursements d JOIN schemes s ON s.id = d.scheme_id GROUP BY ${group
                          .split(', ')
                          .map((column) => `s.${column}`)
                          .join(', ')}, d.paid_on),
            kept AS (SELECT ${group
              .split(', ')
              .map((column) => `g.${column}`)
              .join(', ')}, t.paid_on, t.amount, t.disbursements
                       FROM scheme_group_disbursed_days t JOIN scheme_group_totals g ON g.id = t.scheme_group_id WHERE t.disbursements > 0 OR t.amount <> 0)
       SELECT (SELECT count(*) FROM (SELECT * FROM truth EXCEPT SELECT * FROM kept) x)::int AS missing,
              (SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM truth) x)::int AS extra`,
    );
    expect(days).toEqual({ missing: 0, extra: 0 });
  }

  /** A scheme of this year (2026 and later): in today's Gia Lai, the unit in force on its date. */
  async function localScheme(title: string, amount: number): Promise<Scheme> {
    const created = await client.create(actors.tokens.implementer, {
      title,
      implementingUnitId: actors.centreId,
      contentGroupCode: 'CG4',
      subActivity: 'INDUSTRIAL_CLUSTER_WORKS',
      fundingSource: 'LOCAL',
      year: thisYear,
      provinceCode: 'gia-lai-2025',
      location: 'Cụm công nghiệp Ia Sol',
      budgetLines: [{ activityCode: 'INDUSTRIAL_CLUSTER_WORKS', description: 'Trạm xử lý nước thải', eligibleCost: amount * 2, supportAmount: amount }],
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    let scheme = await step(actors.tokens.implementer, created.body, 'submit');
    scheme = await step(actors.tokens.appraiser, scheme, 'pass', { approvedAmount: amount });
    const approval = await client.call<Scheme[]>(actors.tokens.signer, 'POST', '/api/schemes/local-plan-approvals', {
      items: [{ schemeId: scheme.id, version: scheme.version }],
    });
    if (approval.status !== 200) throw new Error(JSON.stringify(approval.body));
    scheme = approval.body[0]!;
    scheme = await step(actors.tokens.appraiser, scheme, 'contract', { contractNumber: `HĐ ${title}` });
    return step(actors.tokens.implementer, scheme, 'record_progress', { progressPercent: 60 });
  }

  it('matches the from-scratch aggregation over the demo data loaded in bulk', async () => {
    await expectTotalsEqualSources();
    await expectReportsExact([2021, 2022]);
  }, 120_000);

  it('matches after schemes are allocated, disbursed (concurrently), changed and settled through the API and a plan is adjusted', async () => {
    const { tokens, ids } = actors;
    const drafted = await client.create(tokens.implementer, {
      title: 'Chưa duyệt: chỉ đếm, chưa phân bổ',
      implementingUnitId: actors.centreId,
      contentGroupCode: 'CG4',
      subActivity: 'INDUSTRIAL_CLUSTER_WORKS',
      fundingSource: 'LOCAL',
      year: thisYear,
      provinceCode: 'gia-lai-2025',
      location: 'Ia Grai',
      budgetLines: [{ activityCode: 'INDUSTRIAL_CLUSTER_WORKS', description: 'Đường nội bộ', eligibleCost: 800_000_000, supportAmount: 400_000_000 }],
    });
    expect(drafted.status).toBe(201);
    let first = await localScheme('A', 1_000_000_000);
    let second = await localScheme('B', 600_000_000);
    await expectReportsExact([thisYear]);

    // Two schemes of one group disbursed at once, on the same day and on others.
    [first, second] = await Promise.all([
      step(tokens.implementer, first, 'record_disbursement', { kind: 'advance', amount: 300_000_000, paidOn: `${thisYear}-03-10` }),
      step(tokens.implementer, second, 'record_disbursement', { kind: 'advance', amount: 180_000_000, paidOn: `${thisYear}-03-10` }),
    ]);
    [first, second] = await Promise.all([
      step(tokens.implementer, first, 'record_disbursement', { kind: 'payment', amount: 500_000_000, paidOn: `${thisYear}-06-30` }),
      step(tokens.implementer, second, 'record_disbursement', { kind: 'payment', amount: 100_000_000, paidOn: `${thisYear}-07-01` }),
    ]);
    await expectTotalsEqualSources();
    await expectReportsExact([thisYear]);

    // An approved change lowers the allocation; then acceptance and settlement add the settlement disbursement.
    second = await step(tokens.implementer, second, 'request_change', { changeKind: 'adjust', reason: 'Giảm quy mô', newAllocatedAmount: 500_000_000 });
    second = await step(tokens.appraiser, second, 'approve_change');
    expect(second.allocatedAmount).toBe(500_000_000);
    first = await step(tokens.implementer, first, 'complete');
    first = await step(tokens.appraiser, first, 'assign_council', { members: [ids.member1, ids.member2, ids.chair], chair: ids.chair });
    first = await step(tokens.member1, first, 'vote', { vote: 'approve' });
    first = await step(tokens.member2, first, 'vote', { vote: 'approve' });
    first = await step(tokens.chair, first, 'vote', { vote: 'approve' });
    first = await step(tokens.appraiser, first, 'settle', { settledAmount: 950_000_000, settledOn: `${thisYear}-11-30` });
    expect(first.stage).toBe('closed');

    const plans = await client.call<{ items: { id: string; provinceCode: string | null; fundingSource: string; amount: number }[] }>(
      tokens.appraiser,
      'GET',
      `/api/plans?year=${thisYear}`,
    );
    const local = plans.body.items.find((plan) => plan.provinceCode === 'gia-lai-2025' && plan.fundingSource === 'LOCAL')!;
    const adjusted = await client.call(tokens.appraiser, 'POST', `/api/plans/${local.id}/adjustments`, {
      amount: local.amount + 250_000_000,
      reason: 'Bổ sung giữa năm',
    });
    expect(adjusted.status).toBe(201);
    await expectTotalsEqualSources();
    await expectReportsExact([thisYear]);
  }, 180_000);

  it('matches after the edits only SQL makes: a scheme moved, disbursements corrected and deleted, a scheme deleted', async () => {
    const db = api.database.dataSource;
    const [moved] = await db.query<{ id: string }[]>(
      `SELECT s.id FROM schemes s WHERE s.year = 2021 AND s.province_code = 'gia-lai' AND EXISTS (SELECT 1 FROM disbursements d WHERE d.scheme_id = s.id) LIMIT 1`,
    );
    await db.query(`UPDATE schemes SET province_code = 'kon-tum', funding_source_code = 'LOCAL', allocated_amount = allocated_amount + 7 WHERE id = $1`, [
      moved!.id,
    ]);
    await expectTotalsEqualSources();
    // Corrected in one statement: amounts and days of several disbursements, one moved to another scheme.
    await db.query(
      `UPDATE disbursements SET amount = amount + 1, paid_on = paid_on + 3 WHERE id IN (SELECT id FROM disbursements WHERE paid_on BETWEEN '2022-04-01' AND '2022-04-30' ORDER BY id LIMIT 5)`,
    );
    await db.query(
      `UPDATE disbursements SET scheme_id = (SELECT id FROM schemes WHERE year = 2022 AND province_code = 'dak-lak' ORDER BY id LIMIT 1)
        WHERE id = (SELECT id FROM disbursements d WHERE d.scheme_id IN (SELECT id FROM schemes WHERE year = 2022 AND province_code = 'gia-lai') ORDER BY id LIMIT 1)`,
    );
    await db.query(`DELETE FROM disbursements WHERE id IN (SELECT id FROM disbursements WHERE paid_on = '2021-11-20' ORDER BY id LIMIT 3)`);
    await expectTotalsEqualSources();
    // A scheme deleted with its disbursements (ON DELETE CASCADE).
    const [doomed] = await db.query<{ id: string }[]>(
      `SELECT s.id FROM schemes s WHERE s.year = 2022 AND EXISTS (SELECT 1 FROM disbursements d WHERE d.scheme_id = s.id) ORDER BY s.id LIMIT 1`,
    );
    await db.query(`DELETE FROM schemes WHERE id = $1`, [doomed!.id]);
    await expectTotalsEqualSources();
    await expectReportsExact([2021, 2022]);
  }, 180_000);
});
