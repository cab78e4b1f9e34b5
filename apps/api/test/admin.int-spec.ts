import { type ApiClient } from '@khuyencong/api-client';
import { createUser, startTestApi, type TestApi } from './harness.js';

const PASSWORD = 'mat-khau-12345';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('administration API', () => {
  let api: TestApi;
  let admin: ApiClient;
  let adminId: string;
  let officer: ApiClient;

  async function login(email: string, password = PASSWORD): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password } });
    if (!data) throw new Error(`login failed for ${email}`);
    return data.accessToken;
  }

  async function auditActions(targetId: string): Promise<string[]> {
    const rows = await api.database.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [targetId]);
    return rows.map((row) => row.action);
  }

  beforeAll(async () => {
    api = await startTestApi();
    adminId = await createUser(api, 'admin@example.vn', PASSWORD, [{ role: 'admin', scopeType: 'national', scopeId: null }]);
    await createUser(api, 'officer@example.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }]);
    admin = api.as(await login('admin@example.vn'));
    officer = api.as(await login('officer@example.vn'));
  });
  afterAll(() => api.close());

  it('refuses every admin route to a non-admin with 403', async () => {
    expect((await officer.GET('/api/admin/users', { params: { query: {} } })).response.status).toBe(403);
    expect((await officer.GET('/api/admin/audit', { params: { query: {} } })).response.status).toBe(403);
    expect((await officer.GET('/api/admin/reference/region-memberships', { params: { query: {} } })).response.status).toBe(403);
  });

  describe('users', () => {
    let userId: string;

    it('creates a user with an argon2 hash who can then sign in, and audits it', async () => {
      const { data, response } = await admin.POST('/api/admin/users', {
        body: { email: 'Can.Bo@Example.vn', displayName: 'Cán bộ Sở Công Thương', password: 'mat-khau-moi-1' },
      });
      expect(response.status).toBe(201);
      expect(data).toMatchObject({ email: 'can.bo@example.vn', displayName: 'Cán bộ Sở Công Thương', locale: 'vi', active: true });
      userId = data!.id;
      const [stored] = await api.database.dataSource.query<{ password_hash: string }[]>(`SELECT password_hash FROM users WHERE id = $1`, [userId]);
      expect(stored?.password_hash).toMatch(/^\$argon2id\$/);
      expect(await login('can.bo@example.vn', 'mat-khau-moi-1')).toEqual(expect.any(String));
      expect(await auditActions(userId)).toContain('admin.user.create');
    });

    it('answers 409 for an e-mail already taken (case-insensitive) and 400 for a weak password', async () => {
      const duplicate = await admin.POST('/api/admin/users', { body: { email: 'CAN.BO@example.vn', displayName: 'x', password: 'mat-khau-moi-1' } });
      expect(duplicate.response.status).toBe(409);
      const weak = await admin.POST('/api/admin/users', { body: { email: 'weak@example.vn', displayName: 'x', password: 'short1' } });
      expect(weak.response.status).toBe(400);
      expect(JSON.stringify(weak.error)).toContain('10');
      const noDigit = await admin.POST('/api/admin/users', { body: { email: 'weak@example.vn', displayName: 'x', password: 'onlyletters-here' } });
      expect(noDigit.response.status).toBe(400);
    });

    it('lists with paging and a search that treats % and _ literally', async () => {
      const all = await admin.GET('/api/admin/users', { params: { query: { pageSize: 2, page: 1 } } });
      expect(all.data).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(all.data?.items).toHaveLength(2);
      const second = await admin.GET('/api/admin/users', { params: { query: { pageSize: 2, page: 2 } } });
      expect(second.data?.items).toHaveLength(1);
      const found = await admin.GET('/api/admin/users', { params: { query: { search: 'sở công' } } });
      expect(found.data?.items.map((user) => user.id)).toEqual([userId]);
      const wildcard = await admin.GET('/api/admin/users', { params: { query: { search: '%' } } });
      expect(wildcard.data?.total).toBe(0);
    });

    it('updates display name, locale and active; a deactivated user can no longer sign in', async () => {
      const { data } = await admin.PATCH('/api/admin/users/{id}', {
        params: { path: { id: userId } },
        body: { displayName: 'Cán bộ mới', locale: 'en', active: false },
      });
      expect(data).toMatchObject({ displayName: 'Cán bộ mới', locale: 'en', active: false });
      const refused = await api.client.POST('/api/auth/login', { body: { email: 'can.bo@example.vn', password: 'mat-khau-moi-1' } });
      expect(refused.response.status).toBe(401);
      await admin.PATCH('/api/admin/users/{id}', { params: { path: { id: userId } }, body: { active: true } });
      const [audit] = await api.database.dataSource.query<{ details: { before: unknown; after: unknown } }[]>(
        `SELECT details FROM audit_log WHERE target_id = $1 AND action = 'admin.user.update' ORDER BY id LIMIT 1`,
        [userId],
      );
      expect(audit?.details).toEqual({
        before: { displayName: 'Cán bộ Sở Công Thương', locale: 'vi', active: true },
        after: { displayName: 'Cán bộ mới', locale: 'en', active: false },
      });
    });

    it('refuses an admin deactivating their own account (422), an empty patch (400) and an unknown id (404)', async () => {
      expect((await admin.PATCH('/api/admin/users/{id}', { params: { path: { id: adminId } }, body: { active: false } })).response.status).toBe(422);
      expect((await admin.PATCH('/api/admin/users/{id}', { params: { path: { id: userId } }, body: {} })).response.status).toBe(400);
      expect((await admin.PATCH('/api/admin/users/{id}', { params: { path: { id: UNKNOWN_ID } }, body: { locale: 'vi' } })).response.status).toBe(404);
      expect((await admin.GET('/api/admin/users/{id}', { params: { path: { id: 'nope' } } })).response.status).toBe(400);
    });

    it('resets a password: the old one stops working and existing sessions end', async () => {
      const sessionToken = await login('can.bo@example.vn', 'mat-khau-moi-1');
      const reset = await admin.POST('/api/admin/users/{id}/password', { params: { path: { id: userId } }, body: { password: 'mat-khau-thu-2' } });
      expect(reset.response.status).toBe(204);
      expect((await api.as(sessionToken).GET('/api/auth/me')).response.status).toBe(401);
      expect((await api.client.POST('/api/auth/login', { body: { email: 'can.bo@example.vn', password: 'mat-khau-moi-1' } })).response.status).toBe(401);
      expect(await login('can.bo@example.vn', 'mat-khau-thu-2')).toEqual(expect.any(String));
      expect(await auditActions(userId)).toContain('admin.user.password_reset');
    });

    it('unlocks a locked account', async () => {
      await api.database.dataSource.query(`UPDATE users SET failed_logins = 4, locked_until = now() + interval '1 hour' WHERE id = $1`, [userId]);
      expect((await api.client.POST('/api/auth/login', { body: { email: 'can.bo@example.vn', password: 'mat-khau-thu-2' } })).response.status).toBe(423);
      const { data } = await admin.POST('/api/admin/users/{id}/unlock', { params: { path: { id: userId } } });
      expect(data).toMatchObject({ lockedUntil: null, failedLogins: 0 });
      expect(await login('can.bo@example.vn', 'mat-khau-thu-2')).toEqual(expect.any(String));
      expect(await auditActions(userId)).toContain('admin.user.unlock');
    });

    describe('role grants', () => {
      it('grants a role over an existing province, lists it, and the grant takes effect on the next request', async () => {
        const token = await login('can.bo@example.vn', 'mat-khau-thu-2');
        const before = await api.as(token).GET('/api/auth/me');
        expect(before.data?.grants).toEqual([]);
        const { data, response } = await admin.POST('/api/admin/users/{id}/grants', {
          params: { path: { id: userId } },
          body: { role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' },
        });
        expect(response.status).toBe(201);
        expect(data).toMatchObject({ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025', grantedBy: adminId });
        const after = await api.as(token).GET('/api/auth/me');
        expect(after.data?.grants).toEqual([{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025', scopeName: 'Gia Lai' }]);
        const list = await admin.GET('/api/admin/users/{id}/grants', { params: { path: { id: userId } } });
        expect(list.data?.map((grant) => grant.id)).toEqual([data!.id]);
      });

      it('answers 409 for the same role and scope twice, 422 for a scope that does not exist, 400 for a national grant with an id', async () => {
        const again = await admin.POST('/api/admin/users/{id}/grants', {
          params: { path: { id: userId } },
          body: { role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' },
        });
        expect(again.response.status).toBe(409);
        const unknownProvince = await admin.POST('/api/admin/users/{id}/grants', {
          params: { path: { id: userId } },
          body: { role: 'provincial_officer', scopeType: 'province', scopeId: 'atlantis' },
        });
        expect(unknownProvince.response.status).toBe(422);
        const regionAsProvince = await admin.POST('/api/admin/users/{id}/grants', {
          params: { path: { id: userId } },
          body: { role: 'central_officer', scopeType: 'province', scopeId: 'SOUTH' },
        });
        expect(regionAsProvince.response.status).toBe(422);
        const unknownEstablishment = await admin.POST('/api/admin/users/{id}/grants', {
          params: { path: { id: userId } },
          body: { role: 'applicant', scopeType: 'establishment', scopeId: UNKNOWN_ID },
        });
        expect(unknownEstablishment.response.status).toBe(422);
        const nationalWithId = await admin.POST('/api/admin/users/{id}/grants', {
          params: { path: { id: userId } },
          body: { role: 'central_officer', scopeType: 'national', scopeId: 'x' },
        });
        expect(nationalWithId.response.status).toBe(400);
        const unknownUser = await admin.POST('/api/admin/users/{id}/grants', {
          params: { path: { id: UNKNOWN_ID } },
          body: { role: 'judge', scopeType: 'region', scopeId: 'SOUTH' },
        });
        expect(unknownUser.response.status).toBe(404);
      });

      it('grants over a region and an establishment that exist', async () => {
        const [organisation] = await api.database.dataSource.query<{ id: string }[]>(
          `INSERT INTO organisations (type, name) VALUES ('establishment', 'Cơ sở dệt thổ cẩm') RETURNING id`,
        );
        expect(
          (
            await admin.POST('/api/admin/users/{id}/grants', {
              params: { path: { id: userId } },
              body: { role: 'judge', scopeType: 'region', scopeId: 'CENTRAL_HIGHLANDS' },
            })
          ).response.status,
        ).toBe(201);
        expect(
          (
            await admin.POST('/api/admin/users/{id}/grants', {
              params: { path: { id: userId } },
              body: { role: 'applicant', scopeType: 'establishment', scopeId: organisation!.id },
            })
          ).response.status,
        ).toBe(201);
      });

      it('revokes a grant (ending it, keeping history); revoking it again is 404; an admin cannot revoke their own admin role', async () => {
        const list = await admin.GET('/api/admin/users/{id}/grants', { params: { path: { id: userId } } });
        const judge = list.data!.find((grant) => grant.role === 'judge')!;
        const revoked = await admin.DELETE('/api/admin/users/{id}/grants/{grantId}', { params: { path: { id: userId, grantId: judge.id } } });
        expect(revoked.response.status).toBe(204);
        const after = await admin.GET('/api/admin/users/{id}/grants', { params: { path: { id: userId } } });
        expect(after.data?.map((grant) => grant.role).sort()).toEqual(['applicant', 'provincial_officer']);
        const [row] = await api.database.dataSource.query<{ valid_to: Date | null }[]>(`SELECT valid_to FROM role_grants WHERE id = $1`, [judge.id]);
        expect(row?.valid_to).not.toBeNull();
        expect((await admin.DELETE('/api/admin/users/{id}/grants/{grantId}', { params: { path: { id: userId, grantId: judge.id } } })).response.status).toBe(
          404,
        );
        const own = await admin.GET('/api/admin/users/{id}/grants', { params: { path: { id: adminId } } });
        const ownAdmin = own.data!.find((grant) => grant.role === 'admin')!;
        expect(
          (await admin.DELETE('/api/admin/users/{id}/grants/{grantId}', { params: { path: { id: adminId, grantId: ownAdmin.id } } })).response.status,
        ).toBe(422);
        expect(await auditActions(userId)).toEqual(expect.arrayContaining(['admin.grant.create', 'admin.grant.revoke']));
      });
    });
  });

  describe('working-day calendars', () => {
    it('lists calendars and the seeded days of a year', async () => {
      const calendars = await admin.GET('/api/admin/calendars');
      expect(calendars.data?.map((calendar) => calendar.code)).toContain('VN');
      const { data } = await admin.GET('/api/admin/calendars/{code}/days', { params: { path: { code: 'VN' }, query: { year: 2025 } } });
      expect(data?.weekendDays).toEqual([6, 7]);
      expect(data?.days.every((day) => day.date.startsWith('2025-'))).toBe(true);
      expect(data?.days).toContainEqual(expect.objectContaining({ date: '2025-09-02', kind: 'holiday' }));
    });

    it('adds, updates and removes a holiday, each audited; a duplicate is 409 and a missing day 404', async () => {
      const path = { code: 'VN' };
      const added = await admin.POST('/api/admin/calendars/{code}/days', {
        params: { path },
        body: { date: '2027-11-20', kind: 'holiday', name: 'Ngày Nhà giáo (thử)' },
      });
      expect(added.response.status).toBe(201);
      expect(
        (await admin.POST('/api/admin/calendars/{code}/days', { params: { path }, body: { date: '2027-11-20', kind: 'holiday', name: 'again' } })).response
          .status,
      ).toBe(409);
      const updated = await admin.PUT('/api/admin/calendars/{code}/days/{date}', {
        params: { path: { code: 'VN', date: '2027-11-20' } },
        body: { kind: 'holiday', name: 'Nghỉ bù' },
      });
      expect(updated.data).toEqual({ date: '2027-11-20', kind: 'holiday', name: 'Nghỉ bù' });
      const year = await admin.GET('/api/admin/calendars/{code}/days', { params: { path, query: { year: 2027 } } });
      expect(year.data?.days).toContainEqual({ date: '2027-11-20', kind: 'holiday', name: 'Nghỉ bù' });
      expect((await admin.DELETE('/api/admin/calendars/{code}/days/{date}', { params: { path: { code: 'VN', date: '2027-11-20' } } })).response.status).toBe(
        204,
      );
      expect((await admin.DELETE('/api/admin/calendars/{code}/days/{date}', { params: { path: { code: 'VN', date: '2027-11-20' } } })).response.status).toBe(
        404,
      );
      expect(await auditActions('VN')).toEqual(['admin.calendar_day.create', 'admin.calendar_day.update', 'admin.calendar_day.delete']);
    });

    it('accepts a make-up working day only on a weekend (422 on a weekday), and refuses impossible dates (400) and unknown calendars (404)', async () => {
      const saturday = await admin.POST('/api/admin/calendars/{code}/days', {
        params: { path: { code: 'VN' } },
        body: { date: '2027-12-04', kind: 'makeup_workday', name: 'Làm bù' },
      });
      expect(saturday.response.status).toBe(201);
      const weekday = await admin.POST('/api/admin/calendars/{code}/days', {
        params: { path: { code: 'VN' } },
        body: { date: '2027-12-06', kind: 'makeup_workday', name: 'Làm bù' },
      });
      expect(weekday.response.status).toBe(422);
      const impossible = await admin.POST('/api/admin/calendars/{code}/days', {
        params: { path: { code: 'VN' } },
        body: { date: '2027-02-30', kind: 'holiday', name: 'x' },
      });
      expect(impossible.response.status).toBe(400);
      const unknown = await admin.GET('/api/admin/calendars/{code}/days', { params: { path: { code: 'MARS' }, query: { year: 2027 } } });
      expect(unknown.response.status).toBe(404);
    });
  });

  describe('reference data', () => {
    it('lists 63 provinces before the 2025 reform and 34 after it', async () => {
      const before = await admin.GET('/api/reference/provinces', { params: { query: { on: '2024-06-01' } } });
      const after = await admin.GET('/api/reference/provinces', { params: { query: { on: '2025-07-01' } } });
      expect(before.data).toHaveLength(63);
      expect(after.data).toHaveLength(34);
      expect(before.data).toContainEqual(expect.objectContaining({ code: 'gia-lai', name: 'Gia Lai' }));
    });

    it('lists regions with their members on a date (Central–Highlands had 15 provinces in 2022)', async () => {
      const { data } = await admin.GET('/api/reference/regions', { params: { query: { on: '2022-08-18' } } });
      const sizes = Object.fromEntries((data ?? []).map((region) => [region.code, region.members.length]));
      expect(sizes).toEqual({ CENTRAL_HIGHLANDS: 15, NORTH: 28, SOUTH: 20 });
    });

    it('lists content groups of a programme and the criteria sets with their 100 points', async () => {
      const groups = await admin.GET('/api/reference/content-groups', { params: { query: { programme: 'NKP-2021-2025' } } });
      expect(groups.data).toHaveLength(7);
      const sets = await admin.GET('/api/reference/criteria-sets');
      expect(sets.data?.[0]).toMatchObject({ code: 'TT26-PL4', totalPoints: 100 });
      expect(sets.data?.[0]?.groups.map((group) => group.maxPoints)).toEqual([40, 40, 10, 10]);
    });

    it('updates one support rule, audited with before and after; bad values are 400, an unknown code 404', async () => {
      const rules = await admin.GET('/api/reference/support-rules', { params: { query: { fundingSource: 'NATIONAL' } } });
      const rule = rules.data!.find((candidate) => candidate.maxAmount !== null)!;
      const { data, response } = await admin.PATCH('/api/admin/reference/support-rules/{code}', {
        params: { path: { code: rule.code } },
        body: { maxAmount: 1_200_000_000 },
      });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({ code: rule.code, maxAmount: 1_200_000_000, maxPercent: rule.maxPercent });
      const [audit] = await api.database.dataSource.query<{ details: unknown }[]>(
        `SELECT details FROM audit_log WHERE action = 'admin.support_rule.update' AND target_id = $1`,
        [rule.code],
      );
      expect(audit?.details).toEqual({ before: { maxAmount: rule.maxAmount }, after: { maxAmount: 1_200_000_000 } });
      expect(
        (await admin.PATCH('/api/admin/reference/support-rules/{code}', { params: { path: { code: rule.code } }, body: { maxPercent: 140 } })).response.status,
      ).toBe(400);
      expect(
        (await admin.PATCH('/api/admin/reference/support-rules/{code}', { params: { path: { code: rule.code } }, body: { validTo: '1999-01-01' } })).response
          .status,
      ).toBe(422);
      expect(
        (await admin.PATCH('/api/admin/reference/support-rules/{code}', { params: { path: { code: 'NO_SUCH_RULE' } }, body: { per: 'model' } })).response
          .status,
      ).toBe(404);
    });
  });

  describe('audit log', () => {
    it('filters by actor and action prefix and pages with a cursor, newest first', async () => {
      const first = await admin.GET('/api/admin/audit', { params: { query: { actor: adminId, action: 'admin.', limit: 3 } } });
      expect(first.data?.items).toHaveLength(3);
      expect(first.data?.items.every((entry) => entry.actorUserId === adminId && entry.action.startsWith('admin.'))).toBe(true);
      const ids = first.data!.items.map((entry) => BigInt(entry.id));
      expect([...ids].sort((a, b) => (a < b ? 1 : -1))).toEqual(ids);
      const second = await admin.GET('/api/admin/audit', {
        params: { query: { actor: adminId, action: 'admin.', limit: 3, cursor: first.data!.nextCursor! } },
      });
      expect(BigInt(second.data!.items[0]!.id) < ids.at(-1)!).toBe(true);

      let cursor: string | undefined;
      let total = 0;
      do {
        const page = await admin.GET('/api/admin/audit', { params: { query: { action: 'admin.calendar_day', limit: 1, ...(cursor ? { cursor } : {}) } } });
        total += page.data!.items.length;
        cursor = page.data!.nextCursor ?? undefined;
      } while (cursor);
      expect(total).toBe(4);
    });

    it('filters by since, and refuses a malformed filter with 400', async () => {
      const future = await admin.GET('/api/admin/audit', { params: { query: { since: '2999-01-01T00:00:00Z' } } });
      expect(future.data).toEqual({ items: [], nextCursor: null });
      expect((await admin.GET('/api/admin/audit', { params: { query: { since: 'yesterday' } } })).response.status).toBe(400);
    });
  });
});
