// Whom an applicant contacts and when the next answer is due (issue 15): a round created with a contact returns it,
// a bad phone or e-mail is refused naming the field with nothing written, the table refuses them too, and the entry
// view carries the round's contact, its area by name and the stage's due date. Against the demo rounds of 2026.
import { WorkflowRunner } from '@khuyencong/workflow';
import { loadDemoUsers, seedDemoUsers } from '../src/demo/demo-users.js';
import { CURRENT_COMMUNE, CURRENT_PROVINCE, DEMO_CONTACTS, seedCurrentYearDemo } from '../src/demo/current-year.js';
import { startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

interface Contact {
  name: string | null;
  phone: string | null;
  email: string | null;
}
interface Problem {
  path: string;
  message: string;
}
interface EntryBody {
  round: { id: string; name: string; level: string; year: number; scopeName: string; contact: Contact | null };
  instance: { stage: string; sla: { dueAt: string } | null };
}

const roundBody = (year: number, contact?: Record<string, string>) => ({
  name: `Bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai năm ${year}`,
  level: 'province',
  scopeCode: CURRENT_PROVINCE,
  year,
  registrationOpensAt: `${year}-02-28T17:00:00.000Z`,
  registrationClosesAt: `${year}-06-30T16:59:59.000Z`,
  ...(contact ? { contact } : {}),
});

describe('the round contact and the next answer', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const t: Record<string, string> = {};
  let communeRound = '';

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    h = http(api);
    const db = api.database.dataSource;
    await api.app.get(WorkflowRunner).definitions.publishAll(db.manager);
    await db.transaction((manager) => seedDemoUsers(manager));
    await seedCurrentYearDemo(db);
    for (const name of ['so.gialai', 'xa.ialy', 'coso']) t[name] = await h.login(`${name}@khuyencong.vn`, loadDemoUsers().password);
    const [row] = await db.query<{ id: string }[]>(`SELECT id FROM rounds WHERE level = 'commune' AND scope_code = $1 AND year = 2026`, [CURRENT_COMMUNE]);
    communeRound = row!.id;
  }, 180_000);
  afterAll(() => api.close());

  const roundCount = async (year: number) =>
    (await api.database.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM rounds WHERE year = $1`, [year]))[0]!.n;

  it('returns the contact a round was created with, on creation and when read again, the e-mail in lower case', async () => {
    const contact = { name: '  Phòng Quản lý công nghiệp, Sở Công Thương Gia Lai ', phone: '(0269) 382-4567', email: 'PhongQLCN.GiaLai@KhuyenCong.vn' };
    const created = await h.call<{ id: string; contact: Contact | null }>(t['so.gialai']!, 'POST', '/api/rounds', roundBody(2027, contact));
    expect(created.status).toBe(201);
    const expected = { name: 'Phòng Quản lý công nghiệp, Sở Công Thương Gia Lai', phone: '(0269) 382-4567', email: 'phongqlcn.gialai@khuyencong.vn' };
    expect(created.body.contact).toEqual(expected);
    const read = await h.call<{ contact: Contact | null }>(t.coso!, 'GET', `/api/rounds/${created.body.id}`);
    expect(read.body.contact).toEqual(expected);
    const [row] = await api.database.dataSource.query<Record<string, string>[]>(`SELECT contact_name, contact_phone, contact_email FROM rounds WHERE id = $1`, [
      created.body.id,
    ]);
    expect(row).toEqual({ contact_name: expected.name, contact_phone: expected.phone, contact_email: expected.email });
  });

  it('returns a null contact for a round created without one, and only the parts given', async () => {
    const none = await h.call<{ contact: Contact | null }>(t['so.gialai']!, 'POST', '/api/rounds', roundBody(2028));
    expect(none.status).toBe(201);
    expect(none.body.contact).toBeNull();
    const phoneOnly = await h.call<{ contact: Contact | null }>(t['so.gialai']!, 'POST', '/api/rounds', roundBody(2029, { phone: '0269 382 4567' }));
    expect(phoneOnly.status).toBe(201);
    expect(phoneOnly.body.contact).toEqual({ name: null, phone: '0269 382 4567', email: null });
  });

  it.each([
    ['phone', { phone: 'gọi 0269' }, 'contact.phone', /Số điện thoại liên hệ/],
    ['phone', { phone: '0269 38' }, 'contact.phone', /8–20 ký tự/],
    ['phone', { phone: '0269 382 4567 000 111 222' }, 'contact.phone', /8–20 ký tự/],
    ['e-mail', { email: 'phongqlcn.khuyencong.vn' }, 'contact.email', /Thư điện tử liên hệ không hợp lệ/],
    ['e-mail', { email: 'phong qlcn@khuyencong.vn' }, 'contact.email', /Thư điện tử liên hệ không hợp lệ/],
  ])('refuses a bad %s (%j) with 400 naming %s, and writes nothing', async (_kind, contact, path, message) => {
    const before = await roundCount(2030);
    const reply = await h.call<{ code: string; problems: Problem[] }>(
      t['so.gialai']!,
      'POST',
      '/api/rounds',
      roundBody(2030, { name: 'Sở Công Thương Gia Lai', ...contact }),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('MALFORMED_REQUEST');
    expect(reply.body.problems).toEqual([{ path, message: expect.stringMatching(message) as string }]);
    expect(await roundCount(2030)).toBe(before);
  });

  it('keeps a bad phone or e-mail out of the table even when written around the API', async () => {
    const db = api.database.dataSource;
    await expect(db.query(`UPDATE rounds SET contact_phone = 'abc' WHERE id = $1`, [communeRound])).rejects.toThrow(/ck_rounds_contact_phone/);
    await expect(db.query(`UPDATE rounds SET contact_email = 'no-at-sign' WHERE id = $1`, [communeRound])).rejects.toThrow(/ck_rounds_contact_email/);
  });

  it('carries the round’s contact, its area by name and the stage’s due date in the entry view, to the applicant and the officer', async () => {
    const [screening] = await api.database.dataSource.query<{ id: string; due_at: Date }[]>(
      `SELECT e.instance_id AS id, i.due_at FROM entries e JOIN workflow_instances i ON i.id = e.instance_id WHERE e.round_id = $1 AND i.stage = 'screening'`,
      [communeRound],
    );
    expect(screening?.due_at).toBeInstanceOf(Date);
    for (const reader of ['coso', 'xa.ialy']) {
      const reply = await h.call<EntryBody>(t[reader]!, 'GET', `/api/entries/${screening!.id}`);
      expect(reply.status).toBe(200);
      expect(reply.body.round).toEqual({
        id: communeRound,
        name: 'Bình chọn sản phẩm CNNT tiêu biểu cấp xã — xã Ia Ly năm 2026',
        level: 'commune',
        year: 2026,
        scopeName: 'Xã Ia Ly',
        contact: DEMO_CONTACTS.commune,
      });
      expect(reply.body.instance.stage).toBe('screening');
      expect(reply.body.instance.sla?.dueAt).toBe(screening!.due_at.toISOString());
    }
  });

  it('carries a null contact for a round without one, so the screen names the organiser', async () => {
    const [draft] = await api.database.dataSource.query<{ id: string }[]>(
      `SELECT e.instance_id AS id FROM entries e JOIN workflow_instances i ON i.id = e.instance_id WHERE e.round_id = $1 AND i.stage = 'draft'`,
      [communeRound],
    );
    await api.database.dataSource.query(`UPDATE rounds SET contact_name = NULL, contact_phone = NULL, contact_email = NULL WHERE id = $1`, [communeRound]);
    try {
      const reply = await h.call<EntryBody>(t.coso!, 'GET', `/api/entries/${draft!.id}`);
      expect(reply.body.round).toMatchObject({ level: 'commune', scopeName: 'Xã Ia Ly', contact: null });
    } finally {
      const { name, phone, email } = DEMO_CONTACTS.commune;
      await api.database.dataSource.query(`UPDATE rounds SET contact_name = $2, contact_phone = $3, contact_email = $4 WHERE id = $1`, [
        communeRound,
        name,
        phone,
        email,
      ]);
    }
  });
});
