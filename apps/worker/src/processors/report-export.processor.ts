import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { type DataSource } from 'typeorm';
import { type JobPayload } from '@khuyencong/jobs';
import { runExport, type BlobWriter, type ExportOutcome } from '@khuyencong/reports';
import { PermanentJobError } from '../queues/processor-registry.js';
import { readPayload } from '../queues/outbox-payloads.js';

/**
 * Content-addressed storage in the API's layout (`ab/cd/<sha256>` under DOCUMENT_STORAGE_DIR): write to a temporary
 * file, rename into place, so the API never serves half a workbook.
 */
export function blobWriter(storageDir: string): BlobWriter {
  const root = resolve(storageDir);
  return async (sha256, content) => {
    const key = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
    const path = join(root, key);
    if ((await stat(path).catch(() => undefined))?.size === content.length) return key;
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, content, { mode: 0o640 });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return key;
  };
}

/**
 * `report.export`: re-reads its outbox row for the export id, builds the `.xlsx` with exceljs, stores it as a
 * document and moves `report_exports.progress` to 100. A redelivered job finds the export done and does nothing.
 */
export function reportExportProcessor(dataSource: DataSource, storageDir: string) {
  const write = blobWriter(storageDir);
  return async (payload: JobPayload<'report.export'>): Promise<ExportOutcome> => {
    const [row] = await dataSource.query<{ payload: unknown }[]>(`SELECT payload FROM outbox WHERE id = $1`, [payload.outboxId]);
    if (!row) throw new PermanentJobError(`outbox row ${payload.outboxId} is gone`);
    const exportId = readPayload(payload.outboxId, 'report.export', row.payload).exportId;
    const [exists] = await dataSource.query<{ id: string }[]>(`SELECT id FROM report_exports WHERE id = $1`, [exportId]);
    if (!exists) throw new PermanentJobError(`report export ${exportId} does not exist`);
    return runExport(dataSource, exportId, write);
  };
}
