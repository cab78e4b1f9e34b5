import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type Actor } from '../common/actor.js';
import { type InboxQuery, type InboxResponse } from './dto.js';
import { coverageSql } from './visibility.js';

interface InboxRow {
  task_id: string;
  instance_id: string;
  definition_code: string;
  subject_kind: string;
  stage: string;
  actions: string[];
  due_at: Date | null;
  due_soon_at: string | null;
  paused: boolean;
  province_code: string | null;
  establishment_id: string | null;
  round_id: string | null;
  year: number | null;
  level: string | null;
  product_group: string | null;
  assignee_user_id: string | null;
}

const FAR_FUTURE = '9999-12-31T00:00:00.000Z';

function encodeCursor(dueAt: Date | null, id: string): string {
  return Buffer.from(JSON.stringify([dueAt ? dueAt.toISOString() : FAR_FUTURE, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [dueAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof dueAt === 'string' && !Number.isNaN(Date.parse(dueAt)) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return [dueAt, id];
  } catch {
    // fall through
  }
  throw new BadRequestException({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Con trỏ phân trang không hợp lệ / Invalid cursor' });
}

/** My tasks: rows assigned to me, or to a role I hold over a scope that covers the instance. */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, query: InboxQuery): Promise<InboxResponse> {
    const params: unknown[] = [actor.userId];
    const coverage = coverageSql(actor, 2, 't.role');
    params.push(...coverage.params);
    const where: string[] = [];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (query.definition) add((n) => `i.definition_code = $${n}`, query.definition);
    if (query.stage) add((n) => `t.stage = $${n}`, query.stage);
    if (query.province) add((n) => `i.province_code = $${n}`, query.province);
    if (query.deadline === 'overdue') where.push(`t.due_at < now()`);
    if (query.deadline === 'due_soon') where.push(`t.due_at >= now() AND (i.state->'sla'->>'dueSoonAt')::timestamptz <= now()`);
    if (query.deadline === 'on_time') where.push(`t.due_at >= now() AND (i.state->'sla'->>'dueSoonAt')::timestamptz > now()`);
    if (query.deadline === 'none') where.push(`t.due_at IS NULL`);
    if (query.cursor) {
      const [dueAt, id] = decodeCursor(query.cursor);
      params.push(dueAt, id);
      where.push(`(coalesce(t.due_at, '${FAR_FUTURE}'::timestamptz), t.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const limit = `$${params.length}`;
    // Two disjoint halves, each walked in deadline order on its own index and cut at the page: tasks assigned to
    // me (ix_open_tasks_assignee_order), and unassigned tasks of a role my grants cover (ix_open_tasks_unassigned_order).
    // One OR over both made PostgreSQL walk every task in deadline order and filter (a judge's page read ~17,000).
    const half = (who: string) =>
      `(SELECT t.id AS task_id, t.instance_id, i.definition_code, i.subject_kind, t.stage, t.actions, t.due_at,
               i.state->'sla'->>'dueSoonAt' AS due_soon_at, (i.state->'sla'->>'pausedAt') IS NOT NULL AS paused,
               i.province_code, i.establishment_id, i.round_id, i.year, i.level, i.product_group, t.assignee_user_id,
               coalesce(t.due_at, '${FAR_FUTURE}'::timestamptz) AS due_order
          FROM open_tasks t JOIN workflow_instances i ON i.id = t.instance_id
         WHERE ${[who, ...where].join(' AND ')}
         ORDER BY coalesce(t.due_at, '${FAR_FUTURE}'::timestamptz), t.id
         LIMIT ${limit})`;
    // Parallel workers are off on the API's connections (serialQueries): a page stops after a few hundred index rows.
    const rows = await this.dataSource.query<InboxRow[]>(
      `SELECT * FROM (${half('t.assignee_user_id = $1')} UNION ALL ${half(`t.assignee_user_id IS NULL AND ${coverage.sql}`)}) mine
        ORDER BY due_order, task_id
        LIMIT ${limit}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const now = Date.now();
    return {
      items: page.map((row) => ({
        taskId: row.task_id,
        instanceId: row.instance_id,
        definitionCode: row.definition_code,
        subjectKind: row.subject_kind,
        stage: row.stage,
        actions: row.actions,
        dueAt: row.due_at ? row.due_at.toISOString() : null,
        deadline: !row.due_at ? 'none' : row.due_at.getTime() < now ? 'overdue' : row.due_soon_at && Date.parse(row.due_soon_at) <= now ? 'due_soon' : 'on_time',
        provinceCode: row.province_code,
        establishmentId: row.establishment_id,
        roundId: row.round_id,
        year: row.year,
        level: row.level,
        productGroup: row.product_group,
        assignedToMe: row.assignee_user_id === actor.userId,
      })),
      nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.due_at, page.at(-1)!.task_id) : null,
    };
  }
}
