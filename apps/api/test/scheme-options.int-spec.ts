// The choices behind the scheme form and its stage actions: implementing units, rules in force, council people — by
// name, within the caller's scope.
import { startTestApi, type TestApi } from './harness.js';
import { schemeClient, setUpSchemeActors, type SchemeActors } from './schemes-support.js';

const thisYear = new Date().getUTCFullYear();

describe('scheme form options', () => {
  let api: TestApi;
  let actors: SchemeActors;
  let client: ReturnType<typeof schemeClient>;

  beforeAll(async () => {
    api = await startTestApi();
    actors = await setUpSchemeActors(api);
    client = schemeClient(api);
  }, 60_000);
  afterAll(() => api.close());

  it('lists the implementing units of the officer’s province by name, and hides another province’s (404)', async () => {
    const own = await client.call<{ items: { id: string; name: string; type: string }[] }>(
      actors.tokens.implementer,
      'GET',
      '/api/schemes/implementing-units?provinceCode=gia-lai-2025',
    );
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([{ id: actors.centreId, name: 'Trung tâm Khuyến công Gia Lai', type: 'provincial_centre' }]);
    const foreign = await client.call<{ code: string }>(actors.tokens.foreign, 'GET', '/api/schemes/implementing-units?provinceCode=gia-lai-2025');
    expect(foreign).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    const signer = await client.call<{ code: string }>(actors.tokens.signer, 'GET', '/api/schemes/implementing-units?provinceCode=gia-lai-2025');
    expect(signer.status).toBe(403);
    const missing = await client.call<{ code: string }>(actors.tokens.implementer, 'GET', '/api/schemes/implementing-units');
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBeTruthy();
  });

  it('gives the caps, advance rules and deadline in force on the scheme’s date — the ones the create route applies', async () => {
    const national = await client.call<{
      supportRules: { code: string; activityCode: string; maxPercent: number | null; maxAmount: number | null; per: string | null; citation: string }[];
      advanceRules: { activityCode: string; maxPercent: number; progressAbove: number | null }[];
      registrationDeadline: { deadline: string } | null;
    }>(actors.tokens.implementer, 'GET', `/api/schemes/rules?provinceCode=gia-lai-2025&year=${thisYear + 2}&fundingSource=NATIONAL`);
    expect(national.status).toBe(200);
    expect(national.body.supportRules.find((rule) => rule.activityCode === 'DEMONSTRATION_MODEL')).toMatchObject({
      code: 'TT28-2018-NATIONAL-DEMONSTRATION_MODEL',
      maxPercent: 30,
      maxAmount: 1_000_000_000,
      per: 'model',
    });
    expect(national.body.advanceRules.find((rule) => rule.activityCode === 'TRAINING')).toMatchObject({ maxPercent: 70, progressAbove: null });
    expect(national.body.advanceRules.find((rule) => rule.activityCode === 'INDUSTRIAL_CLUSTER_WORKS')).toMatchObject({ maxPercent: 30, progressAbove: 50 });
    expect(national.body.registrationDeadline?.deadline).toBe(`${thisYear + 1}-05-20`);
    const local = await client.call<{ registrationDeadline: unknown }>(
      actors.tokens.signer,
      'GET',
      `/api/schemes/rules?provinceCode=gia-lai-2025&year=${thisYear}&fundingSource=LOCAL`,
    );
    expect(local).toMatchObject({ status: 200, body: { registrationDeadline: null } });
    expect((await client.call(actors.tokens.foreign, 'GET', `/api/schemes/rules?provinceCode=gia-lai-2025&year=${thisYear}&fundingSource=LOCAL`)).status).toBe(
      404,
    );
    const bad = await client.call<{ code: string }>(
      actors.tokens.implementer,
      'GET',
      `/api/schemes/rules?provinceCode=gia-lai-2025&year=1999&fundingSource=LOCAL`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBeTruthy();
  });

  it('names the council people who may accept a scheme, only for officers who see the scheme', async () => {
    const created = await client.create(actors.tokens.implementer, {
      title: 'Tập huấn khởi nghiệp',
      implementingUnitId: actors.centreId,
      contentGroupCode: 'CG5',
      subActivity: 'TRAINING',
      fundingSource: 'LOCAL',
      year: thisYear,
      provinceCode: 'gia-lai-2025',
      location: 'Pleiku',
      budgetLines: [{ activityCode: 'TRAINING', description: 'Hai lớp tập huấn', eligibleCost: 100_000_000, supportAmount: 80_000_000 }],
    });
    expect(created.status).toBe(201);
    const members = await client.call<{ items: { id: string; displayName: string }[] }>(
      actors.tokens.appraiser,
      'GET',
      `/api/schemes/${created.body.id}/eligible-people?role=council_member`,
    );
    expect(members.status).toBe(200);
    expect(members.body.items.map((person) => person.id).sort()).toEqual([actors.ids.member1, actors.ids.member2].sort());
    const chairs = await client.call<{ items: { id: string }[] }>(
      actors.tokens.appraiser,
      'GET',
      `/api/schemes/${created.body.id}/eligible-people?role=council_chair&q=chutich`,
    );
    expect(chairs.body.items.map((person) => person.id)).toEqual([actors.ids.chair]);
    expect((await client.call(actors.tokens.foreign, 'GET', `/api/schemes/${created.body.id}/eligible-people?role=council_member`)).status).toBe(404);
    expect((await client.call(actors.tokens.appraiser, 'GET', `/api/schemes/${created.body.id}/eligible-people?role=judge`)).status).toBe(400);
    expect((await client.call(actors.tokens.appraiser, 'GET', `/api/schemes/not-a-uuid/eligible-people?role=council_member`)).status).toBe(400);
  });

  it('names the line a refusal concerns, so the form can show it beside that line (422, nothing written)', async () => {
    const before = await api.database.dataSource.query<{ count: number }[]>(`SELECT COUNT(*)::int AS count FROM schemes`);
    const refused = await client.call<{ code: string; rule: { code: string; basis: string }; details: { line: number; exceeds: string } }>(
      actors.tokens.implementer,
      'POST',
      '/api/schemes',
      {
        title: 'Tư vấn mẫu mã',
        implementingUnitId: actors.centreId,
        contentGroupCode: 'CG5',
        subActivity: 'CONSULTING',
        fundingSource: 'LOCAL',
        year: thisYear,
        provinceCode: 'gia-lai-2025',
        location: 'Pleiku',
        budgetLines: [
          { activityCode: 'CONSULTING', description: 'Tư vấn', eligibleCost: 50_000_000, supportAmount: 40_000_000 },
          { activityCode: 'TRAINING', description: 'Tập huấn', eligibleCost: 10_000_000, supportAmount: 12_000_000 },
        ],
      },
    );
    expect(refused).toMatchObject({
      status: 422,
      body: { code: 'SUPPORT_ABOVE_COST', rule: { code: 'SUPPORT_LE_COST' }, details: { line: 2, exceeds: 'cost' } },
    });
    expect(await api.database.dataSource.query(`SELECT COUNT(*)::int AS count FROM schemes`)).toEqual(before);
  });
});
