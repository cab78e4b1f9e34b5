// Issue 15: every dossier carries a tracking code, the round's code and a sequence, that PostgreSQL assigns on insert:
// unique and gapless in a round when entries are created at once, a failed insert frees its number, entries made
// before the migration are numbered by creation time, and the entry page, the list and the inbox show and find it.
import { MIGRATIONS } from '@khuyencong/persistence';
import { type TestApi } from './harness.js';
import { startWithPeople, type http } from './selection-support.js';

const PASSWORD = 'Mat-khau-2026';
const DAY = 86_400_000;
const year = new Date().getFullYear();
/** Today's Gia Lai has official code 52 (the reference list of 2026). */
const PREFIX = `${year}-T-52`;
const code = (n: number) => `${PREFIX}-${String(n).padStart(4, '0')}`;

interface Entry {
  instanceId: string;
  code: string;
}

describe('entry tracking codes', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  let t: Record<string, string> = {};
  let roundId = '';
  let establishmentId = '';

  beforeAll(async () => {
    ({ api, h, t } = await startWithPeople(
      [
        ['applicant', []],
        ['gialai', [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
        ['daklak', [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'dak-lak-2025' }]],
      ],
      PASSWORD,
      'codes.',
    ));
    const window = { registrationOpensAt: new Date(Date.now() - DAY).toISOString(), registrationClosesAt: new Date(Date.now() + 30 * DAY).toISOString() };
    const round = await h.call<{ id: string }>(t.gialai!, 'POST', '/api/rounds', {
      name: 'Bình chọn mã hồ sơ',
      level: 'province',
      year,
      scopeCode: 'gia-lai-2025',
      passThreshold: 70,
      spreadLimit: 10,
      ...window,
    });
    expect(round.status).toBe(201);
    roundId = round.body.id;
    expect((await h.call(t.gialai!, 'POST', `/api/rounds/${roundId}/status`, { status: 'open' })).status).toBe(200);
    const establishment = await h.call<{ id: string }>(t.applicant!, 'POST', '/api/establishments', {
      name: 'Cơ sở dệt thổ cẩm Ia Ly',
      legalForm: 'household_business',
      registrationNumber: '40A8-5252',
      communeCode: '23734',
      provinceCode: 'gia-lai-2025',
    });
    expect(establishment.status).toBe(201);
    establishmentId = establishment.body.id;
    expect((await h.call(t.gialai!, 'POST', `/api/establishments/${establishmentId}/verify`)).status).toBe(200);
  }, 120_000);
  afterAll(() => api.close());

  const create = (productName: string) =>
    h.call<Entry>(t.applicant!, 'POST', `/api/rounds/${roundId}/entries`, { establishmentId, productName, productGroup: 'HANDICRAFT' });

  it('numbers twelve entries created at once 0001 to 0012 under the round code of today’s Gia Lai', async () => {
    const created = await Promise.all(Array.from({ length: 12 }, (_, n) => create(`Khăn thổ cẩm mẫu ${n + 1}`)));
    expect(created.map((reply) => reply.status)).toEqual(Array<number>(12).fill(201));
    expect(created.map((reply) => reply.body.code).sort()).toEqual(Array.from({ length: 12 }, (_, n) => code(n + 1)));
  });

  it('gives a failed insert’s number to the next entry (no gap)', async () => {
    const { dataSource } = api.database;
    const [first] = await dataSource.query<{ instance_id: string }[]>(`SELECT instance_id FROM entries WHERE code = $1`, [code(1)]);
    // The same instance twice: the trigger has counted when the primary key refuses the row; the counter rolls back.
    await expect(
      dataSource.query(
        `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group) VALUES ($1, $2, $3, 'Trùng', 'HANDICRAFT')`,
        [first!.instance_id, roundId, establishmentId],
      ),
    ).rejects.toMatchObject({ code: '23505' });
    const next = await create('Váy thổ cẩm Jrai');
    expect([next.status, next.body.code]).toEqual([201, code(13)]);
  });

  it('shows the code on the entry and finds the entry by it in the list and the inbox, typed in any case', async () => {
    const [entry] = await api.database.dataSource.query<{ instance_id: string }[]>(`SELECT instance_id FROM entries WHERE code = $1`, [code(7)]);
    const view = await h.call<Entry>(t.applicant!, 'GET', `/api/entries/${entry!.instance_id}`);
    expect([view.status, view.body.code]).toEqual([200, code(7)]);

    const list = await h.call<{ items: (Entry & { productName: string })[]; total: number }>(
      t.gialai!,
      'GET',
      `/api/entries?q=${encodeURIComponent(code(7).toLowerCase())}`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((item) => [item.instanceId, item.code])).toEqual([[entry!.instance_id, code(7)]]);
    // The round's code finds the round's entries; another province's officer finds none of them.
    const round = await h.call<{ items: Entry[]; total: number }>(t.gialai!, 'GET', `/api/entries?q=${PREFIX}&limit=100`);
    expect(round.body.total).toBe(13);
    const other = await h.call<{ items: Entry[]; total: number }>(t.daklak!, 'GET', `/api/entries?q=${PREFIX}`);
    expect([other.status, other.body.total]).toEqual([200, 0]);
    // A wildcard is a character, not "anything".
    const wildcard = await h.call<{ total: number }>(t.gialai!, 'GET', `/api/entries?q=${encodeURIComponent(`${year}-T-5%`)}`);
    expect(wildcard.body.total).toBe(0);

    // The applicant's draft is a task of theirs: the inbox row carries the code and the search finds it.
    const inbox = await h.call<{ items: { instanceId: string; entryCode: string | null }[] }>(t.applicant!, 'GET', `/api/inbox?q=${code(7)}&kind=entry`);
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((item) => [item.instanceId, item.entryCode])).toEqual([[entry!.instance_id, code(7)]]);
  });

  it('numbers existing entries by creation time when the migration runs on them', async () => {
    const { dataSource } = api.database;
    const before = await dataSource.query<{ instance_id: string; code: string }[]>(`SELECT instance_id, code FROM entries ORDER BY created_at, instance_id`);
    expect(before).toHaveLength(13);
    // The migration taken back and run again, as on a database that had entries before it (later migrations stay).
    const EntryCodes = MIGRATIONS.find((migration) => migration.name === 'EntryCodes1764106800000')!;
    const runner = dataSource.createQueryRunner();
    try {
      await new EntryCodes().down(runner);
      await new EntryCodes().up(runner);
    } finally {
      await runner.release();
    }
    const after = await dataSource.query<{ instance_id: string; code: string }[]>(`SELECT instance_id, code FROM entries ORDER BY created_at, instance_id`);
    expect(after.map((row) => row.instance_id)).toEqual(before.map((row) => row.instance_id));
    expect(after.map((row) => row.code)).toEqual(Array.from({ length: 13 }, (_, n) => code(n + 1)));
    // The counter goes on after the backfill.
    const next = await create('Túi thổ cẩm');
    expect([next.status, next.body.code]).toEqual([201, code(14)]);
  });
});
