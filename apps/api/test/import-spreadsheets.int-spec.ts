// Spreadsheet import over HTTP: bad files, the dry run, one transaction per apply, idempotent re-runs, scope, and
// two applies of the same file at once.
import ExcelJS from 'exceljs';
import { createUser, startTestApi, type TestApi } from './harness.js';

const PASSWORD = 'mat-khau-12345';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ESTABLISHMENT_HEADERS = ['Tên cơ sở', 'Loại hình', 'Số đăng ký kinh doanh', 'Mã số thuế', 'Địa chỉ', 'Xã/phường'];

interface Report {
  kind: string;
  format: string;
  applied: boolean;
  totals: { rows: number; created: number; updated: number; unchanged: number; refused: number };
  rows: { row: number; outcome: string; label: string; problems: { column: string; message: string }[] }[];
  code?: string;
  message?: string;
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Dữ liệu');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A matcher for a message containing the text (typed, so the object literals stay typed). */
const has = (text: string): string => {
  const matcher: unknown = expect.stringContaining(text);
  return matcher as string;
};

const csv = (rows: (string | number)[][], delimiter = ',', bom = false) =>
  Buffer.from(
    `${bom ? '\uFEFF' : ''}${rows.map((row) => row.map((cell) => (String(cell).includes(delimiter) ? `"${String(cell)}"` : String(cell))).join(delimiter)).join('\r\n')}\r\n`,
    'utf8',
  );

/** Establishment rows with distinct tax codes, in communes of Gia Lai. */
function establishmentRows(count: number, prefix: string): (string | number)[][] {
  return Array.from({ length: count }, (_, index) => [
    `Cơ sở ${prefix} số ${index + 1}`,
    index % 3 === 0 ? 'Hộ kinh doanh' : index % 3 === 1 ? 'Hợp tác xã' : 'Doanh nghiệp',
    `${prefix.toUpperCase()}-${1000 + index}`,
    `0${String(prefix.charCodeAt(0) % 10)}${String(10_000_000 + index).slice(-8)}`,
    `Thôn ${index + 1}`,
    index % 2 === 0 ? 'Xã Ia Ly' : '21607',
  ]);
}

describe('spreadsheet import over HTTP', () => {
  let api: TestApi;
  const tokens: Record<string, string> = {};

  async function login(email: string): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password: PASSWORD } });
    if (!data) throw new Error(`login failed for ${email}`);
    return data.accessToken;
  }

  async function send(who: string, kind: string, step: 'dry-run' | 'apply', content: Buffer | undefined, type = XLSX_TYPE, name = 'danh-sach.xlsx') {
    const form = new FormData();
    if (content) form.append('file', new Blob([new Uint8Array(content)], { type }), name);
    const response = await fetch(`${api.baseUrl}/api/imports/${kind}/${step}`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
    return { status: response.status, body: (await response.json()) as Report };
  }

  const establishmentCount = async (likeName: string) =>
    Number(
      (
        await api.database.dataSource.query<{ n: string }[]>(`SELECT count(*)::text AS n FROM organisations WHERE type = 'establishment' AND name LIKE $1`, [
          `${likeName}%`,
        ])
      )[0]!.n,
    );

  beforeAll(async () => {
    api = await startTestApi();
    await createUser(api, 'so.gialai@example.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]);
    await createUser(api, 'so.daklak@example.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'dak-lak-2025' }]);
    await createUser(api, 'xa.ialy@example.vn', PASSWORD, [{ role: 'commune_officer', scopeType: 'commune', scopeId: '23734' }]);
    await createUser(api, 'coso@example.vn', PASSWORD, []);
    for (const who of ['so.gialai', 'so.daklak', 'xa.ialy', 'coso']) tokens[who] = await login(`${who}@example.vn`);
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it('serves each template as .xlsx with Vietnamese headers and as .csv with a BOM', async () => {
    const response = await fetch(`${api.baseUrl}/api/imports/establishments/template?format=xlsx`, {
      headers: { authorization: `Bearer ${tokens['so.gialai']}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect((workbook.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual(ESTABLISHMENT_HEADERS);
    for (const kind of ['plan-lines', 'consulting-revenues']) {
      const text = await fetch(`${api.baseUrl}/api/imports/${kind}/template?format=csv`, { headers: { authorization: `Bearer ${tokens['so.gialai']}` } });
      expect(text.status).toBe(200);
      const body = Buffer.from(await text.arrayBuffer()).toString('utf8');
      expect(body.startsWith('\uFEFFTỉnh,')).toBe(true);
    }
    const applicant = await fetch(`${api.baseUrl}/api/imports/establishments/template`, { headers: { authorization: `Bearer ${tokens.coso}` } });
    expect(applicant.status).toBe(403);
  });

  it('refuses bad files with a 4xx and a code: none, wrong type, too big, missing columns, no data rows', async () => {
    expect(await send('so.gialai', 'establishments', 'dry-run', undefined)).toMatchObject({ status: 400, body: { code: 'FILE_REQUIRED' } });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    // Named .xlsx and declared as one: the content decides.
    expect(await send('so.gialai', 'establishments', 'dry-run', png)).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_FILE_TYPE' } });
    const latin1 = Buffer.from('T\xean c\xf4 s\xf4\n', 'latin1');
    expect(await send('so.gialai', 'establishments', 'dry-run', latin1, 'text/csv', 'a.csv')).toMatchObject({
      status: 415,
      body: { code: 'UNSUPPORTED_FILE_TYPE' },
    });
    const huge = Buffer.alloc(6 * 1024 * 1024, 'a');
    expect(await send('so.gialai', 'establishments', 'dry-run', huge, 'text/csv', 'a.csv')).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    const missing = await send(
      'so.gialai',
      'establishments',
      'dry-run',
      await xlsx([
        ['Tên cơ sở', 'Loại hình'],
        ['Cơ sở A', 'Hộ kinh doanh'],
      ]),
    );
    expect(missing).toMatchObject({ status: 422, body: { code: 'MISSING_COLUMNS' } });
    expect(missing.body.message).toContain('Số đăng ký kinh doanh');
    expect(await send('so.gialai', 'establishments', 'dry-run', await xlsx([ESTABLISHMENT_HEADERS]))).toMatchObject({
      status: 422,
      body: { code: 'EMPTY_FILE' },
    });
    expect(await send('so.gialai', 'establishments', 'dry-run', csv([]), 'text/csv', 'a.csv')).toMatchObject({ status: 422, body: { code: 'EMPTY_FILE' } });
    expect(await send('xa.ialy', 'plan-lines', 'dry-run', csv([['Tỉnh'], ['Gia Lai']]), 'text/csv', 'a.csv')).toMatchObject({
      status: 403,
      body: { code: 'NOT_ALLOWED' },
    });
  });

  it('reports a dry run row by row without writing, applies the valid rows once, and a re-run changes nothing', async () => {
    const rows = establishmentRows(12, 'alpha');
    rows[3]![3] = '12345'; // tax code too short
    rows[7]![5] = 'Xã Không Có Thật'; // unknown commune
    rows[9]![1] = 'Công ty ma'; // not a legal form
    const file = await xlsx([ESTABLISHMENT_HEADERS, ...rows]);

    const dry = await send('so.gialai', 'establishments', 'dry-run', file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ applied: false, format: 'xlsx', totals: { rows: 12, created: 9, refused: 3, unchanged: 0, updated: 0 } });
    const refused = dry.body.rows.filter((row) => row.outcome === 'refused');
    expect(refused.map((row) => row.row)).toEqual([5, 9, 11]);
    expect(refused[0]!.problems).toMatchObject([{ column: 'Mã số thuế', message: has('10 chữ số') }]);
    expect(refused[1]!.problems).toMatchObject([{ column: 'Xã/phường', message: has('Xã Không Có Thật') }]);
    expect(refused[2]!.problems).toMatchObject([{ column: 'Loại hình' }]);
    expect(await establishmentCount('Cơ sở alpha')).toBe(0);

    const applied = await send('so.gialai', 'establishments', 'apply', file);
    expect(applied.body).toMatchObject({ applied: true, totals: { created: 9, refused: 3 } });
    expect(await establishmentCount('Cơ sở alpha')).toBe(9);
    // A refused row left nothing: no establishment, no audit entry; the created ones carry their address and commune.
    const audits = await api.database.dataSource.query<{ n: string }[]>(
      `SELECT count(*)::text AS n FROM audit_log a JOIN organisations o ON o.id = a.target_id::uuid WHERE a.action = 'establishment.register' AND o.name LIKE 'Cơ sở alpha%'`,
    );
    expect(Number(audits[0]!.n)).toBe(9);
    const [first] = await api.database.dataSource.query<
      { address: string; commune_code: string; province_code: string; legal_form: string; verified: boolean }[]
    >(`SELECT address, commune_code, province_code, legal_form, verified FROM organisations WHERE name = 'Cơ sở alpha số 1'`);
    expect(first).toEqual({ address: 'Thôn 1', commune_code: '23734', province_code: 'gia-lai-2025', legal_form: 'household_business', verified: false });

    const again = await send('so.gialai', 'establishments', 'apply', file);
    expect(again.body.totals).toEqual({ rows: 12, created: 0, updated: 0, unchanged: 9, refused: 3 });
    expect(await establishmentCount('Cơ sở alpha')).toBe(9);

    // A corrected name is an update of the same establishment (found by its tax code).
    rows[0]![0] = 'Cơ sở alpha số 1 (đổi tên)';
    const renamed = await send('so.gialai', 'establishments', 'apply', await xlsx([ESTABLISHMENT_HEADERS, ...rows]));
    expect(renamed.body.totals).toMatchObject({ updated: 1, unchanged: 8, created: 0 });
    expect(await establishmentCount('Cơ sở alpha')).toBe(9);
  });

  it('keeps each officer to their own area: so.daklak cannot import into Gia Lai, a commune officer only into their commune', async () => {
    const rows = establishmentRows(2, 'beta');
    const file = csv([ESTABLISHMENT_HEADERS, ...rows], ';', true);
    const daklak = await send('so.daklak', 'establishments', 'apply', file, 'text/csv', 'a.csv');
    expect(daklak.body.totals).toMatchObject({ created: 0, refused: 2 });
    expect(daklak.body.rows[0]!.problems[0]).toMatchObject({ column: 'Xã/phường', message: has('ngoài địa bàn') });
    const commune = await send('xa.ialy', 'establishments', 'apply', file, 'text/csv', 'a.csv');
    // Row 2 is in Ia Ly (created), row 3 in Nhơn Châu (refused).
    expect(commune.body.rows.map((row) => row.outcome)).toEqual(['created', 'refused']);
    expect(await establishmentCount('Cơ sở beta')).toBe(1);
    const plan = await send(
      'so.daklak',
      'plan-lines',
      'apply',
      csv([
        ['Tỉnh', 'Năm', 'Nhóm nội dung', 'Nguồn kinh phí', 'Số tiền kế hoạch (đồng)'],
        ['Gia Lai', 2026, 'CG1', 'Địa phương', '1.000.000'],
      ]),
      'text/csv',
      'a.csv',
    );
    expect(plan.body.rows[0]).toMatchObject({ outcome: 'refused', problems: [{ column: 'Tỉnh', message: has('ngoài phạm vi') }] });
    const lines = await api.as(tokens['so.daklak']!).GET('/api/plan-lines', { params: { query: { provinceCode: 'gia-lai-2025', year: 2026 } } });
    expect(lines.response.status).toBe(404);
  });

  it('two applies of the same file at once create each establishment once', async () => {
    const file = await xlsx([ESTABLISHMENT_HEADERS, ...establishmentRows(40, 'gamma').map((row) => [row[0]!, row[1]!, row[2]!, '', row[4]!, row[5]!])]);
    const [one, two] = await Promise.all([send('so.gialai', 'establishments', 'apply', file), send('so.gialai', 'establishments', 'apply', file)]);
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    expect(one.body.totals.created + two.body.totals.created).toBe(40);
    expect(one.body.totals.unchanged + two.body.totals.unchanged).toBe(40);
    expect(await establishmentCount('Cơ sở gamma')).toBe(40);
  });

  it('imports plan lines from a semicolon CSV with a BOM, lists them, and updates only a changed amount', async () => {
    const header = ['Tỉnh', 'Năm', 'Nhóm nội dung', 'Nguồn kinh phí', 'Số tiền kế hoạch (đồng)'];
    const rows = [
      ['Gia Lai', 2026, 'CG1', 'Địa phương', '1.500.000.000'],
      ['52', 2026, 'CG2', 'Quốc gia', '800000000'],
      ['Gia Lai', 2026, 'CG99', 'Địa phương', '1'],
      ['Gia Lai', 2026, 'CG3', 'Ngân hàng', 'nhiều'],
    ];
    const file = csv([header, ...rows], ';', true);
    const applied = await send('so.gialai', 'plan-lines', 'apply', file, 'text/csv', 'ke-hoach.csv');
    expect(applied.body).toMatchObject({ format: 'csv', totals: { created: 2, refused: 2 } });
    expect(applied.body.rows[3]!.problems.map((problem) => problem.column)).toEqual(['Số tiền kế hoạch (đồng)', 'Nguồn kinh phí']);
    const { data } = await api.as(tokens['so.gialai']!).GET('/api/plan-lines', { params: { query: { provinceCode: 'gia-lai-2025', year: 2026 } } });
    expect(data!.items.map((line) => [line.contentGroupCode, line.fundingSource, line.plannedAmount])).toEqual([
      ['CG1', 'LOCAL', 1_500_000_000],
      ['CG2', 'NATIONAL', 800_000_000],
    ]);
    expect(data!.total).toBe(2_300_000_000);
    expect((await send('so.gialai', 'plan-lines', 'apply', file, 'text/csv', 'ke-hoach.csv')).body.totals).toMatchObject({ created: 0, unchanged: 2 });
    rows[0]![4] = '1.600.000.000';
    const changed = await send('so.gialai', 'plan-lines', 'apply', csv([header, ...rows], ',', false), 'text/csv', 'ke-hoach.csv');
    expect(changed.body.totals).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  });

  it('imports consulting revenues by province, client and signing date, within the contract value', async () => {
    const created = await api.as(tokens['so.gialai']!).POST('/api/consulting/engagements', {
      body: {
        provinceCode: 'gia-lai-2025',
        centreName: 'Trung tâm Khuyến công Gia Lai',
        clientName: 'Công ty Chè Biển Hồ',
        service: 'Tư vấn lập dự án',
        contractValue: 100_000_000,
        signedOn: '2026-02-10',
      },
    });
    expect(created.response.status).toBe(201);
    const header = ['Tỉnh', 'Khách hàng', 'Ngày ký hợp đồng', 'Kỳ (YYYY-MM)', 'Doanh thu (đồng)'];
    const rows = [
      ['Gia Lai', 'công ty chè biển hồ', '10/02/2026', '2026-03', '40.000.000'],
      ['Gia Lai', 'Công ty Chè Biển Hồ', '10/02/2026', '04/2026', '50.000.000'],
      ['Gia Lai', 'Công ty Chè Biển Hồ', '10/02/2026', '2026-05', '20.000.000'],
      ['Gia Lai', 'Công ty Không Có', '10/02/2026', '2026-03', '1'],
    ];
    const file = csv([header, ...rows]);
    const dry = await send('so.gialai', 'consulting-revenues', 'dry-run', file, 'text/csv', 'doanh-thu.csv');
    expect(dry.body.rows.map((row) => row.outcome)).toEqual(['created', 'created', 'refused', 'refused']);
    expect(dry.body.rows[2]!.problems[0]).toMatchObject({ column: 'Doanh thu (đồng)', message: has('vượt giá trị hợp đồng') });
    expect(dry.body.rows[3]!.problems[0]).toMatchObject({ column: 'Khách hàng', message: has('Không có hợp đồng') });
    const applied = await send('so.gialai', 'consulting-revenues', 'apply', file, 'text/csv', 'doanh-thu.csv');
    expect(applied.body.totals).toMatchObject({ created: 2, refused: 2 });
    const { data } = await api.as(tokens['so.gialai']!).GET('/api/consulting/engagements/{id}', { params: { path: { id: created.data!.id } } });
    expect(data!.revenues).toEqual([
      { period: '2026-03', amount: 40_000_000 },
      { period: '2026-04', amount: 50_000_000 },
    ]);
    expect((await send('so.gialai', 'consulting-revenues', 'apply', file, 'text/csv', 'doanh-thu.csv')).body.totals).toMatchObject({
      created: 0,
      unchanged: 2,
      refused: 2,
    });
    const daklak = await send('so.daklak', 'consulting-revenues', 'apply', file, 'text/csv', 'doanh-thu.csv');
    expect(daklak.body.totals).toMatchObject({ refused: 4 });
  });
});
