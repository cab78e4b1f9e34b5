import { type EntityManager } from 'typeorm';
import { instanceCoverageSql, type InstanceCoverageGrant } from './instance-coverage.js';

/** One inbox row as the list queries select it. */
export interface InboxTaskRow {
  task_id: string;
  instance_id: string;
  definition_code: string;
  subject_kind: string;
  stage: string;
  actions: string[];
  due_at: Date | null;
  received_at: Date;
  due_soon_at: string | null;
  province_code: string | null;
  establishment_id: string | null;
  round_id: string | null;
  year: number | null;
  level: string | null;
  product_group: string | null;
  assignee_user_id: string | null;
  role: string;
  title: string | null;
  entry_code: string | null;
  subject_name: string | null;
  round_name: string | null;
  scheme_code: string | null;
  claimed_by: string | null;
  claimed_by_name: string | null;
}

/** The due time a task without a deadline sorts at (last); cursors carry it for such tasks. */
export const INBOX_NO_DEADLINE = '9999-12-31T00:00:00.000Z';

/** Filters common to the page and the walk. */
export interface InboxFilters {
  definition?: string | undefined;
  stage?: string | undefined;
  province?: string | undefined;
  deadline?: 'overdue' | 'due_soon' | 'on_time' | 'none' | undefined;
}

/** The searched, sorted page's parameters. */
export interface InboxPageQuery extends InboxFilters {
  kind?: 'entry' | 'scheme' | undefined;
  claim?: 'mine' | 'unclaimed' | 'others' | undefined;
  q?: string | undefined;
  sort?: InboxSort | undefined;
  /** 1-based. */
  page: number;
  limit: number;
}

export type InboxSort = 'deadline' | 'received' | 'name';

/** The cursor walk's parameters: `limit + 1` rows are read, so the caller knows whether a next page exists. */
export interface InboxWalkQuery extends InboxFilters {
  /** The last row of the previous page: its due time (INBOX_NO_DEADLINE when none) and task id. */
  after?: { dueAt: string; id: string } | undefined;
  limit: number;
}

/** The claim of an open_tasks row `t` (alias `c`): claims name a row by instance, stage, role and scope. */
const CLAIM_JOIN = `task_claims c ON t.assignee_user_id IS NULL AND c.instance_id = t.instance_id AND c.stage = t.stage
  AND c.role = t.role AND c.scope_type = t.scope_type AND c.scope_key = coalesce(t.scope_id, '')`;

/**
 * The names of a row (alias `t` for open_tasks, `i` for workflow_instances): an entry by its tracking code, product,
 * establishment and round, a scheme by its title, implementing unit and code, and the claimant by name.
 */
const NAMED_JOINS = `LEFT JOIN entries e ON e.instance_id = t.instance_id
  LEFT JOIN organisations o ON o.id = e.establishment_id
  LEFT JOIN schemes s ON s.instance_id = t.instance_id
  LEFT JOIN rounds r ON r.id = i.round_id
  LEFT JOIN ${CLAIM_JOIN}
  LEFT JOIN users cu ON cu.id = c.claimed_by`;

const NAMED_COLUMNS = `coalesce(e.product_name, s.title) AS title, e.code AS entry_code, coalesce(o.name, s.implementing_unit) AS subject_name,
  r.name AS round_name, s.code AS scheme_code, c.claimed_by, cu.display_name AS claimed_by_name`;

/** The row's base columns (aliases `t`, `i`). */
const BASE_COLUMNS = `t.id AS task_id, t.instance_id, i.definition_code, i.subject_kind, t.stage, t.actions, t.due_at,
  t.created_at AS received_at, i.state->'sla'->>'dueSoonAt' AS due_soon_at, i.province_code, i.establishment_id, i.round_id,
  i.year, i.level, i.product_group, t.assignee_user_id, t.role`;

const ORDER: Record<InboxSort, string> = {
  deadline: `coalesce(t.due_at, '${INBOX_NO_DEADLINE}'::timestamptz), t.id`,
  received: 't.created_at DESC, t.id',
  name: `kc_task_search_fold(coalesce(e.product_name, s.title, '')), t.id`,
};

/** A search needle for kc_task_search_fold: composed form, LIKE wildcards escaped. */
function likeNeedle(q: string): string {
  return `%${q.normalize('NFC').replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

/**
 * The inbox: open task rows assigned to the user, or to a role the user holds over a scope that covers the
 * instance (`grants`, all of the user's grants: each covers rows of its own role).
 */
export class InboxStore {
  /** The searched, sorted page with its total: the inbox screen's query. */
  async listPage(
    manager: EntityManager,
    userId: string,
    grants: readonly InstanceCoverageGrant[],
    query: InboxPageQuery,
  ): Promise<{ rows: InboxTaskRow[]; total: number }> {
    const params: unknown[] = [userId];
    const coverage = instanceCoverageSql(grants, 2, 't.role');
    params.push(...coverage.params);
    const where = [`(t.assignee_user_id = $1 OR (t.assignee_user_id IS NULL AND ${coverage.sql}))`, ...filtersSql(query, params)];
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
    const page = query.page;
    params.push(query.limit, (page - 1) * query.limit);
    const rows = await manager.query<(InboxTaskRow & { total: string })[]>(
      `SELECT ${BASE_COLUMNS}, ${NAMED_COLUMNS}, count(*) OVER () AS total
         FROM open_tasks t JOIN workflow_instances i ON i.id = t.instance_id
         ${NAMED_JOINS}
        WHERE ${where.join(' AND ')}
        ORDER BY ${ORDER[query.sort ?? 'deadline']}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const total = rows[0] ? Number(rows[0].total) : page === 1 ? 0 : await this.count(manager, where, params.slice(0, -2));
    return { rows, total };
  }

  /** The total when the page asked for lies past the end (the window function saw no row to count on). */
  private async count(manager: EntityManager, where: string[], params: unknown[]): Promise<number> {
    const [row] = await manager.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM open_tasks t JOIN workflow_instances i ON i.id = t.instance_id ${NAMED_JOINS} WHERE ${where.join(' AND ')}`,
      params,
    );
    return row.n;
  }

  /** The original deadline-ordered cursor walk (no search): what the benchmark times. Reads `limit + 1` rows. */
  async walk(manager: EntityManager, userId: string, grants: readonly InstanceCoverageGrant[], query: InboxWalkQuery): Promise<InboxTaskRow[]> {
    const params: unknown[] = [userId];
    const coverage = instanceCoverageSql(grants, 2, 't.role');
    params.push(...coverage.params);
    const where = filtersSql(query, params);
    if (query.after) {
      params.push(query.after.dueAt, query.after.id);
      where.push(`(coalesce(t.due_at, '${INBOX_NO_DEADLINE}'::timestamptz), t.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const limit = `$${params.length}`;
    // Two disjoint halves, each walked in deadline order on its own index and cut at the page: tasks assigned to
    // me (ix_open_tasks_assignee_order), and unassigned tasks of a role my grants cover (ix_open_tasks_unassigned_order).
    // One OR over both made PostgreSQL walk every task in deadline order and filter (a judge's page read ~17,000).
    const half = (who: string) =>
      `(SELECT t.id, coalesce(t.due_at, '${INBOX_NO_DEADLINE}'::timestamptz) AS due_order
          FROM open_tasks t JOIN workflow_instances i ON i.id = t.instance_id
         WHERE ${[who, ...where].join(' AND ')}
         ORDER BY coalesce(t.due_at, '${INBOX_NO_DEADLINE}'::timestamptz), t.id
         LIMIT ${limit})`;
    // Parallel workers are off on the API's connections (serialQueries): a page stops after a few hundred index rows.
    return manager.query<InboxTaskRow[]>(
      // The page's rows are then named: an entry by its product and establishment, a scheme by its title and unit.
      `SELECT ${BASE_COLUMNS}, ${NAMED_COLUMNS}
         FROM (SELECT * FROM (${half('t.assignee_user_id = $1')} UNION ALL ${half(`t.assignee_user_id IS NULL AND ${coverage.sql}`)}) mine
                ORDER BY mine.due_order, mine.id LIMIT ${limit}) mine
         JOIN open_tasks t ON t.id = mine.id JOIN workflow_instances i ON i.id = t.instance_id
         ${NAMED_JOINS}
        ORDER BY mine.due_order, t.id`,
      params,
    );
  }
}

/** Filters common to both paths, as SQL over `t` and `i`, their parameters appended to `params`. */
function filtersSql(query: InboxFilters, params: unknown[]): string[] {
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
