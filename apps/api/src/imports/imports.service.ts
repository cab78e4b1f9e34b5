import { ForbiddenException, HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource } from 'typeorm';
import { ImportStore } from '@khuyencong/persistence';
import { AuditService } from '../audit/audit.service.js';
import { type Actor } from '../common/actor.js';
import { integrityAnswer } from '../common/constraint-errors.js';
import { RowRefused, importRefusal, type RowProblem } from './errors.js';
import { type ImportReport, type ImportRowView } from './dto.js';
import { consultingRevenuesKind } from './kinds/consulting-revenues.js';
import { establishmentsKind } from './kinds/establishments.js';
import { type ImportKind, type ImportKindName } from './kinds/kind.js';
import { planLinesKind } from './kinds/plan-lines.js';
import { buildTemplate, detectFormat, readSheet, type SheetFormat } from './sheet.js';

const KINDS: Record<ImportKindName, ImportKind> = {
  establishments: establishmentsKind,
  'plan-lines': planLinesKind,
  'consulting-revenues': consultingRevenuesKind,
};

/** The uploaded file as the interceptor hands it over. */
export type ImportFile = Express.Multer.File;

const MIME: Record<SheetFormat, string> = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

/** "Vietnamese / English" → the Vietnamese half, for a row's reason. */
const vietnamese = (message: string): string => message.split(' / ')[0] ?? message;

/**
 * Spreadsheet import. A dry run and an apply run the same code — every row inside one transaction, each row behind
 * a savepoint so a refused row leaves nothing behind — and differ only at the end: the dry run rolls back, the
 * apply commits. Applies of one kind are serialised by a transaction-level advisory lock, so two applies of the
 * same file never both create a row: the second finds the first's rows and reports them unchanged.
 */
@Injectable()
export class ImportsService {
  private readonly store = new ImportStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async template(actor: Actor, kindName: ImportKindName, format: SheetFormat): Promise<{ content: Buffer; mimeType: string; fileName: string }> {
    const kind = this.kindFor(actor, kindName);
    return { content: await buildTemplate(kind.columns, format, kind.title), mimeType: MIME[format], fileName: `${kind.fileName}.${format}` };
  }

  async run(actor: Actor, kindName: ImportKindName, file: ImportFile | undefined, apply: boolean): Promise<ImportReport> {
    const kind = this.kindFor(actor, kindName);
    if (!file || file.size === 0) throw importRefusal(400, 'FILE_REQUIRED', 'Chưa chọn tệp, hoặc tệp rỗng', 'No file, or an empty file, was sent');
    const format = await detectFormat(file.buffer);
    const rows = await readSheet(file.buffer, format, kind.columns);
    const results: ImportRowView[] = [];
    const queryRunner = this.dataSource.createQueryRunner();
    await queryRunner.connect();
    await queryRunner.startTransaction();
    try {
      const tx = queryRunner.manager;
      if (apply) await this.store.lockApply(tx, kind.name);
      const importRow = await kind.start({ tx, actor, audit: this.audit });
      for (const row of rows) {
        await this.store.beginRow(tx);
        try {
          const result = await importRow(row);
          await this.store.keepRow(tx);
          results.push({ row: row.row, outcome: result.outcome, label: result.label, problems: [] });
        } catch (error) {
          await this.store.undoRow(tx);
          results.push({ row: row.row, outcome: 'refused', label: labelOf(row.cells), problems: problemsOf(error, kind) });
        }
      }
      if (apply) {
        await this.audit.record(
          { actorUserId: actor.userId, action: 'import.apply', targetType: 'import', details: { kind: kind.name, format, ...count(results) } },
          tx,
        );
        await queryRunner.commitTransaction();
      } else {
        await queryRunner.rollbackTransaction();
      }
    } catch (error) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
      throw error;
    } finally {
      await queryRunner.release();
    }
    return { kind: kind.name, format, applied: apply, totals: count(results), rows: results };
  }

  private kindFor(actor: Actor, name: ImportKindName): ImportKind {
    const kind = KINDS[name];
    if (!kind.allowed(actor))
      throw new ForbiddenException({
        statusCode: 403,
        code: 'NOT_ALLOWED',
        message: 'Bạn không có quyền nhập loại dữ liệu này / You may not import this kind of data',
      });
    return kind;
  }
}

function count(rows: ImportRowView[]): ImportReport['totals'] {
  const totals = { rows: rows.length, created: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const row of rows) totals[row.outcome] += 1;
  return totals;
}

/** A row shown by its first non-empty cell when it could not be read into a record. */
function labelOf(cells: Record<string, string>): string {
  return Object.values(cells).find((cell) => cell !== '') ?? '';
}

/** Why a row was refused: the handler's own reasons, a service's refusal, or the database's. */
function problemsOf(error: unknown, kind: ImportKind): RowProblem[] {
  if (error instanceof RowRefused) return error.problems.length > 0 ? error.problems : [{ column: '', message: 'Dòng không hợp lệ' }];
  if (error instanceof HttpException) {
    const body = error.getResponse() as { code?: string; message?: string };
    return [{ column: kind.columnOfCode[body.code ?? ''] ?? '', message: vietnamese(body.message ?? error.message) }];
  }
  if (error instanceof QueryFailedError) {
    const driver = error.driverError as { code?: string; constraint?: string; detail?: string };
    const answer = driver.code ? integrityAnswer(driver.code, driver.constraint, driver.detail) : undefined;
    if (answer) return [{ column: kind.columnOfCode[answer.code] ?? '', message: vietnamese(answer.message) }];
  }
  throw error;
}
