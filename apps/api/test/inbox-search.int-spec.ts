import { startTestApi, type TestApi } from './harness.js';
import { inboxWorld, type InboxWorld } from './inbox-support.js';
import { http } from './selection-support.js';

interface Item {
  taskId: string;
  instanceId: string;
  title: string | null;
  subjectName: string | null;
  roundName: string | null;
  stage: string;
  stageLabelKey: string;
  claimable: boolean;
  claimedBy: { name: string } | null;
  receivedAt: string;
}
interface Page {
  items: Item[];
  total?: number;
  page?: number;
  nextCursor: string | null;
  code?: string;
}

describe('inbox: search, filters, sort and pages', () => {
  let api: TestApi;
  let world: InboxWorld;
  let call: ReturnType<typeof http>['call'];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    call = http(api).call;
    world = await inboxWorld(api, 'search');
    ids.coffee = await world.screeningEntry('gia-lai-2025', 'Cà phê bột Ia Grai', 'Hợp tác xã Nông nghiệp Ia Grai');
    ids.brocade = await world.screeningEntry('gia-lai-2025', 'Thổ cẩm Jrai', 'Cơ sở Dệt Plei Ơi');
    ids.honey = await world.screeningEntry('gia-lai-2025', 'Mật ong Kbang', 'Cơ sở Ong mật Đak Rông');
    ids.ricecake = await world.screeningEntry('dak-lak-2025', 'Bánh tráng Buôn Ma Thuột', 'Cơ sở Bánh tráng Ea Tam');
  });
  afterAll(() => api.close());

  const inbox = (token: string, query: Record<string, string | number>) =>
    call<Page>(token, 'GET', `/api/inbox?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`);

  it('finds a task by product name without accents or case, and names the product, establishment, round and stage', async () => {
    const found = await inbox(world.users.gialai.token, { q: 'CA PHE' });
    expect(found.status).toBe(200);
    expect(found.body.total).toBe(1);
    expect(found.body.items[0]).toMatchObject({
      instanceId: ids.coffee,
      title: 'Cà phê bột Ia Grai',
      subjectName: 'Hợp tác xã Nông nghiệp Ia Grai',
      roundName: 'Bình chọn cấp tỉnh Gia Lai search',
      stage: 'screening',
      stageLabelKey: 'stage.screening',
      claimable: true,
      claimedBy: null,
    });
    expect((await inbox(world.users.gialai.token, { q: 'dệt plei' })).body.items.map((item) => item.instanceId)).toEqual([ids.brocade]);
    expect((await inbox(world.users.gialai.token, { q: 'dak rong' })).body.items.map((item) => item.instanceId)).toEqual([ids.honey]);
    expect((await inbox(world.users.gialai.token, { q: 'gia lai search' })).body.total).toBe(3);
    expect((await inbox(world.users.gialai.token, { q: '%' })).body.total).toBe(0);
  });

  it('keeps each province to its own tasks; an officer of both provinces finds both', async () => {
    expect((await inbox(world.users.daklak.token, { q: 'ca phe' })).body.total).toBe(0);
    expect((await inbox(world.users.daklak.token, { q: 'banh trang' })).body.items.map((item) => item.instanceId)).toEqual([ids.ricecake]);
    expect((await inbox(world.users.gialai.token, { q: 'banh trang' })).body.total).toBe(0);
    const both = await inbox(world.users.both.token, { kind: 'entry' });
    expect(both.body.total).toBe(4);
    expect(new Set(both.body.items.map((item) => item.instanceId))).toEqual(new Set(Object.values(ids)));
    expect((await inbox(world.users.cuc.token, { page: 1 })).body.total).toBe(0);
  });

  it('filters by kind, stage and claim, and refuses a cursor mixed with a search', async () => {
    expect((await inbox(world.users.gialai.token, { kind: 'scheme' })).body.total).toBe(0);
    expect((await inbox(world.users.gialai.token, { kind: 'entry', stage: 'screening' })).body.total).toBe(3);
    expect((await inbox(world.users.gialai.token, { stage: 'scoring', page: 1 })).body.total).toBe(0);
    expect((await inbox(world.users.gialai.token, { deadline: 'overdue', page: 1 })).body.total).toBe(0);
    const honeyTask = (await inbox(world.users.gialai.token, { q: 'mat ong' })).body.items[0]!;
    expect((await call(world.users.gialai2.token, 'POST', `/api/inbox/${honeyTask.taskId}/claim`)).status).toBe(200);
    expect((await inbox(world.users.gialai.token, { claim: 'unclaimed' })).body.total).toBe(2);
    expect((await inbox(world.users.gialai.token, { claim: 'others' })).body.items.map((item) => [item.instanceId, item.claimedBy?.name])).toEqual([
      [ids.honey, world.users.gialai2.name],
    ]);
    expect((await inbox(world.users.gialai.token, { claim: 'mine' })).body.total).toBe(0);
    expect((await inbox(world.users.gialai2.token, { claim: 'mine' })).body.items.map((item) => item.instanceId)).toEqual([ids.honey]);
    expect((await call(world.users.gialai2.token, 'POST', `/api/inbox/${honeyTask.taskId}/release`)).status).toBe(200);
    const mixed = await inbox(world.users.gialai.token, { q: 'ca', cursor: 'abc' });
    expect(mixed.status).toBe(400);
    expect(mixed.body.code).toBe('MALFORMED_REQUEST');
    expect((await inbox(world.users.gialai.token, { sort: 'oldest' })).status).toBe(400);
  });

  it('sorts by name and by arrival, and pages with a total', async () => {
    const byName = await inbox(world.users.gialai.token, { sort: 'name' });
    expect(byName.body.items.map((item) => item.title)).toEqual(['Cà phê bột Ia Grai', 'Mật ong Kbang', 'Thổ cẩm Jrai']);
    const received = await inbox(world.users.gialai.token, { sort: 'received' });
    const times = received.body.items.map((item) => Date.parse(item.receivedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const first = await inbox(world.users.gialai.token, { sort: 'name', limit: 2, page: 1 });
    const second = await inbox(world.users.gialai.token, { sort: 'name', limit: 2, page: 2 });
    expect([first.body.total, first.body.page, first.body.items.length]).toEqual([3, 1, 2]);
    expect([second.body.total, second.body.page, second.body.items.map((item) => item.title)]).toEqual([3, 2, ['Thổ cẩm Jrai']]);
    const beyond = await inbox(world.users.gialai.token, { sort: 'name', limit: 2, page: 9 });
    expect([beyond.body.total, beyond.body.items.length]).toEqual([3, 0]);
  });

  it('still answers the original cursor walk, with the new names on each row', async () => {
    const walk = await inbox(world.users.gialai.token, { limit: 2 });
    expect(walk.status).toBe(200);
    expect(walk.body.total).toBeUndefined();
    expect(walk.body.items).toHaveLength(2);
    expect(walk.body.nextCursor).not.toBeNull();
    const rest = await inbox(world.users.gialai.token, { limit: 2, cursor: walk.body.nextCursor! });
    const all = [...walk.body.items, ...rest.body.items];
    expect(new Set(all.map((item) => item.instanceId))).toEqual(new Set([ids.coffee, ids.brocade, ids.honey]));
    expect(all.every((item) => item.title && item.subjectName && item.roundName)).toBe(true);
  });
});
