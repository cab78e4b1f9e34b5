// Office uploads over HTTP (issue 17, item 15): the zip-bomb check counts what an archive really inflates to,
// and Office files carrying programs, scripts or macros are refused with the reason.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZip, minimalDocx } from '../src/documents/zip-builder.js';
import { createUser, startTestApi, type TestApi } from './harness.js';

const PASSWORD = 'mat-khau-12345';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CONTENT_TYPES = { name: '[Content_Types].xml', content: '<Types/>' };
const MB = 1024 * 1024;

describe('Office uploads are inflated and inspected', () => {
  let api: TestApi;
  let storage: string;
  let token: string;

  async function upload(content: Buffer, name = 'Bản mô tả.docx') {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)], { type: DOCX_TYPE }), name);
    const response = await fetch(`${api.baseUrl}/api/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as { code?: string; message?: string } };
  }

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'kc-uploads-hardening-'));
    // The defaults: 20 MB uploads, 200 MB uncompressed.
    api = await startTestApi({ DOCUMENT_STORAGE_DIR: storage, LOGIN_RATE_LIMIT_PER_MINUTE: '1000' });
    await createUser(api, 'officer@example.vn', PASSWORD, [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }]);
    const { data } = await api.client.POST('/api/auth/login', { body: { email: 'officer@example.vn', password: PASSWORD } });
    token = data!.accessToken;
  });
  afterAll(async () => {
    await api.close();
    await rm(storage, { recursive: true, force: true });
  });

  it('refuses 100 MB of zeros that declares 102 KB, and stores nothing', async () => {
    const bomb = buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: Buffer.alloc(100 * MB), declaredSize: 102 * 1024 }]);
    const { status, body } = await upload(bomb);
    expect(status).toBe(422);
    expect(body.code).toBe('ZIP_BOMB');
    expect(await readdir(storage)).toEqual([]);
  });

  it('refuses a DOCX carrying a program or macros with 422 EXECUTABLE_CONTENT naming the entries', async () => {
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('This program cannot be run in DOS mode.')]);
    const docx = buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: '<w:document/>' }, { name: 'word/media/image1.png', content: pe }]);
    const { status, body } = await upload(docx);
    expect(status).toBe(422);
    expect(body.code).toBe('EXECUTABLE_CONTENT');
    expect(body.message).toContain('word/media/image1.png');
    const macros = await upload(
      buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: '<w/>' }, { name: 'word/vbaProject.bin', content: Buffer.alloc(64, 1) }]),
    );
    expect(macros).toMatchObject({ status: 422, body: { code: 'EXECUTABLE_CONTENT' } });
    expect(macros.body.message).toContain('vbaProject.bin');
  });

  it('still accepts an ordinary DOCX', async () => {
    expect((await upload(minimalDocx())).status).toBe(201);
  });
});
