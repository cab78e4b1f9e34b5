import { type Actor } from '../common/actor.js';
import { type InboxItem } from './inbox.dto.js';

/** One inbox row as the list queries select it. */
export interface InboxRow {
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

/** The claim of an open_tasks row `t` (alias `c`): claims name a row by instance, stage, role and scope. */
export const CLAIM_JOIN = `task_claims c ON t.assignee_user_id IS NULL AND c.instance_id = t.instance_id AND c.stage = t.stage
  AND c.role = t.role AND c.scope_type = t.scope_type AND c.scope_key = coalesce(t.scope_id, '')`;

/**
 * The names of a row (alias `t` for open_tasks, `i` for workflow_instances): an entry by its tracking code, product,
 * establishment and round, a scheme by its title, implementing unit and code, and the claimant by name.
 */
export const NAMED_JOINS = `LEFT JOIN entries e ON e.instance_id = t.instance_id
  LEFT JOIN organisations o ON o.id = e.establishment_id
  LEFT JOIN schemes s ON s.instance_id = t.instance_id
  LEFT JOIN rounds r ON r.id = i.round_id
  LEFT JOIN ${CLAIM_JOIN}
  LEFT JOIN users cu ON cu.id = c.claimed_by`;

export const NAMED_COLUMNS = `coalesce(e.product_name, s.title) AS title, e.code AS entry_code, coalesce(o.name, s.implementing_unit) AS subject_name,
  r.name AS round_name, s.code AS scheme_code, c.claimed_by, cu.display_name AS claimed_by_name`;

/** The row's base columns (aliases `t`, `i`). */
export const BASE_COLUMNS = `t.id AS task_id, t.instance_id, i.definition_code, i.subject_kind, t.stage, t.actions, t.due_at,
  t.created_at AS received_at, i.state->'sla'->>'dueSoonAt' AS due_soon_at, i.province_code, i.establishment_id, i.round_id,
  i.year, i.level, i.product_group, t.assignee_user_id, t.role`;

export function toItem(row: InboxRow, actor: Actor, now: number): InboxItem {
  return {
    taskId: row.task_id,
    instanceId: row.instance_id,
    definitionCode: row.definition_code,
    subjectKind: row.subject_kind,
    stage: row.stage,
    stageLabelKey: `stage.${row.stage}`,
    actions: row.actions,
    dueAt: row.due_at ? row.due_at.toISOString() : null,
    receivedAt: row.received_at.toISOString(),
    deadline: !row.due_at ? 'none' : row.due_at.getTime() < now ? 'overdue' : row.due_soon_at && Date.parse(row.due_soon_at) <= now ? 'due_soon' : 'on_time',
    provinceCode: row.province_code,
    establishmentId: row.establishment_id,
    roundId: row.round_id,
    roundName: row.round_name,
    schemeCode: row.scheme_code,
    entryCode: row.entry_code,
    year: row.year,
    level: row.level,
    productGroup: row.product_group,
    assignedToMe: row.assignee_user_id === actor.userId,
    title: row.title,
    subjectName: row.subject_name,
    claimable: row.assignee_user_id === null && row.role !== 'applicant',
    claimedBy: row.claimed_by ? { userId: row.claimed_by, name: row.claimed_by_name ?? '' } : null,
    claimedByMe: row.claimed_by === actor.userId,
  };
}

/** A search needle for kc_task_search_fold: composed form, LIKE wildcards escaped. */
export function likeNeedle(q: string): string {
  return `%${q.normalize('NFC').replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}
