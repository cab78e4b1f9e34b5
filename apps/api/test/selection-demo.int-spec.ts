import { WorkflowRunner } from '@khuyencong/workflow';
import { seedDemoUsers, loadDemoUsers } from '../src/demo/demo-users.js';
import { seedSelectionDemo } from '../src/demo/selection-demo.js';
import { seedCurrentYearDemo } from '../src/demo/current-year.js';
import { startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

describe('selection demo data', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  let loaded: Awaited<ReturnType<typeof seedSelectionDemo>>;
  let current: Awaited<ReturnType<typeof seedCurrentYearDemo>>;
  let seconds = 0;

  beforeAll(async () => {
    api = await startTestApi();
    h = http(api);
    const dataSource = api.database.dataSource;
    await api.app.get(WorkflowRunner).definitions.publishAll(dataSource.manager);
    await dataSource.transaction((manager) => seedDemoUsers(manager));
    const started = Date.now();
    loaded = await seedSelectionDemo(dataSource);
    seconds = (Date.now() - started) / 1000;
    current = await seedCurrentYearDemo(dataSource);
  }, 180_000);
  afterAll(() => api.close());

  const login = (name: string) => h.login(`${name}@khuyencong.vn`, loadDemoUsers().password);

  it('recognises 124 products or sets of 120 establishments from the 15 Central–Highlands provinces in one 2022 decision', async () => {
    expect(loaded).toMatchObject({ recognised: 124, establishments: 120 });
    console.log(`selection demo loaded in ${seconds.toFixed(1)} s`);
    const token = await login('cuc');
    const rounds = await h.call<{ items: { id: string; level: string; year: number }[] }>(token, 'GET', '/api/rounds?level=region&year=2022');
    const decision = await h.call<{
      number: string;
      productCount: number;
      establishmentCount: number;
      provinceCount: number;
      items: { certificateNumber: string }[];
    }>(token, 'GET', `/api/rounds/${rounds.body.items[0]!.id}/decision`);
    expect(decision.body).toMatchObject({ number: '245/QĐ-CĐP', productCount: 124, establishmentCount: 120, provinceCount: 15 });
    expect(decision.body.items[0]!.certificateNumber).toBe('KV-2022-0001');
    expect(decision.body.items.at(-1)!.certificateNumber).toBe('KV-2022-0124');
    const results = await h.call<{ items: { stage: string }[] }>(token, 'GET', `/api/rounds/${rounds.body.items[0]!.id}/results`);
    expect(results.body.items.filter((item) => item.stage === 'not_recognised').length).toBeGreaterThan(0);
    // Valid to 31 Dec 2025: past that the public check reads expired.
    expect((await h.call(null, 'GET', '/api/public/certificates/KV-2022-0001')).body).toMatchObject({ validUntil: '2025-12-31' });
  });

  it('writes the history through the pipeline: every instance’s hash chain verifies', async () => {
    const token = await login('admin');
    const [instance] = await api.database.dataSource.query<{ id: string }[]>(`SELECT instance_id AS id FROM certificates ORDER BY number LIMIT 1`);
    expect((await h.call(token, 'GET', `/api/instances/${instance!.id}/chain`)).body).toMatchObject({ ok: true });
  });

  it('leaves work waiting in the 2024 round for the applicant, officer, judges, council and signer', async () => {
    for (const name of ['coso', 'so.gialai', 'giamkhao2', 'giamkhao3', 'hoidong2', 'chutich', 'lanhdao.gialai']) {
      const inbox = await h.call<{ items: unknown[] }>(await login(name), 'GET', '/api/inbox');
      expect([name, inbox.body.items.length > 0]).toEqual([name, true]);
    }
  });

  it("signs the demo accounts in to today's units and leaves 2026 work in a commune round of xã Ia Ly and a round of today's Gia Lai", async () => {
    const grants = await api.database.dataSource.query<{ email: string; scope_id: string }[]>(
      `SELECT u.email, g.scope_id FROM users u JOIN role_grants g ON g.user_id = u.id WHERE u.email IN ('so.gialai@khuyencong.vn', 'lanhdao.gialai@khuyencong.vn', 'so.daklak@khuyencong.vn', 'xa.ialy@khuyencong.vn') ORDER BY u.email`,
    );
    expect(grants).toEqual([
      { email: 'lanhdao.gialai@khuyencong.vn', scope_id: 'gia-lai-2025' },
      { email: 'so.daklak@khuyencong.vn', scope_id: 'dak-lak-2025' },
      { email: 'so.gialai@khuyencong.vn', scope_id: 'gia-lai-2025' },
      { email: 'xa.ialy@khuyencong.vn', scope_id: '23734' },
    ]);
    const [establishment] = await api.database.dataSource.query<{ province_code: string; commune_code: string }[]>(
      `SELECT province_code, commune_code FROM organisations WHERE id = $1`,
      [loadDemoUsers().establishment.id],
    );
    expect(establishment).toEqual({ province_code: 'gia-lai-2025', commune_code: '23734' });
    expect(current).toEqual({ communeEntries: 3, provinceEntries: 2, schemes: 3 });
    const commune = await login('xa.ialy');
    const rounds = await h.call<{ items: { level: string; year: number; scopeCode: string }[] }>(commune, 'GET', '/api/rounds?year=2026');
    expect(rounds.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'commune', year: 2026, scopeCode: '23734' })]));
    for (const name of ['xa.ialy', 'so.gialai', 'coso', 'giamkhao1', 'giamkhao2']) {
      const inbox = await h.call<{ items: { roundYear?: number }[] }>(await login(name), 'GET', '/api/inbox');
      expect([name, inbox.body.items.length > 0]).toEqual([name, true]);
    }
    const schemes = await api.database.dataSource.query<{ programme_code: string; province_code: string }[]>(
      `SELECT DISTINCT programme_code, province_code FROM schemes WHERE year = 2026`,
    );
    expect(schemes).toEqual([{ programme_code: 'NKP-2026-2030', province_code: 'gia-lai-2025' }]);
  });

  it('does nothing when run again', async () => {
    expect(await seedCurrentYearDemo(api.database.dataSource)).toBeNull();
    expect(await seedSelectionDemo(api.database.dataSource)).toBeNull();
  });
});
