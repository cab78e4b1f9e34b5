// Reads an uploaded spreadsheet (.xlsx or .csv, told apart by content, never by name) into a header and rows of
// text cells, and writes the templates. The size is bounded by the upload interceptor; the rows here.
import ExcelJS from 'exceljs';
import { sniffDocument } from '../documents/sniff.js';
import { fold } from '../common/people.js';
import { importRefusal } from './errors.js';

export type SheetFormat = 'xlsx' | 'csv';

/** One column of an import: its key in code, its Vietnamese header, and what the template says about it. */
export interface ImportColumn {
  key: string;
  header: string;
  required: boolean;
  hint: string;
  /** Kept as text in the template (codes with leading zeros). */
  text?: boolean;
}

/** A data row: its number in the sheet (the header is row 1) and its cells by column key, trimmed. */
export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

/** Most data rows one file may hold: a province's list is a few thousand at most. */
export const MAX_ROWS = 5000;
/** An .xlsx is a ZIP: it may expand at most to this, and by at most this ratio (a zip bomb is refused). */
const ARCHIVE_LIMITS = { maxUncompressedBytes: 50 * 1024 * 1024, maxRatio: 200 };

/** What the bytes are: an .xlsx workbook, a UTF-8 text (CSV), or neither (415). */
export async function detectFormat(content: Buffer): Promise<SheetFormat> {
  if (content.length >= 4 && content.readUInt32LE(0) === 0x04034b50) {
    const sniffed = await sniffDocument(content, ARCHIVE_LIMITS);
    if (sniffed.ok && sniffed.kind === 'xlsx') return 'xlsx';
    if (!sniffed.ok && sniffed.reason === 'zip_bomb')
      throw importRefusal(422, 'ARCHIVE_TOO_LARGE', 'Tệp .xlsx giải nén quá lớn', 'The .xlsx expands beyond the limit');
    throw unsupported();
  }
  if (content.includes(0)) throw unsupported();
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw importRefusal(415, 'UNSUPPORTED_FILE_TYPE', 'Tệp CSV phải được lưu với bảng mã UTF-8', 'A CSV file must be saved as UTF-8');
  }
  return 'csv';
}

const unsupported = () =>
  importRefusal(
    415,
    'UNSUPPORTED_FILE_TYPE',
    'Chỉ nhận tệp Excel (.xlsx) hoặc CSV (UTF-8); nội dung tệp không phải hai loại này',
    'Only .xlsx or UTF-8 CSV files are accepted',
  );

/** The rows of the file as text; the header row is matched to the columns (accents and case ignored). */
export async function readSheet(content: Buffer, format: SheetFormat, columns: readonly ImportColumn[]): Promise<SheetRow[]> {
  const grid = format === 'xlsx' ? await xlsxGrid(content) : csvGrid(content);
  const headerIndex = grid.findIndex((cells) => cells.some((cell) => cell !== ''));
  if (headerIndex < 0) throw importRefusal(422, 'EMPTY_FILE', 'Tệp không có dữ liệu', 'The file is empty');
  const header = grid[headerIndex]!.map((cell) => normaliseHeader(cell));
  const positions = new Map<string, number>();
  for (const column of columns) {
    const at = header.indexOf(normaliseHeader(column.header));
    if (at >= 0) positions.set(column.key, at);
  }
  const missing = columns.filter((column) => column.required && !positions.has(column.key)).map((column) => column.header);
  if (missing.length > 0) {
    throw importRefusal(
      422,
      'MISSING_COLUMNS',
      `Thiếu cột: ${missing.join(', ')} (tải biểu mẫu để xem đúng tên cột)`,
      `Missing columns: ${missing.join(', ')}`,
      { columns: missing },
    );
  }
  const rows: SheetRow[] = [];
  grid.slice(headerIndex + 1).forEach((cells, offset) => {
    if (cells.every((cell) => cell === '')) return;
    const values: Record<string, string> = {};
    for (const column of columns) values[column.key] = cells[positions.get(column.key) ?? -1] ?? '';
    rows.push({ row: headerIndex + offset + 2, cells: values });
  });
  if (rows.length === 0) throw importRefusal(422, 'EMPTY_FILE', 'Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu', 'The file has a header but no data rows');
  if (rows.length > MAX_ROWS) {
    throw importRefusal(422, 'TOO_MANY_ROWS', `Tệp có ${rows.length} dòng; tối đa ${MAX_ROWS} dòng mỗi lần nhập`, `At most ${MAX_ROWS} rows per file`, {
      rows: rows.length,
      max: MAX_ROWS,
    });
  }
  return rows;
}

function normaliseHeader(text: string): string {
  return fold(text).replace(/\*/g, '').replace(/\s+/g, ' ').trim();
}

async function xlsxGrid(content: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw importRefusal(422, 'UNREADABLE_FILE', 'Không đọc được tệp Excel (tệp hỏng hoặc không phải .xlsx)', 'The workbook could not be read');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw importRefusal(422, 'EMPTY_FILE', 'Tệp không có trang tính nào', 'The workbook has no sheet');
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      cells[columnNumber - 1] = cellText(cell.value);
    });
    grid[rowNumber - 1] = Array.from(cells, (cell) => cell ?? '');
  });
  return Array.from(grid, (cells) => cells ?? []);
}

/** A cell as the person typed it: dates as YYYY-MM-DD, formulas by their result, rich text joined. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return cellText(value.result ?? null);
  if ('error' in value) return '';
  return '';
}

/** RFC 4180 CSV: UTF-8 (a BOM is dropped), comma or semicolon (whichever the header uses), quoted fields. */
export function csvGrid(content: Buffer): string[][] {
  let text = content.toString('utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const outside = firstLine.replace(/"[^"]*"/g, '');
  const delimiter = (outside.match(/;/g)?.length ?? 0) > (outside.match(/,/g)?.length ?? 0) ? ';' : ',';
  const grid: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        field += character;
      }
    } else if (character === '"' && field === '') {
      quoted = true;
    } else if (character === delimiter) {
      row.push(field.trim());
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field.trim());
      grid.push(row);
      row = [];
      field = '';
    } else {
      field += character;
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field.trim());
    grid.push(row);
  }
  return grid;
}

/** The template of an import: the header row (required columns marked *), and for .xlsx a sheet of guidance. */
export async function buildTemplate(columns: readonly ImportColumn[], format: SheetFormat, title: string): Promise<Buffer> {
  const headers = columns.map((column) => column.header);
  if (format === 'csv') {
    const line = headers.map((header) => (/[",;\n]/.test(header) ? `"${header.replace(/"/g, '""')}"` : header)).join(',');
    return Buffer.from(`\uFEFF${line}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Khuyến công';
  const data = workbook.addWorksheet('Dữ liệu');
  data.columns = columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: Math.max(18, column.header.length + 4),
    style: column.text ? { numFmt: '@' } : {},
  }));
  data.getRow(1).font = { bold: true };
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.columns = [
    { header: 'Cột', width: 32 },
    { header: 'Bắt buộc', width: 10 },
    { header: 'Cách ghi', width: 90 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const column of columns) guide.addRow([column.header, column.required ? 'Có' : 'Không', column.hint]);
  guide.addRow([]);
  guide.addRow([title, '', 'Dòng 1 của trang "Dữ liệu" là tiêu đề; mỗi dòng sau là một bản ghi. Nhập lại cùng tệp không tạo bản ghi trùng.']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
