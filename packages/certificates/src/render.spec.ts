import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { renderCertificatePdf, vietnameseDate, type CertificateContent } from './render.js';

// jsqr is CommonJS whose typings declare an ES default: under NodeNext the callable is typed on `.default`.
const jsQR = jsQRModule.default;

const content: CertificateContent = {
  number: 'KV-2022-0042',
  level: 'region',
  productName: 'Bộ ấm chén gốm Bàu Trúc được nung thủ công',
  establishmentName: 'Hợp tác xã dệt thổ cẩm Ia Mơ Nông',
  location: 'tỉnh Gia Lai',
  issuedOn: '2022-08-18',
  validUntil: '2025-12-31',
  decisionNumber: '245/QĐ-CĐP',
  decisionDate: '2022-08-18',
  issuer: 'Cục Công Thương địa phương',
  publicBaseUrl: 'http://127.0.0.1:5173',
};

describe('renderCertificatePdf', () => {
  let dir: string;
  let pdf: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kc-certificate-'));
    pdf = await renderCertificatePdf(content);
    writeFileSync(join(dir, 'certificate.pdf'), pdf);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a PDF whose extracted text keeps the Vietnamese diacritics of the product and establishment', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'certificate.pdf'), '-'], { encoding: 'utf8' });
    // The text layer reads back as printed: the same code points (precomposed, as typed), no normalisation needed,
    // and the product on a line of its own, so copy and search of Vietnamese text work in any reader.
    expect(text).toBe(text.normalize('NFC'));
    expect(text.split('\n')).toContain(content.productName);
    expect(text.split('\n')).toContain(`Của cơ sở: ${content.establishmentName}`);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain(content.productName);
    expect(flat).toContain(content.establishmentName);
    expect(flat).toContain('GIẤY CHỨNG NHẬN');
    expect(flat).toContain('SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU CẤP KHU VỰC');
    expect(flat).toContain('31/12/2025');
    expect(flat).toContain('KV-2022-0042');
  });

  it('draws a QR code that decodes, from the rendered page, to the public verification page of the certificate', () => {
    // The page as a reader's viewer shows it: rasterised by poppler, then decoded like a phone camera would.
    execFileSync('pdftoppm', ['-png', '-r', '100', '-singlefile', join(dir, 'certificate.pdf'), join(dir, 'page')]);
    const page = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    expect(jsQR(new Uint8ClampedArray(page.data), page.width, page.height)?.data).toBe('http://127.0.0.1:5173/verify/KV-2022-0042');
  });

  it('embeds no raster image: the QR code is vector rectangles, not a PNG pdfkit has to decode', () => {
    execFileSync('pdfimages', ['-png', join(dir, 'certificate.pdf'), join(dir, 'image')]);
    expect(readdirSync(dir).filter((name) => name.startsWith('image'))).toEqual([]);
  });

  it('renders the same bytes for the same content, so a re-render is harmless', async () => {
    expect((await renderCertificatePdf(content)).equals(pdf)).toBe(true);
  });
});

describe('vietnameseDate', () => {
  it('prints day/month/year', () => {
    expect(vietnameseDate('2027-12-31')).toBe('31/12/2027');
  });
});
