import { type EntityManager } from 'typeorm';

/** Reads the API's report routes make themselves (the figures come from @khuyencong/reports). */
export class ReportStore {
  /**
   * The region a province belonged to: in the year (membership valid during some of it; the latest if several)
   * or, without a year, its latest membership. Null when it belongs to none.
   */
  async regionOfProvince(manager: EntityManager, provinceCode: string, year: number | null): Promise<string | null> {
    const [row] = await manager.query<{ region_code: string }[]>(
      `SELECT m.region_code FROM region_memberships m
        WHERE m.unit_code = $1 AND ($2::int IS NULL OR (m.valid_from <= make_date($2::int, 12, 31) AND (m.valid_to IS NULL OR m.valid_to >= make_date($2::int, 1, 1))))
        ORDER BY m.valid_from DESC LIMIT 1`,
      [provinceCode, year],
    );
    return row?.region_code ?? null;
  }
}

/** A report export request as its requester follows it. */
export interface ReportExportRow {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  document_id: string | null;
  error: string | null;
}

/** Report exports: a row the worker's `report.export` job fills in. */
export class ReportExportStore {
  /** Records the request (queued); its job is queued with `queueJob` in the same transaction. */
  async insert(manager: EntityManager, kind: string, params: Record<string, unknown>, requestedBy: string): Promise<ReportExportRow> {
    const [row] = await manager.query<ReportExportRow[]>(
      `INSERT INTO report_exports (kind, params, requested_by) VALUES ($1, $2, $3) RETURNING id, kind, status, progress, document_id, error`,
      [kind, JSON.stringify(params), requestedBy],
    );
    return row!;
  }

  /** Queues the export's `report.export` effect in the outbox (in the transaction that inserted the export). */
  async queueJob(manager: EntityManager, payload: { exportId: string }): Promise<void> {
    await manager.query(`INSERT INTO outbox (effect_type, payload) VALUES ('report.export', $1)`, [JSON.stringify(payload)]);
  }

  /** The export, if it is the user's own (others' look missing). */
  async findOwn(manager: EntityManager, id: string, requestedBy: string): Promise<ReportExportRow | undefined> {
    const [row] = await manager.query<ReportExportRow[]>(
      `SELECT id, kind, status, progress, document_id, error FROM report_exports WHERE id = $1 AND requested_by = $2`,
      [id, requestedBy],
    );
    return row;
  }
}
