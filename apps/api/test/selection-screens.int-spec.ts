// What the selection screens read (issue 13, group 1): the people eligible for a round's jury and council, rounds
// naming their area, people, entries and nomination target, entries with their documents and establishment, the
// upload rules, and instances naming the people they mention. Against the demo accounts and the 2026 demo rounds.
import { WorkflowRunner } from '@khuyencong/workflow';
import { loadDemoUsers, seedDemoUsers } from '../src/demo/demo-users.js';
import { CURRENT_COMMUNE, CURRENT_PROVINCE, seedCurrentYearDemo } from '../src/demo/current-year.js';
import { createUser, startTestApi, type TestApi } from './harness.js';
import { PDF, PNG, http } from './selection-support.js';

interface Person {
  id: string;
  displayName: string;
  email: string;
  unitName: string;
}
interface RoundBody {
  id: string;
  scopeName: string;
  people: Record<string, { displayName: string; email: string | null }>;
  entryCount: number;
  nominationTarget: { id: string; name: string; level: string } | null;
  nominatedCount: number;
  jury: Record<string, string[]>;
  council: { members: string[]; chair: string | null } | null;
}

describe('what the selection screens read', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const t: Record<string, string> = {};
  const round: Record<'commune' | 'province', string> = { commune: '', province: '' };
  const judge: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    h = http(api);
    const db = api.database.dataSource;
    await api.app.get(WorkflowRunner).definitions.publishAll(db.manager);
    await db.transaction((manager) => seedDemoUsers(manager));
    await seedCurrentYearDemo(db);
    // Judges around the 2026 Gia Lai round: one of today's Gia Lai (eligible), one of Đắk Lắk, one of old Gia Lai
    // (a grant on an abolished unit does not reach its successor), and a disabled account (none of those three).
    judge.gialai = await createUser(api, 'gk.gialai@test.vn', 'x', [{ role: 'judge', scopeType: 'province', scopeId: CURRENT_PROVINCE }]);
    judge.daklak = await createUser(api, 'gk.daklak@test.vn', 'x', [{ role: 'judge', scopeType: 'province', scopeId: 'dak-lak-2025' }]);
    judge.old = await createUser(api, 'gk.gialai-cu@test.vn', 'x', [{ role: 'judge', scopeType: 'province', scopeId: 'gia-lai' }]);
    judge.disabled = await createUser(api, 'gk.nghi@test.vn', 'x', [{ role: 'judge', scopeType: 'national', scopeId: null }]);
    await db.query(`UPDATE users SET display_name = 'Giám khảo Tỉnh Gia Lai' WHERE id = $1`, [judge.gialai]);
    await db.query(`UPDATE users SET active = false WHERE id = $1`, [judge.disabled]);
    for (const name of ['so.gialai', 'so.daklak', 'xa.ialy', 'coso', 'cuc', 'giamkhao1'])
      t[name] = await h.login(`${name}@khuyencong.vn`, loadDemoUsers().password);
    const rows = await db.query<{ id: string; level: 'commune' | 'province' }[]>(
      `SELECT id, level FROM rounds WHERE year = 2026 AND scope_code = ANY($1::text[])`,
      [[CURRENT_COMMUNE, CURRENT_PROVINCE]],
    );
    for (const row of rows) round[row.level] = row.id;
  }, 180_000);
  afterAll(() => api.close());

  describe('GET /api/rounds/{id}/eligible-people', () => {
    const eligible = (token: string, id: string, query: string) =>
      h.call<{ items: Person[]; code?: string }>(token, 'GET', `/api/rounds/${id}/eligible-people${query}`);

    it('lists active judges whose grant covers the round: national ones and today’s Gia Lai, not Đắk Lắk, old Gia Lai or disabled accounts', async () => {
      const reply = await eligible(t['so.gialai']!, round.province, '?role=judge');
      expect(reply.status).toBe(200);
      const emails = reply.body.items.map((person) => person.email);
      expect(emails).toEqual(expect.arrayContaining(['giamkhao1@khuyencong.vn', 'giamkhao2@khuyencong.vn', 'giamkhao3@khuyencong.vn', 'gk.gialai@test.vn']));
      expect(emails).not.toEqual(expect.arrayContaining(['gk.daklak@test.vn']));
      expect(emails.filter((email) => ['gk.daklak@test.vn', 'gk.gialai-cu@test.vn', 'gk.nghi@test.vn', 'hoidong1@khuyencong.vn'].includes(email))).toEqual([]);
      expect(reply.body.items.find((person) => person.email === 'gk.gialai@test.vn')).toEqual({
        id: judge.gialai,
        displayName: 'Giám khảo Tỉnh Gia Lai',
        email: 'gk.gialai@test.vn',
        unitName: 'Gia Lai',
      });
      expect(reply.body.items.find((person) => person.email === 'giamkhao1@khuyencong.vn')?.unitName).toBe('Toàn quốc');
    });

    it('searches name (without accents) or e-mail, and lists council members and chairs by their own role', async () => {
      const byName = await eligible(t['so.gialai']!, round.province, `?role=judge&q=${encodeURIComponent('giam khao tinh')}`);
      expect(byName.body.items.map((person) => person.email)).toEqual(['gk.gialai@test.vn']);
      const byEmail = await eligible(t['so.gialai']!, round.province, '?role=judge&q=giamkhao2');
      expect(byEmail.body.items.map((person) => person.email)).toEqual(['giamkhao2@khuyencong.vn']);
      const members = await eligible(t['so.gialai']!, round.province, '?role=council_member');
      expect(members.body.items.map((person) => person.email).sort()).toEqual(['hoidong1@khuyencong.vn', 'hoidong2@khuyencong.vn']);
      const chairs = await eligible(t['xa.ialy']!, round.commune, '?role=council_chair');
      expect(chairs.body.items.map((person) => person.email)).toEqual(['chutich@khuyencong.vn']);
    });

    it('answers 404 to an officer of another province, 403 to an applicant, 400 to a bad role', async () => {
      expect((await eligible(t['so.daklak']!, round.province, '?role=judge')).status).toBe(404);
      expect((await eligible(t['xa.ialy']!, round.province, '?role=judge')).status).toBe(404);
      expect((await eligible(t.coso!, round.province, '?role=judge')).status).toBe(403);
      const bad = await eligible(t['so.gialai']!, round.province, '?role=admin');
      expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'MALFORMED_REQUEST' });
      expect((await eligible(t['so.gialai']!, round.province, '')).status).toBe(400);
      expect((await h.call(null, 'GET', `/api/rounds/${round.province}/eligible-people?role=judge`)).status).toBe(401);
    });
  });

  describe('RoundView', () => {
    it('names the area and every judge and council member, counts entries and names the round one level up', async () => {
      const reply = await h.call<RoundBody>(t['xa.ialy']!, 'GET', `/api/rounds/${round.commune}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ scopeName: 'Xã Ia Ly', entryCount: 3, nominatedCount: 0 });
      expect(reply.body.nominationTarget).toMatchObject({ id: round.province, level: 'province' });
      const named = [...reply.body.jury['*']!, ...reply.body.council!.members];
      expect(Object.keys(reply.body.people).sort()).toEqual([...new Set(named)].sort());
      expect(Object.values(reply.body.people).map((person) => person.displayName)).toEqual(expect.arrayContaining(['Giám khảo 1', 'Chủ tịch Hội đồng']));
      expect(Object.values(reply.body.people).every((person) => person.email?.endsWith('@khuyencong.vn'))).toBe(true);
      const province = await h.call<RoundBody>(t['so.gialai']!, 'GET', `/api/rounds/${round.province}`);
      expect(province.body).toMatchObject({ scopeName: 'Gia Lai', entryCount: 2 });
    });

    it('shows an applicant the names but not the e-mails of the jury and council, in the list too', async () => {
      const list = await h.call<{ items: RoundBody[] }>(t.coso!, 'GET', '/api/rounds?year=2026');
      const commune = list.body.items.find((item) => item.id === round.commune)!;
      expect(Object.values(commune.people).length).toBeGreaterThan(0);
      expect(Object.values(commune.people).every((person) => person.email === null && person.displayName.length > 0)).toBe(true);
    });
  });

  describe('EntryView, GET /api/documents/rules and the instance’s people', () => {
    it('names the dossier’s documents by part and carries the establishment with its unit names', async () => {
      const [draft] = await api.database.dataSource.query<{ id: string }[]>(
        `SELECT e.instance_id AS id FROM entries e JOIN workflow_instances i ON i.id = e.instance_id WHERE e.round_id = $1 AND i.stage = 'draft'`,
        [round.commune],
      );
      const form = await h.upload(t.coso!, PDF('don-dang-ky'), 'Đơn đăng ký.pdf', 'application/pdf');
      const photo = await h.upload(t.coso!, PNG(7), 'anh-1.png', 'image/png');
      const saved = await h.call(t.coso!, 'PUT', `/api/entries/${draft!.id}/dossier`, { registrationForm: form, photos: [photo] });
      expect(saved.status).toBe(200);
      const reply = await h.call<{ documents: unknown[]; establishment: Record<string, unknown> }>(t.coso!, 'GET', `/api/entries/${draft!.id}`);
      expect(reply.body.documents).toEqual([
        { id: form, part: 'registrationForm', fileName: 'Đơn đăng ký.pdf', mimeType: 'application/pdf', sizeBytes: PDF('don-dang-ky').length },
        { id: photo, part: 'photos', fileName: 'anh-1.png', mimeType: 'image/png', sizeBytes: PNG(7).length },
      ]);
      expect(reply.body.establishment).toMatchObject({
        id: loadDemoUsers().establishment.id,
        provinceCode: CURRENT_PROVINCE,
        provinceName: 'Gia Lai',
        communeCode: CURRENT_COMMUNE,
        communeName: 'Xã Ia Ly',
      });
      expect(typeof reply.body.establishment.registeredAt).toBe('string');
      // Out of scope: the Đắk Lắk officer cannot read it.
      expect((await h.call(t['so.daklak']!, 'GET', `/api/entries/${draft!.id}`)).status).toBe(404);
    });

    it('states the upload limits the upload route enforces, to any signed-in user only', async () => {
      const reply = await h.call<{ maxBytes: number; types: { mimeType: string; extensions: string[] }[] }>(t.coso!, 'GET', '/api/documents/rules');
      expect(reply.status).toBe(200);
      expect(reply.body.maxBytes).toBe(api.config.UPLOAD_MAX_BYTES);
      expect(reply.body.types).toEqual(
        expect.arrayContaining([
          { mimeType: 'application/pdf', extensions: ['.pdf'] },
          { mimeType: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
        ]),
      );
      expect((await h.call(null, 'GET', '/api/documents/rules')).status).toBe(401);
    });

    it('names the judges and council members an instance mentions, on reads and command answers', async () => {
      const [screening] = await api.database.dataSource.query<{ id: string }[]>(
        `SELECT e.instance_id AS id FROM entries e JOIN workflow_instances i ON i.id = e.instance_id WHERE e.round_id = $1 AND i.stage = 'screening'`,
        [round.commune],
      );
      const accepted = await h.command(t['xa.ialy']!, screening!.id, 'accept');
      expect(accepted.status).toBe(200);
      const [{ id: judge1 }] = await api.database.dataSource.query<[{ id: string }]>(`SELECT id FROM users WHERE email = 'giamkhao1@khuyencong.vn'`);
      const assigned = await h.command(t['xa.ialy']!, screening!.id, 'assign_judges', { judges: [judge1, judge.gialai] });
      expect(assigned.status).toBe(200);
      expect((assigned.body.instance as unknown as { people: unknown }).people).toEqual({
        [judge1]: { displayName: 'Giám khảo 1' },
        [judge.gialai!]: { displayName: 'Giám khảo Tỉnh Gia Lai' },
      });
      const read = await h.call<{ people: Record<string, { displayName: string }> }>(t.giamkhao1!, 'GET', `/api/instances/${screening!.id}`);
      expect(read.body.people[judge1]).toEqual({ displayName: 'Giám khảo 1' });
      expect(read.body.people[judge.gialai!]).toEqual({ displayName: 'Giám khảo Tỉnh Gia Lai' });
    });
  });
});
