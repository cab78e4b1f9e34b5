import { buildZip, minimalDocx, minimalXlsx } from './zip-builder.js';
import { declaredTypeMatches, sniffDocument } from './sniff.js';

const limits = { maxUncompressedBytes: 10 * 1024 * 1024, maxRatio: 100 };
const CONTENT_TYPES = { name: '[Content_Types].xml', content: '<Types/>' };

describe('sniffDocument', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'pdf'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'jpeg'],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'png'],
    ['a WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]), 'webp'],
    ['a DOCX', minimalDocx(), 'docx'],
    ['an XLSX', minimalXlsx(), 'xlsx'],
  ])('recognises %s by its bytes', async (_label, content, kind) => {
    expect(await sniffDocument(content, limits)).toMatchObject({ ok: true, kind });
  });

  it.each([
    ['plain text', Buffer.from('hello, this is not a document')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a RIFF file that is not WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WAVEfmt ')])],
    ['a ZIP without [Content_Types].xml', buildZip([{ name: 'word/document.xml', content: '<x/>' }])],
    ['an Office package that is neither Word nor Excel', buildZip([CONTENT_TYPES, { name: 'ppt/presentation.xml', content: '<p/>' }])],
  ])('refuses %s as an unsupported type', async (_label, content) => {
    expect(await sniffDocument(content, limits)).toMatchObject({ ok: false, reason: 'unsupported_type' });
  });

  it('refuses an archive whose declared uncompressed total exceeds the limit', async () => {
    const archive = buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: 'x'.repeat(5000), declaredSize: 11 * 1024 * 1024 }]);
    expect(await sniffDocument(archive, limits)).toMatchObject({ ok: false, reason: 'zip_bomb', detail: expect.stringContaining('uncompressed') as unknown });
  });

  it('refuses an archive that compresses more than 100:1 even under the size limit', async () => {
    const archive = buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: Buffer.alloc(2 * 1024 * 1024) }]);
    expect(await sniffDocument(archive, limits)).toMatchObject({ ok: false, reason: 'zip_bomb', detail: expect.stringContaining('ratio') as unknown });
  });

  it('refuses a truncated archive as malformed', async () => {
    const archive = minimalDocx();
    const broken = Buffer.concat([archive.subarray(0, 40), archive.subarray(archive.length - 200)]);
    expect(await sniffDocument(broken, limits)).toMatchObject({ ok: false, reason: 'malformed_archive' });
  });

  it('refuses an archive whose directory points outside the file', async () => {
    const archive = minimalDocx();
    const end = archive.length - 22;
    archive.writeUInt32LE(archive.length + 10, end + 16);
    expect(await sniffDocument(archive, limits)).toMatchObject({ ok: false, reason: 'malformed_archive' });
  });
});

describe('sniffDocument counts what an Office archive really holds', () => {
  it('refuses 100 MB of zeros declared as 102 KB (the declared sizes pass every check)', async () => {
    const archive = buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: Buffer.alloc(100 * 1024 * 1024), declaredSize: 102 * 1024 }]);
    expect(await sniffDocument(archive, { maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 100 })).toMatchObject({ ok: false, reason: 'zip_bomb' });
    // Building the archive deflates 100 MB, which takes seconds on a busy 2-core machine; the check itself stops at 102 KB.
  }, 30_000);

  it('refuses many entries that each understate what they hold', async () => {
    const pieces = Array.from({ length: 20 }, (_, index) => ({ name: `word/media/part${index}.xml`, content: Buffer.alloc(200 * 1024), declaredSize: 1024 }));
    expect(await sniffDocument(buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: '<w/>' }, ...pieces]), limits)).toMatchObject({
      ok: false,
      reason: 'zip_bomb',
    });
  });
});

describe('sniffDocument refuses Office files that carry executable content', () => {
  const docxWith = (...extra: { name: string; content: Buffer | string }[]) =>
    buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: '<w:document/>' }, ...extra]);
  const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('This program cannot be run in DOS mode.')]);

  it.each([
    ['an .exe entry', docxWith({ name: 'word/embeddings/setup.EXE', content: 'anything' }), 'setup.EXE'],
    ['a script entry', docxWith({ name: 'word/media/run.vbs', content: 'WScript.Echo 1' }), 'run.vbs'],
    ['a Windows executable under an image name', docxWith({ name: 'word/media/image1.png', content: PE }), 'image1.png'],
    ['an ELF binary', docxWith({ name: 'word/media/x.dat', content: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]) }), 'x.dat'],
    ['VBA macros', docxWith({ name: 'word/vbaProject.bin', content: Buffer.alloc(512, 1) }), 'vbaProject.bin'],
    [
      'an executable inside an embedded OLE object',
      docxWith({ name: 'word/embeddings/oleObject1.bin', content: Buffer.concat([Buffer.alloc(700, 3), PE]) }),
      'oleObject1.bin',
    ],
  ])('refuses a DOCX with %s, naming it', async (_label, content, name) => {
    const result = await sniffDocument(content, limits);
    expect(result).toMatchObject({ ok: false, reason: 'executable_content' });
    expect(!result.ok && result.detail).toContain(name);
  });

  it('accepts a DOCX with ordinary media and an embedded workbook', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 9)]);
    const content = docxWith(
      { name: 'word/media/image1.png', content: png },
      { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', content: minimalXlsx() },
    );
    expect(await sniffDocument(content, limits)).toMatchObject({ ok: true, kind: 'docx' });
  });
});

describe('declaredTypeMatches', () => {
  it('accepts the canonical type, parameters and the image/jpg alias', () => {
    expect(declaredTypeMatches('application/pdf', 'pdf')).toBe(true);
    expect(declaredTypeMatches('Application/PDF; charset=binary', 'pdf')).toBe(true);
    expect(declaredTypeMatches('image/jpg', 'jpeg')).toBe(true);
  });

  it('refuses a different or missing declaration', () => {
    expect(declaredTypeMatches('image/png', 'pdf')).toBe(false);
    expect(declaredTypeMatches('application/octet-stream', 'docx')).toBe(false);
    expect(declaredTypeMatches(undefined, 'jpeg')).toBe(false);
  });
});
