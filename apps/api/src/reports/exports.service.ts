import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { ReportExportStore, type ReportExportRow } from '@khuyencong/persistence';
import { z } from 'zod';
import { type Actor } from '../common/actor.js';
import { ConsultingQuery, PlanActualQuery, RecognitionQuery, RegionSummaryQuery, type ExportRequest, type ExportView } from './dto.js';
import { exportNotFound } from './errors.js';
import { requireRegion } from './report-scope.js';
import { ReportsService } from './reports.service.js';
import { type OutboxPayload } from '@khuyencong/jobs';

const PARAMS: Record<ExportRequest['kind'], z.ZodType> = {
  'plan-vs-actual': PlanActualQuery,
  'region-summary': RegionSummaryQuery,
  consulting: ConsultingQuery,
  recognition: RecognitionQuery,
};

type ExportRow = ReportExportRow;

function view(row: ExportRow): ExportView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    documentId: row.document_id,
    downloadUrl: row.document_id ? `/api/documents/${row.document_id}` : null,
    error: row.error,
  };
}

/** Export requests: a row the worker's `report.export` job fills in, queued through the outbox in the same transaction. */
@Injectable()
export class ExportsService {
  private readonly exports = new ReportExportStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
  ) {}

  /** The parameters the worker runs the report with: the caller's scope applied as on the report's own route. */
  private async scoped(actor: Actor, kind: ExportRequest['kind'], params: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (kind === 'region-summary') {
      requireRegion(actor, String(params.regionCode));
      return params;
    }
    // Right before the request's own command: the primary.
    const within = await this.reports.within(actor, params, this.dataSource.manager);
    return within ? { ...params, within } : params;
  }

  async request(actor: Actor, request: ExportRequest): Promise<ExportView> {
    const parsed = PARAMS[request.kind].safeParse(request.params);
    if (!parsed.success) {
      throw new BadRequestException({
        statusCode: 400,
        code: 'MALFORMED_REQUEST',
        message: 'Tham số báo cáo không hợp lệ / The report parameters are malformed',
        problems: parsed.error.issues.map((issue) => ({ path: `params.${issue.path.join('.')}`, message: issue.message })),
      });
    }
    const params = await this.scoped(actor, request.kind, parsed.data as Record<string, unknown>);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.exports.insert(manager, request.kind, params, actor.userId);
      const payload: OutboxPayload<'report.export'> = { exportId: row.id };
      await this.exports.queueJob(manager, payload);
      return view(row);
    });
  }

  /** Progress of one's own export (others' look missing). */
  async get(actor: Actor, id: string): Promise<ExportView> {
    const row = await this.exports.findOwn(this.dataSource.manager, id, actor.userId);
    if (!row) throw exportNotFound();
    return view(row);
  }
}
