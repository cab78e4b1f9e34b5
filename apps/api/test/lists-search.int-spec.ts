// Issue 14: the entry, establishment, certificate and scheme lists search (accent-insensitive), filter, sort and
// page on the server, within the caller's scope; bad sort columns and page sizes are refused with a code.
import { WorkflowRunner } from '@khuyencong/workflow';
import { fold } from '../src/common/people.js';
import { loadDemoUsers, seedDemoUsers } from '../src/demo/demo-users.js';
import { seedFinanceDemo } from '../src/demo/finance.js';
import { seedCurrentYearDemo } from '../src/demo/current-year.js';
import { seedSelectionDemo } from '../src/demo/selection-demo.js';
import { startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

interface Page<T> {
  items: T[];
  total: number;
}
interface Entry {
  instanceId: string;
  productName: string;
  establishmentName: string;
  provinceCode: string | null;
  stage: string;
  roundYear: number;
  dueAt: string | null;
  deadline: string;
}
interface Scheme {
  code: string;
  title: string;
  provinceCode: string;
  fundingSource: string;
  contentGroupCode: string;
  year: number;
  requestedAmount: number;
}

/** The provinces an officer of today's Gia Lai covers: today's and the two it succeeded. */
const GIA_LAI = ['gia-lai-2025', 'gia-lai', 'binh-dinh'];

describe('lists with server-side search, filters, sort and paging', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const tokens = new Map<string, string>();
  const as = async (name: string) => {
    if (!tokens.has(name)) tokens.set(name, await h.login(`${name}@khuyencong.vn`, loadDemoUsers().password));
    return tokens.get(name)!;
  };
  const get = async <T>(name: string, path: string) => {
    const reply = await h.call<T>(await as(name), 'GET', path);
    expect([path, reply.status]).toEqual([path, 200]);
    return reply.body;
  };

  beforeAll(async () => {
    api = await startTestApi();
    h = http(api);
    const { dataSource } = api.database;
    await api.app.get(WorkflowRunner).definitions.publishAll(dataSource.manager);
    await dataSource.transaction((manager) => seedDemoUsers(manager));
    await dataSource.transaction((manager) => seedFinanceDemo(manager));
    await seedSelectionDemo(dataSource);
    await seedCurrentYearDemo(dataSource);
  }, 240_000);
  afterAll(() => api.close());

  it('finds entries by a product name typed without accents, only in the officer’s province', async () => {
    const gialai = await get<Page<Entry>>('so.gialai', '/api/entries?q=ca%20phe&limit=500');
    expect(gialai.items.length).toBeGreaterThan(0);
    expect(gialai.total).toBe(gialai.items.length);
    for (const item of gialai.items) {
      expect(`${fold(item.productName)} ${fold(item.establishmentName)}`).toContain('ca phe');
      expect(GIA_LAI).toContain(item.provinceCode);
    }
    const daklak = await get<Page<Entry>>('so.daklak', '/api/entries?q=C%C3%A0%20ph%C3%AA&limit=500');
    expect(daklak.items.length).toBeGreaterThan(0);
    for (const item of daklak.items) expect(item.provinceCode).toMatch(/^dak-lak|^dak-nong|^phu-yen/);
    const shared = daklak.items.filter((item) => gialai.items.some((other) => other.instanceId === item.instanceId));
    expect(shared).toEqual([]);
  });

  it('filters entries by year and stage, sorts both ways and pages without overlap', async () => {
    const all = await get<Page<Entry>>('cuc', '/api/entries?year=2022&limit=500');
    expect(all.items.every((item) => item.roundYear === 2022)).toBe(true);
    const stage = all.items[0]!.stage;
    const staged = await get<Page<Entry>>('cuc', `/api/entries?year=2022&stage=${stage}&limit=500`);
    expect(staged.total).toBe(all.items.filter((item) => item.stage === stage).length);
    expect(staged.items.every((item) => item.stage === stage)).toBe(true);

    const ascending = await get<Page<Entry>>('cuc', '/api/entries?sort=stage&order=asc&limit=500');
    const stages = ascending.items.map((item) => item.stage);
    expect(stages).toEqual([...stages].sort());
    const descending = await get<Page<Entry>>('cuc', '/api/entries?sort=stage&order=desc&limit=500');
    expect(descending.items.map((item) => item.stage)).toEqual([...stages].sort().reverse());

    const first = await get<Page<Entry>>('cuc', '/api/entries?sort=product&limit=5&offset=0');
    const second = await get<Page<Entry>>('cuc', '/api/entries?sort=product&limit=5&offset=5');
    expect(first.items).toHaveLength(5);
    expect(second.items).toHaveLength(5);
    expect(first.total).toBe(ascending.total);
    expect(second.items.some((item) => first.items.some((other) => other.instanceId === item.instanceId))).toBe(false);
    const together = await get<Page<Entry>>('cuc', '/api/entries?sort=product&limit=10');
    expect(together.items.map((item) => item.instanceId)).toEqual([...first.items, ...second.items].map((item) => item.instanceId));
    // Past the last page: no rows, the total still told.
    const beyond = await get<Page<Entry>>('cuc', `/api/entries?offset=${ascending.total + 10}`);
    expect(beyond).toEqual({ items: [], total: ascending.total, totalCapped: false });
  });

  it('filters entries by deadline state as the inbox reads it', async () => {
    const none = await get<Page<Entry>>('so.gialai', '/api/entries?deadline=none&limit=500');
    expect(none.items.every((item) => item.deadline === 'none')).toBe(true);
    const due = await get<Page<Entry>>('so.gialai', '/api/entries?sort=due&limit=500');
    const dated = due.items.filter((item) => item.dueAt !== null).map((item) => item.dueAt!);
    expect(dated).toEqual([...dated].sort());
    // Entries without a deadline come last.
    expect(due.items.slice(dated.length).every((item) => item.dueAt === null)).toBe(true);
  });

  it('shows an applicant only their own entries and establishments, however they search', async () => {
    const own = await get<Page<Entry & { establishmentId: string }>>('coso', '/api/entries?limit=500');
    const establishments = await get<Page<{ id: string }>>('coso', '/api/establishments?q=a');
    const mine = new Set(establishments.items.map((item) => item.id));
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((item) => mine.has(item.establishmentId))).toBe(true);
    const searched = await get<Page<Entry>>('coso', '/api/entries?q=ca%20phe&limit=500');
    expect(searched.items.every((item) => own.items.some((other) => other.instanceId === item.instanceId))).toBe(true);
  });

  it('finds an establishment by part of its tax code and pages the province’s establishments by name', async () => {
    const { dataSource } = api.database;
    const [target] = await dataSource.query<{ id: string }[]>(
      `SELECT id FROM organisations WHERE type = 'establishment' AND province_code = ANY($1) ORDER BY name LIMIT 1`,
      [GIA_LAI],
    );
    await dataSource.query(`UPDATE organisations SET tax_code = '5900123456' WHERE id = $1`, [target!.id]);
    const found = await get<Page<{ id: string; taxCode: string }>>('so.gialai', '/api/establishments?q=0123456');
    expect(found.items.map((item) => item.id)).toEqual([target!.id]);
    expect(found.total).toBe(1);
    expect((await get<Page<unknown>>('so.daklak', '/api/establishments?q=0123456')).total).toBe(0);
    const page = await get<Page<{ name: string; provinceCode: string }>>('so.gialai', '/api/establishments?sort=name&order=desc&limit=3&offset=1');
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThan(4);
    expect(page.items.every((item) => GIA_LAI.includes(item.provinceCode))).toBe(true);
    const whole = await get<Page<{ name: string }>>('so.gialai', '/api/establishments?sort=name&order=desc&limit=4');
    expect(page.items.map((item) => item.name)).toEqual(whole.items.slice(1).map((item) => item.name));
  });

  it('finds certificates by part of the number or by the product without accents, in scope', async () => {
    const byNumber = await get<Page<{ number: string; provinceCode: string }>>('cuc', '/api/certificates?q=2022-000&sort=number');
    expect(byNumber.items.map((item) => item.number)).toEqual([
      'KV-2022-0001',
      'KV-2022-0002',
      'KV-2022-0003',
      'KV-2022-0004',
      'KV-2022-0005',
      'KV-2022-0006',
      'KV-2022-0007',
      'KV-2022-0008',
      'KV-2022-0009',
    ]);
    const coffee = await get<Page<{ productName: string; establishmentName: string; provinceCode: string; year: number }>>(
      'so.daklak',
      '/api/certificates?q=ca%20phe&year=2022&level=region',
    );
    expect(coffee.total).toBeGreaterThan(0);
    for (const item of coffee.items) {
      expect(`${fold(item.productName)} ${fold(item.establishmentName)}`).toContain('ca phe');
      expect(GIA_LAI).not.toContain(item.provinceCode);
      expect(item.year).toBe(2022);
    }
    const paged = await get<Page<{ number: string }>>('cuc', '/api/certificates?sort=number&order=desc&limit=2&offset=2');
    expect(paged.items.map((item) => item.number)).toEqual(['KV-2022-0122', 'KV-2022-0121']);
    expect(paged.total).toBeGreaterThanOrEqual(124);
  });

  it('filters schemes by funding source and content group, finds them by a title without accents, sorts by amount', async () => {
    const filtered = await get<Page<Scheme>>('cuc', '/api/schemes?fundingSource=LOCAL&contentGroupCode=CG1&limit=200');
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.items.every((item) => item.fundingSource === 'LOCAL' && item.contentGroupCode === 'CG1')).toBe(true);
    const word = fold(filtered.items[0]!.title).split(' ')[0]!;
    const searched = await get<Page<Scheme>>('cuc', `/api/schemes?q=${encodeURIComponent(word)}&limit=200`);
    expect(searched.total).toBeGreaterThan(0);
    expect(searched.items.every((item) => fold(`${item.title} ${item.code}`).includes(word))).toBe(true);
    const byAmount = await get<Page<Scheme>>('cuc', '/api/schemes?sort=requested&order=desc&limit=50');
    const amounts = byAmount.items.map((item) => item.requestedAmount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const gialai = await get<Page<Scheme>>('so.gialai', '/api/schemes?limit=200');
    expect(gialai.items.every((item) => GIA_LAI.includes(item.provinceCode))).toBe(true);
    const daklak = await get<Page<Scheme>>('so.daklak', '/api/schemes?limit=200');
    expect(daklak.items.some((item) => GIA_LAI.includes(item.provinceCode))).toBe(false);
  });

  it.each([
    ['/api/entries?sort=password_hash'],
    ['/api/entries?order=sideways'],
    ['/api/entries?limit=0'],
    ['/api/entries?limit=100000'],
    ['/api/entries?offset=-1'],
    ['/api/entries?deadline=yesterday'],
    ['/api/establishments?sort=created_at;DROP'],
    ['/api/certificates?sort=id'],
    ['/api/certificates?limit=501'],
    ['/api/schemes?sort=s.id'],
    ['/api/schemes?limit=201'],
    ['/api/schemes?contentGroupCode=X'],
  ])('refuses %s with 400 MALFORMED_REQUEST', async (path) => {
    const reply = await h.call<{ code: string; message: string }>(await as('cuc'), 'GET', path);
    expect([reply.status, reply.body.code]).toEqual([400, 'MALFORMED_REQUEST']);
    expect(reply.body.message).toMatch(/không hợp lệ/);
  });

  it('counts up to 1,000 matches and then says "more than", the page itself unaffected', async () => {
    // 1,005 establishments of today's Gia Lai whose names share a word, 3 of them with a second one.
    await api.database.dataSource.query(
      `INSERT INTO organisations (type, name, province_code, commune_code, tax_code)
       SELECT 'establishment', 'Cơ sở gốm Bàu Trúc ' || n || CASE WHEN n <= 3 THEN ' men lam' ELSE '' END, 'gia-lai-2025', '23734', '99' || lpad(n::text, 8, '0')
         FROM generate_series(1, 1005) AS n`,
    );
    const many = await get<Page<{ name: string }> & { totalCapped: boolean }>('so.gialai', '/api/establishments?q=gom%20bau%20truc&limit=20&offset=980');
    expect([many.total, many.totalCapped, many.items.length]).toEqual([1000, true, 20]);
    const few = await get<Page<{ name: string }> & { totalCapped: boolean }>('so.gialai', '/api/establishments?q=men%20lam');
    expect([few.total, few.totalCapped, few.items.map((item) => item.name).sort()]).toEqual([
      3,
      false,
      ['Cơ sở gốm Bàu Trúc 1 men lam', 'Cơ sở gốm Bàu Trúc 2 men lam', 'Cơ sở gốm Bàu Trúc 3 men lam'],
    ]);
    // Another province's officer is not told they exist.
    const other = await get<Page<{ name: string }> & { totalCapped: boolean }>('so.daklak', '/api/establishments?q=gom%20bau%20truc');
    expect([other.total, other.totalCapped]).toEqual([0, false]);
  });
});
