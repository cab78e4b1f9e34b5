import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create as createFont, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { type CertificateLevel, verificationUrl } from './numbers.js';
import { qrRuns } from './qr.js';

const require = createRequire(import.meta.url);
// DejaVu covers every Vietnamese letter with its tone marks (ệ, ữ, ỗ …); pdfkit's built-in Helvetica does not.
const REGULAR_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf');

/**
 * The fonts parsed once per process: given a path, pdfkit re-reads and re-parses the TTF for every document, which
 * was most of a certificate's rendering time (1,000 PDFs: 78 ms each → see docs/benchmarks.md). A parsed fontkit
 * font is only read from (each document makes its own subset), so documents can share it.
 */
let parsedFonts: { regular: Font; bold: Font } | undefined;
function fonts(): { regular: Font; bold: Font } {
  parsedFonts ??= { regular: createFont(readFileSync(REGULAR_FONT)) as Font, bold: createFont(readFileSync(BOLD_FONT)) as Font };
  return parsedFonts;
}

/** What a certificate shows. Dates are YYYY-MM-DD calendar dates. */
export interface CertificateContent {
  number: string;
  level: CertificateLevel;
  productName: string;
  establishmentName: string;
  /** Province (or commune) name as printed, e.g. "tỉnh Gia Lai". */
  location: string;
  issuedOn: string;
  validUntil: string;
  decisionNumber: string;
  decisionDate: string;
  /** Who signs, e.g. "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công". */
  issuer: string;
  /** Base URL of the public pages; the QR code encodes `<base>/verify/<number>`. */
  publicBaseUrl: string;
}

const LEVEL_TITLE: Readonly<Record<CertificateLevel, string>> = {
  commune: 'CẤP XÃ',
  province: 'CẤP TỈNH',
  region: 'CẤP KHU VỰC',
  national: 'CẤP QUỐC GIA',
};

/** `2024-03-15` → `15/03/2024`, the way Vietnamese documents print dates. */
export function vietnameseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}/${month}/${year}`;
}

/** The QR payload of a certificate (exported so callers and tests agree on it). */
export function qrPayload(content: Pick<CertificateContent, 'publicBaseUrl' | 'number'>): string {
  return verificationUrl(content.publicBaseUrl, content.number);
}

/**
 * Draws the QR code of `text` as filled rectangles (vector: sharp at any zoom, and nothing encoded to PNG only for
 * pdfkit to decode it again), `size` points square including a one-module white margin.
 */
function drawQrCode(document: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { size: modules, runs } = qrRuns(text);
  const module = size / (modules + 2);
  document.save();
  document.rect(x, y, size, size).fill('#fff');
  for (const run of runs) document.rect(x + (run.column + 1) * module, y + (run.row + 1) * module, run.length * module, module);
  document.fill('#000');
  document.restore();
}

/**
 * Renders the certificate as an A4 landscape PDF in Vietnamese with a QR code of its verification address.
 * Deterministic for the same content (fixed creation date), so a re-render produces the same bytes.
 */
export async function renderCertificatePdf(content: CertificateContent): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4',
    // The default font would be Helvetica, whose metrics pdfkit parses for every document; ours replaces it.
    font: fonts().regular as unknown as string,
    layout: 'landscape',
    margin: 48,
    info: {
      Title: `Giấy chứng nhận ${content.number}`,
      Subject: content.productName,
      Creator: 'khuyencong',
      CreationDate: new Date(`${content.issuedOn}T00:00:00.000Z`),
    },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as a source too (its typings list only paths and bytes).
  document.registerFont('regular', fonts().regular as unknown as PDFKit.Mixins.PDFFontSource);
  document.registerFont('bold', fonts().bold as unknown as PDFKit.Mixins.PDFFontSource);
  const width = document.page.width - 96;
  document
    .rect(24, 24, document.page.width - 48, document.page.height - 48)
    .lineWidth(3)
    .stroke('#8a1c1c');

  document.font('bold').fontSize(13).fillColor('#000').text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 48, 56, { width, align: 'center' });
  document.font('regular').fontSize(12).text('Độc lập - Tự do - Hạnh phúc', { width, align: 'center' });
  document.moveDown(1.5);
  document.font('bold').fontSize(26).fillColor('#8a1c1c').text('GIẤY CHỨNG NHẬN', { width, align: 'center' });
  document
    .font('bold')
    .fontSize(15)
    .fillColor('#000')
    .text(`SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU ${LEVEL_TITLE[content.level]}`, { width, align: 'center' });
  document.moveDown(1);
  document.font('regular').fontSize(13).text('Chứng nhận sản phẩm:', { width, align: 'center' });
  document.font('bold').fontSize(20).fillColor('#1c3f8a').text(content.productName, { width, align: 'center' });
  document.moveDown(0.5);
  document.font('regular').fontSize(13).fillColor('#000').text(`Của cơ sở: ${content.establishmentName}`, { width, align: 'center' });
  document.text(`Địa chỉ: ${content.location}`, { width, align: 'center' });
  document.moveDown(0.5);
  document.text(`Được công nhận theo Quyết định số ${content.decisionNumber} ngày ${vietnameseDate(content.decisionDate)} của ${content.issuer}.`, {
    width,
    align: 'center',
  });
  document.text(`Giấy chứng nhận có giá trị đến hết ngày ${vietnameseDate(content.validUntil)}.`, { width, align: 'center' });

  const bottom = document.page.height - 48 - 130;
  drawQrCode(document, qrPayload(content), 64, bottom, 110);
  document
    .font('regular')
    .fontSize(9)
    .text('Quét mã để tra cứu', 64, bottom + 114, { width: 110, align: 'center' });
  document
    .font('bold')
    .fontSize(12)
    .text(`Số: ${content.number}`, 200, bottom + 20);
  document
    .font('regular')
    .fontSize(10)
    .text(`Tra cứu: ${qrPayload(content)}`, 200, bottom + 40, { width: 330 });
  document
    .font('regular')
    .fontSize(12)
    .text(`Ngày cấp: ${vietnameseDate(content.issuedOn)}`, document.page.width - 300, bottom + 20, { width: 240, align: 'center' });
  document.font('bold').text(content.issuer, { width: 240, align: 'center' });
  document.end();
  return finished;
}
