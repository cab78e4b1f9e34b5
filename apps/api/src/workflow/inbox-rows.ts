import { type InboxTaskRow } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { type InboxItem } from './inbox.dto.js';

/** An inbox row (as InboxStore selects it) as the API shows it to this actor. */
export function toItem(row: InboxTaskRow, actor: Actor, now: number): InboxItem {
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
