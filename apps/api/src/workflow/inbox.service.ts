import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { type Actor } from '../common/actor.js';
import { BASE_COLUMNS, NAMED_COLUMNS, NAMED_JOINS, likeNeedle, toItem, type InboxRow } from './inbox-rows.js';
import { type InboxQuery, type InboxResponse } from './inbox.dto.js';
import { coverageSql } from './visibility.js';

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

const ORDER: Record<NonNullable<InboxQuery['sort']>, string> = {
  deadline: `coalesce(t.due_at, '${FAR_FUTURE}'::timestamptz), t.id`,
  received: 't.created_at DESC, t.id',
  name: `kc_task_search_fold(coalesce(e.product_name, s.title, '')), t.id`,
};

/** My tasks: rows assigned to me, or to a role I hold over a scope that covers the instance. */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(actor: Actor, query: InboxQuery): Promise<InboxResponse> {
    const searched = query.q !== undefined || query.kind !== undefined || query.claim !== undefined || query.sort !== undefined || query.page !== undefined;
    if (searched && query.cursor !== undefined) {
      throw new BadRequestException({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Không dùng cursor cùng q, kind, claim, sort hay page / cursor cannot be combined with q, kind, claim, sort or page' });
    }
    return searched ? this.page(actor, query) : this.walk(actor, query);
  }

  /** Filters common to both paths, as SQL over `t` and `i`, their parameters appended to `params`. */
  private filters(query: InboxQuery, params: unknown[]): string[] {
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
    return where;
  }

  /** The searched, sorted page with its total: the inbox screen's query. */
  private async page(actor: Actor, query: InboxQuery): Promise<InboxResponse> {
    const params: unknown[] = [actor.userId];
    const coverage = coverageSql(actor, 2, 't.role');
    params.push(...coverage.params);
    const where = [`(t.assignee_user_id = $1 OR (t.assignee_user_id IS NULL AND ${coverage.sql}))`, ...this.filters(query, params)];
    if (query.kind === 'entry') where.push(`i.subject_kind = 'entry'`);
    if (query.kind === 'scheme') where.push(`i.subject_kind = 'scheme'`);
    if (query.claim === 'mine') where.push(`c.claimed_by = $1`);
    if (query.claim === 'others') where.push(`c.claimed_by <> $1`);
    if (query.claim === 'unclaimed') where.push(`t.assignee_user_id IS NULL AND c.claimed_by IS NULL`);
    if (query.q) {
      params.push(likeNeedle(query.q));
      const n = params.length;
      where.push(
        `(${['e.product_name', 's.title', 'o.name', 's.implementing_unit', 'o.tax_code', 'r.name', 's.code', 'e.code']
          .map((column) => `kc_task_search_fold(${column}) LIKE kc_task_search_fold($${n})`)
          .join(' OR ')})`,
      );
    }
    const page = query.page ?? 1;
    params.push(query.limit, (page - 1) * query.limit);
    const rows = await this.dataSource.query<(InboxRow & { total: string })[]>(
      `SELECT ${BASE_COLUMNS}, ${NAMED_COLUMNS}, count(*) OVER () AS total
         FROM open_tasks t JOIN workflow_instances i ON i.id = t.instance_id
         ${NAMED_JOINS}
        WHERE ${where.join(' AND ')}
        ORDER BY ${ORDER[query.sort ?? 'deadline']}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = rows[0] ? Number(rows[0].total) : page === 1 ? 0 : await this.count(where, params.slice(0, -2));
    const now = Date.now();
    return { items: rows.map((row) => toItem(row, actor, now)), nextCursor: null, total, page };
  }

  /** The total when the page asked for lies past the end (the window function saw no row to count on). */
  private async count(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM open_tasks t JOIN workflow_instances i ON i.id = t.instance_id ${NAMED_JOINS} WHERE ${where.join(' AND ')}`,
      params,
    );
    return row.n;
  }

  /** The original deadline-ordered cursor walk (no search): what the benchmark times. */
  private async walk(actor: Actor, query: InboxQuery): Promise<InboxResponse> {
    const params: unknown[] = [actor.userId];
    const coverage = coverageSql(actor, 2, 't.role');
    params.push(...coverage.params);
    const where = this.filters(query, params);
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
      `(SELECT t.id, coalesce(t.due_at, '${FAR_FUTURE}'::timestamptz) AS due_order
          FROM open_tasks t JOIN workflow_instances i ON i.id = t.instance_id
         WHERE ${[who, ...where].join(' AND ')}
         ORDER BY coalesce(t.due_at, '${FAR_FUTURE}'::timestamptz), t.id
         LIMIT ${limit})`;
    // Parallel workers are off on the API's connections (serialQueries): a page stops after a few hundred index rows.
    const rows = await this.dataSource.query<InboxRow[]>(
      // The page's rows are then named: an entry by its product and establishment, a scheme by its title and unit.
      `SELECT ${BASE_COLUMNS}, ${NAMED_COLUMNS}
         FROM (SELECT * FROM (${half('t.assignee_user_id = $1')} UNION ALL ${half(`t.assignee_user_id IS NULL AND ${coverage.sql}`)}) mine
                ORDER BY mine.due_order, mine.id LIMIT ${limit}) mine
         JOIN open_tasks t ON t.id = mine.id JOIN workflow_instances i ON i.id = t.instance_id
         ${NAMED_JOINS}
        ORDER BY mine.due_order, t.id`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const now = Date.now();
    return {
      items: page.map((row) => toItem(row, actor, now)),
      nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.due_at, page.at(-1)!.task_id) : null,
    };
  }
}
