import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZip, minimalDocx, minimalXlsx } from '../src/documents/zip-builder.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

const PASSWORD = 'mat-khau-12345';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface UploadedDocument {
  id: string;
  sha256: string;
  sizeBytes: number;
  mimeType: string;
  originalName: string;
  ownerOrganisationId: string | null;
  deduplicated: boolean;
}

describe('documents over HTTP', () => {
  let api: TestApi;
  let storage: string;
  const tokens: Record<string, string> = {};
  let gomBauTruc: string; // establishment in Ninh Thuận
  let otherEstablishment: string; // establishment in Gia Lai

  async function login(email: string): Promise<string> {
    const { data } = await api.client.POST('/api/auth/login', { body: { email, password: PASSWORD } });
    if (!data) throw new Error(`login failed for ${email}`);
    return data.accessToken;
  }

  async function upload(token: string | undefined, content: Buffer, name: string, type: string, fields: Record<string, string> = {}) {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append('file', new Blob([new Uint8Array(content)], { type }), name);
    const response = await fetch(`${api.baseUrl}/api/documents`, {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, body: (await response.json()) as UploadedDocument & { code?: string; message?: string } };
  }

  const download = (token: string, id: string) => fetch(`${api.baseUrl}/api/documents/${id}`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'kc-documents-'));
    api = await startTestApi({ DOCUMENT_STORAGE_DIR: storage, UPLOAD_MAX_BYTES: '65536', UPLOAD_MAX_UNCOMPRESSED_BYTES: '1048576' });
    const organisations = await api.database.dataSource.query<{ id: string }[]>(
      `INSERT INTO organisations (type, name, province_code) VALUES ('establishment', 'HTX gốm Bàu Trúc', 'khanh-hoa-2025'), ('establishment', 'Cơ sở cà phê Pleiku', 'gia-lai-2025') RETURNING id`,
    );
    gomBauTruc = organisations[0]!.id;
    otherEstablishment = organisations[1]!.id;
    await createUser(api, 'applicant@example.vn', PASSWORD, [{ role: 'applicant', scopeType: 'establishment', scopeId: gomBauTruc }]);
    await createUser(api, 'other-applicant@example.vn', PASSWORD, [{ role: 'applicant', scopeType: 'establishment', scopeId: otherEstablishment }]);
    await createUser(api, 'khanh-hoa@example.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'khanh-hoa-2025' }]);
    await createUser(api, 'gia-lai@example.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]);
    await createUser(api, 'central-region@example.vn', PASSWORD, [{ role: 'central_officer', scopeType: 'region', scopeId: 'CENTRAL_HIGHLANDS' }]);
    for (const email of ['applicant', 'other-applicant', 'khanh-hoa', 'gia-lai', 'central-region']) tokens[email] = await login(`${email}@example.vn`);
  });
  afterAll(async () => {
    await api.close();
    await rm(storage, { recursive: true, force: true });
  });

  describe('upload', () => {
    it("stores a PDF with its SHA-256 and the uploader's establishment as owner", async () => {
      const { status, body } = await upload(tokens.applicant, PDF, 'Đơn đăng ký.pdf', 'application/pdf');
      expect(status).toBe(201);
      expect(body).toMatchObject({
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        originalName: 'Đơn đăng ký.pdf',
        ownerOrganisationId: gomBauTruc,
        deduplicated: false,
      });
      expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
      const files = await readdir(join(storage, body.sha256.slice(0, 2), body.sha256.slice(2, 4)));
      expect(files).toEqual([body.sha256]);
      const [audit] = await api.database.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_log WHERE target_id = $1`, [body.id]);
      expect(audit?.action).toBe('document.upload');
    });

    it.each([
      ['a PNG', PNG, 'ảnh sản phẩm.png', 'image/png'],
      ['a DOCX', minimalDocx(), 'mô tả.docx', DOCX_TYPE],
      ['an XLSX', minimalXlsx(), 'dự toán.xlsx', XLSX_TYPE],
    ])('accepts %s whose content matches its declared type', async (_label, content, name, type) => {
      const { status, body } = await upload(tokens.applicant, content, name, type);
      expect(status).toBe(201);
      expect(body.mimeType).toBe(type);
    });

    it('stores identical content once on disk even when two people upload it, and returns the same document on a repeat', async () => {
      const content = Buffer.concat([PDF, Buffer.from('% shared copy\n')]);
      const first = await upload(tokens.applicant, content, 'a.pdf', 'application/pdf');
      const repeat = await upload(tokens.applicant, content, 'a-again.pdf', 'application/pdf');
      const other = await upload(tokens['other-applicant'], content, 'b.pdf', 'application/pdf');
      expect(repeat.body).toMatchObject({ id: first.body.id, deduplicated: true });
      expect(other.body.id).not.toBe(first.body.id);
      expect(other.body.sha256).toBe(first.body.sha256);
      const folder = join(storage, first.body.sha256.slice(0, 2), first.body.sha256.slice(2, 4));
      expect((await readdir(folder)).filter((file) => file.startsWith(first.body.sha256))).toEqual([first.body.sha256]);
    });

    it('strips directories and bidi-format characters from the original name, keeping Vietnamese letters', async () => {
      const { body } = await upload(tokens.applicant, Buffer.concat([PDF, Buffer.from('%x\n')]), '..\\..\\etc\\hồ\u202E sơ.pdf', 'application/pdf');
      expect(body.originalName).toBe('hồ sơ.pdf');
    });

    it('answers 413 with the limit when the file is larger than UPLOAD_MAX_BYTES', async () => {
      const { status, body } = await upload(tokens.applicant, Buffer.concat([PDF, Buffer.alloc(70_000, 0x20)]), 'big.pdf', 'application/pdf');
      expect(status).toBe(413);
      expect(body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: 65536 });
      expect(body.message).toContain('0.1 MB');
    });

    it('answers 415 for content outside the allow-list, whatever the declared type says', async () => {
      const { status, body } = await upload(tokens.applicant, Buffer.from('<html><script>alert(1)</script></html>'), 'scan.pdf', 'application/pdf');
      expect(status).toBe(415);
      expect(body.code).toBe('UNSUPPORTED_TYPE');
    });

    it('answers 415 TYPE_MISMATCH when a PNG is declared as a PDF', async () => {
      const { status, body } = await upload(tokens.applicant, PNG, 'photo.pdf', 'application/pdf');
      expect(status).toBe(415);
      expect(body.code).toBe('TYPE_MISMATCH');
      expect(body.message).toContain('image/png');
    });

    it('answers 422 ZIP_BOMB for an Office file that expands more than 100:1', async () => {
      const bomb = buildZip([
        { name: '[Content_Types].xml', content: '<Types/>' },
        { name: 'word/document.xml', content: Buffer.alloc(900_000) },
      ]);
      const { status, body } = await upload(tokens.applicant, bomb, 'bomb.docx', DOCX_TYPE);
      expect(status).toBe(422);
      expect(body.code).toBe('ZIP_BOMB');
    });

    it('answers 422 ZIP_BOMB when the declared uncompressed total is above the limit', async () => {
      const liar = buildZip([
        { name: '[Content_Types].xml', content: '<Types/>' },
        { name: 'xl/workbook.xml', content: 'x'.repeat(20_000), declaredSize: 2_000_000 },
      ]);
      const { status, body } = await upload(tokens.applicant, liar, 'big.xlsx', XLSX_TYPE);
      expect(status).toBe(422);
      expect(body.message).toContain('uncompressed');
    });

    it('answers 400 when no file part is sent, and 401 without a token', async () => {
      const form = new FormData();
      form.append('note', 'no file');
      const response = await fetch(`${api.baseUrl}/api/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tokens.applicant}` } });
      expect(response.status).toBe(400);
      expect((await upload(undefined, PDF, 'a.pdf', 'application/pdf')).status).toBe(401);
    });

    it("refuses an explicit owner organisation outside the uploader's grants with 404", async () => {
      const { status } = await upload(tokens.applicant, PDF, 'a.pdf', 'application/pdf', { organisationId: otherEstablishment });
      expect(status).toBe(404);
    });
  });

  describe('download', () => {
    let documentId: string;
    const content = Buffer.concat([PDF, Buffer.from('% for download\n')]);

    beforeAll(async () => {
      documentId = (await upload(tokens.applicant, content, 'Giấy chứng nhận "ĐKKD".pdf', 'application/pdf')).body.id;
    });

    it('gives the uploader the bytes with type, RFC 5987 filename, nosniff and the length', async () => {
      const response = await download(tokens.applicant!, documentId);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-length')).toBe(String(content.length));
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="Giay chung nhan _DKKD_.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20nh%E1%BA%ADn%20_%C4%90KKD_.pdf`,
      );
    });

    it('lets officers whose province or region covers the owner establishment read it', async () => {
      expect((await download(tokens['khanh-hoa']!, documentId)).status).toBe(200);
      expect((await download(tokens['central-region']!, documentId)).status).toBe(200);
    });

    it('answers 404, not 403, to people outside the scope, exactly as for an unknown id', async () => {
      const outOfScope = await download(tokens['gia-lai']!, documentId);
      const otherApplicant = await download(tokens['other-applicant']!, documentId);
      const unknown = await download(tokens['gia-lai']!, '00000000-0000-4000-8000-000000000000');
      expect([outOfScope.status, otherApplicant.status, unknown.status]).toEqual([404, 404, 404]);
      const [a, b] = [(await outOfScope.json()) as { message: string }, (await unknown.json()) as { message: string }];
      expect(a.message).toBe(b.message);
    });

    it('answers 400 for an id that is not a UUID', async () => {
      expect((await download(tokens.applicant!, 'not-a-uuid')).status).toBe(400);
    });
  });
});
