import { createHash } from 'node:crypto';
import { reportSheets, REPORT_KINDS, type ReportKind, type ReportParams } from './catalogue.js';
import { type Queryable } from './queryable.js';
import { buildWorkbook } from './workbook.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Stores the bytes (content-addressed by their SHA-256) and returns the storage key. */
export type BlobWriter = (sha256: string, content: Buffer) => Promise<string>;

export interface ExportOutcome {
  exportId: string;
  status: 'done' | 'failed';
  documentId: string | null;
}

interface ExportRow {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  status: string;
  document_id: string | null;
  requested_by: string | null;
}

async function setProgress(db: Queryable, id: string, progress: number, status: 'running' | 'done' = 'running'): Promise<void> {
  await db.query(`UPDATE report_exports SET status = $2, progress = GREATEST(progress, $3), updated_at = now() WHERE id = $1`, [id, status, progress]);
}

/**
 * Builds the `.xlsx` of one export request and links it as a document, reporting progress 0–100 in
 * `report_exports` as it goes. Idempotent: an export already done is returned as it is, so a redelivered job
 * does nothing twice. A report that cannot be built marks the export failed (with the reason) instead of throwing.
 */
export async function runExport(db: Queryable, exportId: string, writeBlob: BlobWriter): Promise<ExportOutcome> {
  const [row] = await db.query<ExportRow[]>(`SELECT id, kind, params, status, document_id, requested_by FROM report_exports WHERE id = $1`, [exportId]);
  if (!row) throw new RangeError(`report export ${exportId} does not exist`);
  if (row.status === 'done') return { exportId, status: 'done', documentId: row.document_id };
  if (!(REPORT_KINDS as readonly string[]).includes(row.kind)) {
    await db.query(`UPDATE report_exports SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [exportId, `unknown report kind ${row.kind}`]);
    return { exportId, status: 'failed', documentId: null };
  }
  await setProgress(db, exportId, 10);
  let content: Buffer;
  try {
    const sheets = await reportSheets(db, { kind: row.kind as ReportKind, params: row.params } as ReportParams);
    await setProgress(db, exportId, 40);
    content = await buildWorkbook(sheets, (done, total) => setProgress(db, exportId, 40 + Math.floor((40 * done) / total)));
  } catch (error) {
    await db.query(`UPDATE report_exports SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [
      exportId,
      (error as Error).message.slice(0, 500),
    ]);
    return { exportId, status: 'failed', documentId: null };
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  const storageKey = await writeBlob(sha256, content);
  await setProgress(db, exportId, 90);
  const [document] = await db.query<{ id: string }[]>(
    `INSERT INTO documents (sha256, size_bytes, mime_type, original_name, storage_key, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [sha256, content.length, XLSX_MIME, `bao-cao-${row.kind}-${exportId.slice(0, 8)}.xlsx`, storageKey, row.requested_by],
  );
  // Only the first finisher links its document; a concurrent duplicate leaves an unlinked row behind, never a second link.
  await db.query(
    `UPDATE report_exports SET status = 'done', progress = 100, document_id = COALESCE(document_id, $2), error = NULL, updated_at = now() WHERE id = $1`,
    [exportId, document!.id],
  );
  const [final] = await db.query<{ document_id: string }[]>(`SELECT document_id FROM report_exports WHERE id = $1`, [exportId]);
  return { exportId, status: 'done', documentId: final?.document_id ?? document!.id };
}
