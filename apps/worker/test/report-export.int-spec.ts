// The report.export job end to end: outbox row → relay → BullMQ → processor → .xlsx stored as a document, with
// progress in report_exports; the workbook is parsed back with exceljs and its figures compared.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type INestApplicationContext } from '@nestjs/common';
import { readWorkbook } from '@khuyencong/reports';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { REDIS_URL, deleteRedisKeys, redisPrefix, startWorker, testConfig, until } from './support.js';

describe('report.export processor', () => {
  const prefix = redisPrefix();
  const storage = join('/tmp', `kc-worker-exports-${process.pid}`);
  let db: TestDatabase;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    // One province, one local scheme of 2022: plan 2 tỷ, 1,23456 tỷ paid by July, 0,5 tỷ after.
    const [scheme] = await db.dataSource.query<{ id: string }[]>(
      `INSERT INTO schemes (code, title, implementing_unit, programme_code, content_group_code, sub_activity, funding_source_code, year, province_code, region_code, location, requested_amount, allocated_amount, stage)
       VALUES ('T-1', 'Đào tạo', 'Trung tâm', 'NKP-2021-2025', 'CG5', 'TRAINING', 'LOCAL', 2022, 'gia-lai', 'CENTRAL_HIGHLANDS', 'Gia Lai', 2000000000, 2000000000, 'in_progress') RETURNING id`,
    );
    await db.dataSource.query(
      `INSERT INTO disbursements (scheme_id, kind, amount, paid_on, period) VALUES ($1, 'advance', 1234560000, '2022-03-01', '2022-03'), ($1, 'payment', 500000000, '2022-09-01', '2022-09')`,
      [scheme!.id],
    );
    const [plan] = await db.dataSource.query<{ id: string }[]>(
      `INSERT INTO annual_plans (province_code, funding_source_code, year) VALUES ('gia-lai', 'LOCAL', 2022) RETURNING id`,
    );
    await db.dataSource.query(`INSERT INTO annual_plan_versions (plan_id, version, amount, kind) VALUES ($1, 1, 2000000000, 'derived')`, [plan!.id]);
    worker = await startWorker(
      testConfig({
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: '4',
        REDIS_URL,
        REDIS_PREFIX: prefix,
        WORKER_QUEUES: 'reports',
        DOCUMENT_STORAGE_DIR: storage,
        WORKER_ID: 'reports-a',
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await worker.close();
    await deleteRedisKeys(prefix);
    await db.drop();
  });

  async function requestExport(kind: string, params: Record<string, unknown>): Promise<string> {
    return db.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<{ id: string }[]>(`INSERT INTO report_exports (kind, params) VALUES ($1, $2) RETURNING id`, [
        kind,
        JSON.stringify(params),
      ]);
      await manager.query(`INSERT INTO outbox (effect_type, payload) VALUES ('report.export', $1)`, [JSON.stringify({ exportId: row!.id })]);
      return row!.id;
    });
  }

  it('builds the period-to-date workbook, stores it as a document and reports 100 % progress', async () => {
    const id = await requestExport('plan-vs-actual', { year: 2022, until: '2022-07-31', groupBy: 'province' });
    const done = await until('export done', async () => {
      const [row] = await db.dataSource.query<{ status: string; progress: number; document_id: string | null }[]>(
        `SELECT status, progress, document_id FROM report_exports WHERE id = $1`,
        [id],
      );
      return row?.status === 'done' || row?.status === 'failed' ? row : undefined;
    });
    expect(done).toMatchObject({ status: 'done', progress: 100 });
    const [document] = await db.dataSource.query<{ storage_key: string; mime_type: string; size_bytes: string }[]>(
      `SELECT storage_key, mime_type, size_bytes FROM documents WHERE id = $1`,
      [done.document_id],
    );
    expect(document!.mime_type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const content = await readFile(join(storage, document!.storage_key));
    expect(content.length).toBe(Number(document!.size_bytes));
    const rows = (await readWorkbook(content))['Kế hoạch - thực hiện']!;
    expect(rows[0]![0]).toBe('Kế hoạch và thực hiện kinh phí khuyến công — 7 tháng đầu năm 2022');
    // 1,23456 tỷ prints 1,23; 1,23456 / 2 = 61,728 % prints 61,73.
    expect(rows.find((cells) => cells[0] === 'gia-lai')).toEqual(['gia-lai', 'Gia Lai', 2, 1.23, 61.73]);
    expect(rows.find((cells) => cells[0] === 'TOTAL')).toEqual(['TOTAL', 'Tổng cộng', 2, 1.23, 61.73]);
  });

  it('marks an export whose report cannot be built as failed with the reason, without retrying forever', async () => {
    const id = await requestExport('region-summary', { regionCode: 'NOWHERE', year: 2022 });
    const failed = await until('export failed', async () => {
      const [row] = await db.dataSource.query<{ status: string; error: string | null }[]>(`SELECT status, error FROM report_exports WHERE id = $1`, [id]);
      return row?.status === 'failed' ? row : undefined;
    });
    expect(failed.error).toContain('NOWHERE');
  });
});
