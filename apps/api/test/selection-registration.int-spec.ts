// Registering establishments and working on entries from the selection screens (issue 13, group 3): people register
// themselves on the public page (one transaction), officers register for someone, commune officers verify,
// establishment search, entry corrections at a version, entry lists and the inbox naming what they are about.
import { randomUUID } from 'node:crypto';
import { WorkflowRunner } from '@khuyencong/workflow';
import { loadDemoUsers, seedDemoUsers } from '../src/demo/demo-users.js';
import { CURRENT_COMMUNE, CURRENT_PROVINCE, seedCurrentYearDemo } from '../src/demo/current-year.js';
import { createUser, startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

const RATE_LIMIT = 40;
const BIEN_HO = '23590'; // Xã Biển Hồ, another commune of today's Gia Lai
const BUON_MA_THUOT = '24133'; // Phường Buôn Ma Thuột, Đắk Lắk

interface Establishment {
  id: string;
  name: string;
  provinceName: string | null;
  communeName: string | null;
  registeredAt: string;
  verified: boolean;
}
interface Refusal {
  code: string;
  message: string;
}

describe('registering establishments and working on entries', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const t: Record<string, string> = {};
  const count = async (sql: string, params: unknown[] = []) => (await api.database.dataSource.query<{ n: number }[]>(sql, params))[0]!.n;
  const establishment = (name: string, communeCode = CURRENT_COMMUNE, provinceCode = CURRENT_PROVINCE, taxCode?: string) => ({
    name,
    legalForm: 'household_business',
    registrationNumber: `R-${randomUUID().slice(0, 8)}`,
    communeCode,
    provinceCode,
    ...(taxCode ? { taxCode } : {}),
  });
  const registration = (email: string, name: string, extra: Partial<{ communeCode: string; provinceCode: string; taxCode: string }> = {}) => ({
    account: { email, password: 'Dang-ky-2026', displayName: `Chủ ${name}`, phone: '0912 345 678' },
    establishment: establishment(name, extra.communeCode, extra.provinceCode, extra.taxCode),
  });

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT) });
    h = http(api);
    const db = api.database.dataSource;
    await api.app.get(WorkflowRunner).definitions.publishAll(db.manager);
    await db.transaction((manager) => seedDemoUsers(manager));
    await seedCurrentYearDemo(db);
    await createUser(api, 'nguoi.dai.dien@test.vn', 'Dai-dien-2026');
    for (const name of ['so.gialai', 'so.daklak', 'xa.ialy', 'coso', 'giamkhao1']) t[name] = await h.login(`${name}@khuyencong.vn`, loadDemoUsers().password);
  }, 180_000);
  afterAll(() => api.close());

  describe('POST /api/public/registrations', () => {
    it('creates the account, the unverified establishment and the applicant grant without a token; the person then signs in and sees only their own', async () => {
      const reply = await h.call<{ userId: string; email: string; establishment: Establishment }>(
        null,
        'POST',
        '/api/public/registrations',
        registration('Chu.Co.So@Test.vn', 'Cơ sở mây tre Ia Ly'),
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        email: 'chu.co.so@test.vn',
        establishment: { name: 'Cơ sở mây tre Ia Ly', verified: false, provinceName: 'Gia Lai', communeName: 'Xã Ia Ly' },
      });
      const [user] = await api.database.dataSource.query<{ phone: string; password_hash: string }[]>(`SELECT phone, password_hash FROM users WHERE id = $1`, [
        reply.body.userId,
      ]);
      expect(user).toMatchObject({ phone: '0912 345 678' });
      expect(user!.password_hash.startsWith('$argon2')).toBe(true);
      const token = await h.login('chu.co.so@test.vn', 'Dang-ky-2026');
      const mine = await h.call<{ items: Establishment[] }>(token, 'GET', '/api/establishments');
      expect(mine.body.items.map((item) => item.id)).toEqual([reply.body.establishment.id]);
      expect((await h.call(token, 'GET', `/api/establishments/${loadDemoUsers().establishment.id}`)).status).toBe(404);
    });

    it('refuses an e-mail that has an account (any case) with 409 EMAIL_TAKEN and leaves no establishment behind', async () => {
      const before = await count(`SELECT count(*)::int AS n FROM organisations`);
      const reply = await h.call<Refusal>(null, 'POST', '/api/public/registrations', registration('COSO@khuyencong.vn', 'Cơ sở trùng email'));
      expect({ status: reply.status, code: reply.body.code }).toEqual({ status: 409, code: 'EMAIL_TAKEN' });
      expect(await count(`SELECT count(*)::int AS n FROM organisations`)).toBe(before);
    });

    it('leaves no account behind when the establishment is refused (taken tax code, commune outside the province, unknown province)', async () => {
      await h.call(null, 'POST', '/api/public/registrations', registration('mst1@test.vn', 'Cơ sở có mã số thuế', { taxCode: '5900999001' }));
      const cases: [string, ReturnType<typeof registration>, number, string][] = [
        ['mst2@test.vn', registration('mst2@test.vn', 'Cơ sở trùng mã số thuế', { taxCode: '5900999001' }), 409, 'ALREADY_REGISTERED'],
        ['ngoai-tinh@test.vn', registration('ngoai-tinh@test.vn', 'Cơ sở ngoài tỉnh', { communeCode: BUON_MA_THUOT }), 422, 'COMMUNE_OUTSIDE_PROVINCE'],
        ['khong-tinh@test.vn', registration('khong-tinh@test.vn', 'Cơ sở không tỉnh', { provinceCode: 'khong-co-tinh' }), 422, 'UNKNOWN_UNIT'],
      ];
      for (const [email, body, status, code] of cases) {
        const reply = await h.call<Refusal>(null, 'POST', '/api/public/registrations', body);
        expect([email, reply.status, reply.body.code]).toEqual([email, status, code]);
        expect([email, await count(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [email])]).toEqual([email, 0]);
      }
    });

    it('answers 400 to a short password, a bad e-mail, a missing establishment or an unknown field', async () => {
      const good = registration('hop-le@test.vn', 'Cơ sở hợp lệ');
      for (const body of [
        { ...good, account: { ...good.account, password: 'ngan1' } },
        { ...good, account: { ...good.account, email: 'khong-phai-email' } },
        { account: good.account },
        { ...good, role: 'admin' },
      ]) {
        expect((await h.call<Refusal>(null, 'POST', '/api/public/registrations', body)).body.code).toBe('MALFORMED_REQUEST');
      }
      expect(await count(`SELECT count(*)::int AS n FROM users WHERE email = 'hop-le@test.vn'`)).toBe(0);
    });

    it('lets exactly one of two concurrent registrations with the same e-mail through: one 201, one 409, one account and one establishment', async () => {
      const [a, b] = await Promise.all([
        h.call<Refusal>(null, 'POST', '/api/public/registrations', registration('dong.thoi@test.vn', 'Cơ sở đồng thời A')),
        h.call<Refusal>(null, 'POST', '/api/public/registrations', registration('dong.thoi@test.vn', 'Cơ sở đồng thời B')),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect([a, b].find((reply) => reply.status === 409)!.body.code).toBe('EMAIL_TAKEN');
      expect(await count(`SELECT count(*)::int AS n FROM users WHERE email = 'dong.thoi@test.vn'`)).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM organisations WHERE name LIKE 'Cơ sở đồng thời %'`)).toBe(1);
    });
  });

  describe('POST /api/establishments and verification by officers', () => {
    it('an officer registers for an existing user: the user becomes its applicant, the officer does not', async () => {
      const reply = await h.call<Establishment>(t['so.gialai']!, 'POST', '/api/establishments', {
        ...establishment('Cơ sở do Sở đăng ký hộ'),
        applicantEmail: 'Nguoi.Dai.Dien@test.vn',
      });
      expect(reply.status).toBe(201);
      const holders = await api.database.dataSource.query<{ email: string }[]>(
        `SELECT u.email FROM role_grants g JOIN users u ON u.id = g.user_id WHERE g.role = 'applicant' AND g.scope_id = $1`,
        [reply.body.id],
      );
      expect(holders.map((row) => row.email)).toEqual(['nguoi.dai.dien@test.vn']);
      const commune = await h.call<Establishment>(t['xa.ialy']!, 'POST', '/api/establishments', establishment('Cơ sở do xã đăng ký'));
      expect(commune.status).toBe(201);
      expect(await count(`SELECT count(*)::int AS n FROM role_grants WHERE scope_id = $1`, [commune.body.id])).toBe(0);
    });

    it('answers 404 USER_NOT_FOUND for an unknown applicant e-mail (writing nothing), 403 to an officer of another province and to an applicant naming someone', async () => {
      const before = await count(`SELECT count(*)::int AS n FROM organisations`);
      const unknown = await h.call<Refusal>(t['so.gialai']!, 'POST', '/api/establishments', {
        ...establishment('Cơ sở không người'),
        applicantEmail: 'khong.co@test.vn',
      });
      expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'USER_NOT_FOUND' });
      expect((await h.call(t['so.daklak']!, 'POST', '/api/establishments', establishment('Cơ sở Gia Lai do Đắk Lắk'))).status).toBe(403);
      expect(
        (await h.call(t.coso!, 'POST', '/api/establishments', { ...establishment('Cơ sở của người khác'), applicantEmail: 'nguoi.dai.dien@test.vn' })).status,
      ).toBe(403);
      expect(await count(`SELECT count(*)::int AS n FROM organisations`)).toBe(before);
    });

    it('the commune officer verifies an establishment of the commune; not one elsewhere, nor the officer of another province', async () => {
      const inCommune = await h.call<Establishment>(t['so.gialai']!, 'POST', '/api/establishments', establishment('Cơ sở chờ xã xác minh'));
      const elsewhere = await h.call<Establishment>(t['so.gialai']!, 'POST', '/api/establishments', establishment('Cơ sở ở xã Biển Hồ', BIEN_HO));
      expect((await h.call(t['so.daklak']!, 'POST', `/api/establishments/${inCommune.body.id}/verify`)).status).toBe(404);
      expect((await h.call(t['xa.ialy']!, 'POST', `/api/establishments/${elsewhere.body.id}/verify`)).status).toBe(404);
      const verified = await h.call<Establishment>(t['xa.ialy']!, 'POST', `/api/establishments/${inCommune.body.id}/verify`);
      expect(verified.status).toBe(200);
      expect(verified.body.verified).toBe(true);
      expect((await h.call(t.coso!, 'POST', `/api/establishments/${elsewhere.body.id}/verify`)).status).toBe(403);
    });
  });

  describe('GET /api/establishments', () => {
    it('searches names without accents, tax codes and registration numbers; filters by commune and verification; names the units', async () => {
      const search = async (token: string, query: string) =>
        (await h.call<{ items: Establishment[] }>(token, 'GET', `/api/establishments?${query}`)).body.items;
      expect((await search(t['so.gialai']!, `q=${encodeURIComponent('det tho cam ia mo')}`)).map((item) => item.name)).toEqual([
        loadDemoUsers().establishment.name,
      ]);
      expect((await search(t['so.gialai']!, 'q=5900999001')).map((item) => item.name)).toEqual(['Cơ sở có mã số thuế']);
      expect((await search(t['so.gialai']!, 'q=GL-2026-1')).map((item) => item.name)).toEqual(['Cơ sở nước mắm Quy Nhơn']);
      const inBienHo = await search(t['so.gialai']!, `communeCode=${BIEN_HO}`);
      expect(inBienHo.map((item) => item.name)).toEqual(['Cơ sở ở xã Biển Hồ']);
      expect(inBienHo[0]).toMatchObject({ provinceName: 'Gia Lai', verified: false });
      expect(inBienHo[0]!.communeName).toBe('Xã Biển Hồ');
      expect(Date.parse(inBienHo[0]!.registeredAt)).toBeGreaterThan(Date.now() - 3_600_000);
      expect((await search(t['xa.ialy']!, 'verified=false')).every((item) => !item.verified)).toBe(true);
      expect(await search(t['so.daklak']!, `q=${encodeURIComponent('Ia Mơ Nông')}`)).toEqual([]);
      expect((await h.call(t['so.gialai']!, 'GET', '/api/establishments?verified=maybe')).status).toBe(400);
    });
  });

  describe('entries', () => {
    const draftOf = async () => {
      const [row] = await api.database.dataSource.query<{ id: string; version: number }[]>(
        `SELECT e.instance_id AS id, i.version FROM entries e JOIN workflow_instances i ON i.id = e.instance_id JOIN rounds r ON r.id = e.round_id
          WHERE r.scope_code = $1 AND i.stage = 'draft'`,
        [CURRENT_COMMUNE],
      );
      return row!;
    };

    it('PATCH: the applicant corrects the product name and group of a draft at the version they saw', async () => {
      const draft = await draftOf();
      const reply = await h.call<{ productName: string; productGroup: string; instance: { attributes: Record<string, unknown> } }>(
        t.coso!,
        'PATCH',
        `/api/entries/${draft.id}`,
        { productName: 'Khăn choàng thổ cẩm Jrai dệt tay', productGroup: 'OTHER' },
        { 'if-match': `"${draft.version}"` },
      );
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ productName: 'Khăn choàng thổ cẩm Jrai dệt tay', productGroup: 'OTHER' });
      expect(reply.body.instance.attributes).toMatchObject({ productName: 'Khăn choàng thổ cẩm Jrai dệt tay', productGroup: 'OTHER' });
      expect(await count(`SELECT count(*)::int AS n FROM workflow_instances WHERE id = $1 AND product_group = 'OTHER'`, [draft.id])).toBe(1);
    });

    it('PATCH: 409 at a stale version or past revision, 400 without If-Match or fields, 403 to an officer, 404 to another applicant', async () => {
      const draft = await draftOf();
      const stale = await h.call<Refusal>(t.coso!, 'PATCH', `/api/entries/${draft.id}`, { productName: 'Tên cũ' }, { 'if-match': `"${draft.version + 1}"` });
      expect({ status: stale.status, code: stale.body.code }).toEqual({ status: 409, code: 'STALE_VERSION' });
      expect((await h.call(t.coso!, 'PATCH', `/api/entries/${draft.id}`, { productName: 'Không có If-Match' })).status).toBe(400);
      expect((await h.call(t.coso!, 'PATCH', `/api/entries/${draft.id}`, {}, { 'if-match': `"${draft.version}"` })).status).toBe(400);
      const [screening] = await api.database.dataSource.query<{ id: string; version: number }[]>(
        `SELECT e.instance_id AS id, i.version FROM entries e JOIN workflow_instances i ON i.id = e.instance_id WHERE e.establishment_id = $1 AND i.stage = 'screening'`,
        [loadDemoUsers().establishment.id],
      );
      const locked = await h.call<Refusal>(
        t.coso!,
        'PATCH',
        `/api/entries/${screening!.id}`,
        { productName: 'Đổi tên khi đã nộp' },
        { 'if-match': `"${screening!.version}"` },
      );
      expect({ status: locked.status, code: locked.body.code }).toEqual({ status: 409, code: 'ENTRY_LOCKED' });
      expect(
        (await h.call(t['so.gialai']!, 'PATCH', `/api/entries/${draft.id}`, { productName: 'Cán bộ đổi tên' }, { 'if-match': `"${draft.version}"` })).status,
      ).toBe(403);
      const other = await h.login('chu.co.so@test.vn', 'Dang-ky-2026');
      expect(
        (await h.call(other, 'PATCH', `/api/entries/${draft.id}`, { productName: 'Người khác đổi tên' }, { 'if-match': `"${draft.version}"` })).status,
      ).toBe(404);
    });

    it('GET /api/entries names each entry’s round and establishment; an applicant sees their own, a judge those assigned', async () => {
      type Summary = { instanceId: string; roundName: string; establishmentId: string; establishmentName: string };
      const own = await h.call<{ items: Summary[] }>(t.coso!, 'GET', '/api/entries');
      expect(own.body.items.length).toBe(3);
      expect(own.body.items.every((item) => item.establishmentId === loadDemoUsers().establishment.id && item.roundName.includes('xã Ia Ly'))).toBe(true);
      const judged = await h.call<{ items: Summary[] }>(t.giamkhao1!, 'GET', '/api/entries');
      expect(judged.body.items.length).toBe(2); // the commune and the province entry in scoring
      expect((await h.call<{ items: Summary[] }>(t['so.daklak']!, 'GET', '/api/entries')).body.items).toEqual([]);
    });

    it('GET /api/inbox names what each task is about: the product and the establishment', async () => {
      const inbox = await h.call<{ items: { instanceId: string; title: string | null; subjectName: string | null }[] }>(t['xa.ialy']!, 'GET', '/api/inbox');
      expect(inbox.status).toBe(200);
      expect(inbox.body.items).toContainEqual(expect.objectContaining({ title: 'Túi thổ cẩm hoa văn Jrai', subjectName: loadDemoUsers().establishment.name }));
    });
  });

  it('limits registrations per address to the sign-in allowance per minute: then 429 RATE_LIMITED', async () => {
    let status = 0;
    for (let attempt = 0; attempt <= RATE_LIMIT && status !== 429; attempt++) {
      status = (await h.call(null, 'POST', '/api/public/registrations', registration('coso@khuyencong.vn', 'Cơ sở thử giới hạn'))).status;
    }
    expect(status).toBe(429);
  });
});
