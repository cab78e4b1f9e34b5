import ExcelJS from 'exceljs';
import { billionsHundredths } from './arithmetic.js';

/** How a column's values are written: real numbers with a number format, so the workbook computes. */
export type ColumnKind = 'text' | 'count' | 'vnd' | 'billions' | 'percent';

export interface SheetColumn {
  key: string;
  header: string;
  kind: ColumnKind;
}

export type CellValue = string | number | bigint | null;

/** One worksheet: a title, the Vietnamese paragraph, a table. */
export interface SheetSpec {
  name: string;
  title: string;
  paragraphs: string[];
  columns: SheetColumn[];
  rows: Record<string, CellValue>[];
}

const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  count: '#,##0',
  vnd: '#,##0',
  billions: '#,##0.00',
  percent: '0.00',
};

function cellValue(kind: ColumnKind, value: CellValue): string | number | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'billions':
      // Rounded half-up from integer VND first, so the cell shows exactly the printed figure.
      return Number(billionsHundredths(BigInt(value))) / 100;
    case 'percent':
      return Number(value) / 100;
    default:
      return Number(value);
  }
}

/**
 * Builds a real `.xlsx` (Office Open XML) workbook. `onSheet` is called after each sheet so the caller can report
 * progress; the buffer is produced once at the end.
 */
export async function buildWorkbook(sheets: readonly SheetSpec[], onSheet?: (done: number, total: number) => Promise<void>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hệ thống Khuyến công';
  workbook.created = new Date(0);
  let done = 0;
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name.slice(0, 31));
    sheet.addRow([spec.title]).font = { bold: true, size: 13 };
    for (const paragraph of spec.paragraphs) sheet.addRow([paragraph]).alignment = { wrapText: false };
    sheet.addRow([]);
    const header = sheet.addRow(spec.columns.map((column) => column.header));
    header.font = { bold: true };
    for (const row of spec.rows) sheet.addRow(spec.columns.map((column) => cellValue(column.kind, row[column.key] ?? null)));
    spec.columns.forEach((column, index) => {
      const target = sheet.getColumn(index + 1);
      target.width = column.kind === 'text' ? 36 : 18;
      const format = NUMBER_FORMATS[column.kind];
      if (format) target.numFmt = format;
    });
    done += 1;
    if (onSheet) await onSheet(done, sheets.length);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads a workbook back: per sheet, its rows as arrays of cell values (for tests and re-imports). */
export async function readWorkbook(content: Buffer): Promise<Record<string, (string | number | null)[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const result: Record<string, (string | number | null)[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: (string | number | null)[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values: (string | number | null)[] = [];
      for (let column = 1; column <= row.cellCount; column += 1) {
        const value = row.getCell(column).value;
        values.push(typeof value === 'string' || typeof value === 'number' ? value : null);
      }
      // Column formats make cells exist without values: drop trailing empties.
      while (values.length > 0 && values[values.length - 1] === null) values.pop();
      rows.push(values);
    });
    result[sheet.name] = rows;
  });
  return result;
}
