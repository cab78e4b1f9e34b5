// The public pages of the selection (issue 13): rounds taking registrations and the catalogue of recognised
// products, read without signing in and rate-limited per address like the certificate check.
import { WorkflowRunner } from '@khuyencong/workflow';
import { loadDemoUsers, seedDemoUsers } from '../src/demo/demo-users.js';
import { CURRENT_COMMUNE, CURRENT_PROVINCE, DEMO_CONTACTS, seedCurrentYearDemo } from '../src/demo/current-year.js';
import { BROWSE_RATE_LIMIT_PER_MINUTE } from '../src/selection/public/public-catalogue.service.js';
import { startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

interface PublicRound {
  id: string;
  name: string;
  level: string;
  scopeCode: string;
  scopeName: string;
  registrationClosesAt: string;
  criteria: { code: string; maxPoints: number }[];
  contact: unknown;
}
interface Page {
  items: {
    certificateNumber: string;
    productName: string;
    productGroup: string | null;
    provinceCode: string;
    provinceName: string | null;
    communeName: string | null;
  }[];
  total: number;
  page: number;
  pageSize: number;
}

const DAY = 86_400_000;

describe('the public pages of the selection', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    h = http(api);
    const db = api.database.dataSource;
    await api.app.get(WorkflowRunner).definitions.publishAll(db.manager);
    await db.transaction((manager) => seedDemoUsers(manager));
    await seedCurrentYearDemo(db);
    const rows = await db.query<{ id: string; level: string }[]>(`SELECT id, level FROM rounds WHERE year = 2026`);
    for (const row of rows) ids[row.level] = row.id;
    const round = async (name: string, level: string, scopeCode: string, year: number, status: string, opens: number, closes: number) => {
      const [row] = await db.query<{ id: string }[]>(
        `INSERT INTO rounds (name, level, year, scope_type, scope_code, status, registration_opens_at, registration_closes_at) VALUES ($1, $2, $3, $2, $4, $5, $6, $7) RETURNING id`,
        [name, level, year, scopeCode, status, new Date(opens).toISOString(), new Date(closes).toISOString()],
      );
      return row!.id;
    };
    const now = Date.now();
    ids.daklak = await round('Bình chọn tỉnh Đắk Lắk', 'province', 'dak-lak-2025', 2026, 'open', now - DAY, now + 10 * DAY);
    ids.region = await round('Bình chọn khu vực miền Trung - Tây Nguyên', 'region', 'CENTRAL_HIGHLANDS', 2026, 'open', now - DAY, now + 20 * DAY);
    ids.national = await round('Bình chọn cấp quốc gia', 'national', 'VN', 2026, 'open', now - DAY, now + 40 * DAY);
    ids.upcoming = await round('Bình chọn tỉnh Gia Lai 2027', 'province', CURRENT_PROVINCE, 2027, 'open', now + 30 * DAY, now + 60 * DAY);
    ids.north = await round('Bình chọn khu vực phía Bắc', 'region', 'NORTH', 2026, 'open', now - DAY, now + 5 * DAY);
    ids.closedStatus = await round('Bình chọn tỉnh Đắk Lắk 2027', 'province', 'dak-lak-2025', 2027, 'closed', now - DAY, now + 5 * DAY);
    ids.pastWindow = await round('Bình chọn tỉnh Đắk Lắk 2025', 'province', 'dak-lak-2025', 2025, 'open', now - 20 * DAY, now - DAY);

    // Certificates of the demo's 2026 entries: two in force, one revoked, one past its validity.
    const entries = await db.query<{ instance_id: string; establishment_id: string; product_name: string; round_id: string }[]>(
      `SELECT instance_id, establishment_id, product_name, round_id FROM entries ORDER BY product_name`,
    );
    const [decision] = await db.query<{ id: string }[]>(
      `INSERT INTO recognition_decisions (round_id, number, decided_on, issuer, entry_count) VALUES ($1, '12/QĐ-UBND', '2026-06-01', 'UBND tỉnh Gia Lai', 4) RETURNING id`,
      [ids.province],
    );
    const certify = (product: string, number: string, status: string, validUntil: string) => {
      const index = entries.findIndex((entry) => entry.product_name === product);
      return db.query(
        `INSERT INTO certificates (number, level, year, sequence, instance_id, decision_id, round_id, establishment_id, product_name, issued_on, valid_until, status,
                                   revocation_reason, revocation_decision_ref)
         VALUES ($1, 'province', 2026, $2, $3, $4, $5, $6, $7, least('2026-06-01'::date, $8::date), $8, $9, CASE WHEN $9 = 'revoked' THEN 'Vi phạm' END, CASE WHEN $9 = 'revoked' THEN '3/QĐ-UBND' END)`,
        [
          number,
          Number(number.slice(-4)),
          entries[index]!.instance_id,
          decision!.id,
          entries[index]!.round_id,
          entries[index]!.establishment_id,
          entries[index]!.product_name,
          validUntil,
          status,
        ],
      );
    };
    await certify('Cà phê Robusta rang mộc Ia Mơ', 'T-GL-2026-0001', 'valid', '2029-12-31');
    await certify('Khăn choàng thổ cẩm Jrai Ia Ly', 'T-GL-2026-0002', 'valid', '2029-12-31');
    await certify('Túi thổ cẩm hoa văn Jrai', 'T-GL-2026-0003', 'revoked', '2029-12-31');
    await certify('Váy thổ cẩm Jrai dệt tay', 'T-GL-2026-0004', 'valid', '2026-01-31'); // issued and expired the same day: valid in the table, not in force
  }, 180_000);
  afterAll(() => api.close());

  describe('GET /api/public/rounds', () => {
    it('lists open rounds whose registration has not closed, upcoming ones too, soonest closing first, without a token', async () => {
      const reply = await h.call<{ items: PublicRound[] }>(null, 'GET', '/api/public/rounds');
      expect(reply.status).toBe(200);
      const listed = reply.body.items.map((item) => item.id);
      expect(listed).toEqual(expect.arrayContaining([ids.commune, ids.province, ids.daklak, ids.region, ids.national, ids.upcoming, ids.north]));
      expect(listed).not.toContain(ids.closedStatus);
      expect(listed).not.toContain(ids.pastWindow);
      const closing = reply.body.items.map((item) => Date.parse(item.registrationClosesAt));
      expect(closing).toEqual([...closing].sort((a, b) => a - b));
      const commune = reply.body.items.find((item) => item.id === ids.commune)!;
      expect(commune).toMatchObject({
        level: 'commune',
        scopeCode: CURRENT_COMMUNE,
        scopeName: 'Xã Ia Ly',
        criteriaSetCode: 'TT26-PL4',
        passThreshold: 70,
        screeningWorkingDays: 10,
      });
      expect(commune.criteria).toEqual([
        { code: 'MARKET', name: 'Đáp ứng thị trường và khả năng phát triển sản xuất', maxPoints: 40 },
        { code: 'ECON_TECH_SOC_ENV', name: 'Kinh tế - kỹ thuật - xã hội và môi trường', maxPoints: 40 },
        { code: 'CULTURE_AESTHETIC', name: 'Tính văn hóa, tính thẩm mỹ', maxPoints: 10 },
        { code: 'OTHER', name: 'Một số tiêu chí khác', maxPoints: 10 },
      ]);
      // Whom an applicant asks before applying: the round's contact, or null when it names none (the organiser is meant).
      expect(commune.contact).toEqual(DEMO_CONTACTS.commune);
      expect(reply.body.items.find((item) => item.id === ids.national)?.contact).toBeNull();
      expect(reply.body.items.find((item) => item.id === ids.national)?.scopeName).toBe('Toàn quốc');
      expect(reply.body.items.find((item) => item.id === ids.region)?.scopeName).toBe('Khu vực miền Trung - Tây Nguyên');
    });

    it('filters by province (its own rounds, its communes’, its region’s and national ones) and by level', async () => {
      const gialai = await h.call<{ items: PublicRound[] }>(null, 'GET', `/api/public/rounds?provinceCode=${CURRENT_PROVINCE}`);
      expect(gialai.body.items.map((item) => item.id).sort()).toEqual([ids.commune, ids.province, ids.region, ids.national, ids.upcoming].sort());
      const daklak = await h.call<{ items: PublicRound[] }>(null, 'GET', '/api/public/rounds?provinceCode=dak-lak-2025');
      expect(daklak.body.items.map((item) => item.id).sort()).toEqual([ids.daklak, ids.region, ids.national].sort());
      const communes = await h.call<{ items: PublicRound[] }>(null, 'GET', '/api/public/rounds?level=commune');
      expect(communes.body.items.map((item) => item.level)).toEqual(['commune']);
    });

    it('answers 400 to a bad level or an unknown parameter', async () => {
      expect((await h.call<{ code: string }>(null, 'GET', '/api/public/rounds?level=world')).body.code).toBe('MALFORMED_REQUEST');
      expect((await h.call(null, 'GET', '/api/public/rounds?status=closed')).status).toBe(400);
    });
  });

  describe('GET /api/public/products', () => {
    it('lists certificates in force only (not revoked, not expired), with names, without a token', async () => {
      const reply = await h.call<Page>(null, 'GET', '/api/public/products');
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
      expect(reply.body.items.map((item) => item.certificateNumber).sort()).toEqual(['T-GL-2026-0001', 'T-GL-2026-0002']);
      const khan = reply.body.items.find((item) => item.certificateNumber === 'T-GL-2026-0002')!;
      expect(khan).toMatchObject({
        productName: 'Khăn choàng thổ cẩm Jrai Ia Ly',
        productGroup: 'HANDICRAFT',
        establishmentName: loadDemoUsers().establishment.name,
        provinceCode: CURRENT_PROVINCE,
        provinceName: 'Gia Lai',
        communeCode: CURRENT_COMMUNE,
        communeName: 'Xã Ia Ly',
        level: 'province',
        year: 2026,
        issuedOn: '2026-06-01',
        validUntil: '2029-12-31',
      });
    });

    it('searches product and establishment names without accents, and filters by unit, group, level and year', async () => {
      const search = async (query: string) =>
        (await h.call<Page>(null, 'GET', `/api/public/products?${query}`)).body.items.map((item) => item.certificateNumber).sort();
      expect(await search(`q=${encodeURIComponent('khan choang')}`)).toEqual(['T-GL-2026-0002']);
      expect(await search(`q=${encodeURIComponent('CÀ PHÊ')}`)).toEqual(['T-GL-2026-0001']);
      expect(await search(`q=${encodeURIComponent('dệt thổ cẩm ia mơ')}`)).toEqual(['T-GL-2026-0002']);
      expect(await search(`provinceCode=${CURRENT_PROVINCE}`)).toEqual(['T-GL-2026-0001', 'T-GL-2026-0002']);
      expect(await search('provinceCode=dak-lak-2025')).toEqual([]);
      expect(await search(`communeCode=${CURRENT_COMMUNE}`)).toEqual(['T-GL-2026-0002']);
      expect(await search('productGroup=PROCESSED_FOOD')).toEqual(['T-GL-2026-0001']);
      expect(await search('level=province&year=2026')).toEqual(['T-GL-2026-0001', 'T-GL-2026-0002']);
      expect(await search('level=commune')).toEqual([]);
      expect(await search('year=2025')).toEqual([]);
    });

    it('pages: the total stays, past the last page the page is empty', async () => {
      const second = await h.call<Page>(null, 'GET', '/api/public/products?pageSize=1&page=2');
      expect(second.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(second.body.items).toHaveLength(1);
      const beyond = await h.call<Page>(null, 'GET', '/api/public/products?pageSize=1&page=5');
      expect(beyond.body).toMatchObject({ items: [], total: 2, page: 5 });
    });

    it('answers 400 to a page size above 100, a page below 1 or an unknown group', async () => {
      for (const query of ['pageSize=101', 'page=0', 'productGroup=FOOD', 'year=abc']) {
        expect([query, (await h.call(null, 'GET', `/api/public/products?${query}`)).status]).toEqual([query, 400]);
      }
    });

    it('limits browsing per address: past the minute’s allowance 429 RATE_LIMITED with Retry-After', async () => {
      let limited: Response | undefined;
      for (let count = 0; count <= BROWSE_RATE_LIMIT_PER_MINUTE + 1 && !limited; count++) {
        const response = await fetch(`${api.baseUrl}/api/public/rounds`);
        if (response.status === 429) limited = response;
        else await response.arrayBuffer();
      }
      expect(limited?.status).toBe(429);
      expect(((await limited!.json()) as { code: string }).code).toBe('RATE_LIMITED');
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });
});
