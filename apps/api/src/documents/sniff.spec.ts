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
  ])('recognises %s by its bytes', (_label, content, kind) => {
    expect(sniffDocument(content, limits)).toMatchObject({ ok: true, kind });
  });

  it.each([
    ['plain text', Buffer.from('hello, this is not a document')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a RIFF file that is not WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WAVEfmt ')])],
    ['a ZIP without [Content_Types].xml', buildZip([{ name: 'word/document.xml', content: '<x/>' }])],
    ['an Office package that is neither Word nor Excel', buildZip([CONTENT_TYPES, { name: 'ppt/presentation.xml', content: '<p/>' }])],
  ])('refuses %s as an unsupported type', (_label, content) => {
    expect(sniffDocument(content, limits)).toMatchObject({ ok: false, reason: 'unsupported_type' });
  });

  it('refuses an archive whose declared uncompressed total exceeds the limit', () => {
    const archive = buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: 'x'.repeat(5000), declaredSize: 11 * 1024 * 1024 }]);
    expect(sniffDocument(archive, limits)).toMatchObject({ ok: false, reason: 'zip_bomb', detail: expect.stringContaining('uncompressed') as unknown });
  });

  it('refuses an archive that compresses more than 100:1 even under the size limit', () => {
    const archive = buildZip([CONTENT_TYPES, { name: 'word/document.xml', content: Buffer.alloc(2 * 1024 * 1024) }]);
    expect(sniffDocument(archive, limits)).toMatchObject({ ok: false, reason: 'zip_bomb', detail: expect.stringContaining('ratio') as unknown });
  });

  it('refuses a truncated archive as malformed', () => {
    const archive = minimalDocx();
    const broken = Buffer.concat([archive.subarray(0, 40), archive.subarray(archive.length - 200)]);
    expect(sniffDocument(broken, limits)).toMatchObject({ ok: false, reason: 'malformed_archive' });
  });

  it('refuses an archive whose directory points outside the file', () => {
    const archive = minimalDocx();
    const end = archive.length - 22;
    archive.writeUInt32LE(archive.length + 10, end + 16);
    expect(sniffDocument(archive, limits)).toMatchObject({ ok: false, reason: 'malformed_archive' });
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
