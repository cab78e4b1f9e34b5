import { slaStatus, type Effect, type InstanceState, type Task, type ValidDefinition } from '@khuyencong/domain';
import { isOutboxEffect } from '@khuyencong/jobs';
import { type InstanceColumns, type NewEffect, type NewTask, type NewTimer } from '@khuyencong/persistence';
import { storedScopeId } from './actors.js';
import { subjectKindOf } from './definitions.js';

/** The list and inbox columns of an instance, copied from its state. */
export function columnsOf(definition: ValidDefinition, state: InstanceState, now: string): InstanceColumns {
  const productGroup = state.attributes.productGroup;
  return {
    stage: state.stage,
    status: state.status,
    subjectKind: subjectKindOf(definition),
    establishmentId: state.subject.establishmentId,
    communeCode: state.subject.communeCode,
    provinceCode: state.subject.provinceCode,
    regionCode: state.subject.regionCode,
    roundId: state.round?.roundId ?? null,
    year: state.round?.year ?? (typeof state.attributes.year === 'number' ? state.attributes.year : null),
    level: state.round?.level ?? null,
    productGroup: typeof productGroup === 'string' ? productGroup : null,
    dueAt: state.sla && state.sla.pausedAt === null ? new Date(state.sla.dueAt) : null,
    slaState: state.sla ? slaStatus(state.sla, now) : null,
  };
}

const USER_TASK_ROLE: Record<string, NewTask['role']> = { jury: 'judge', council: 'council_member' };

/** Inbox rows: role-and-scope rows for everyone of a role at a unit, or one row per named user. */
export function tasksOf(definition: ValidDefinition, tasks: readonly Task[]): NewTask[] {
  return tasks.map((task) => {
    const base = { stage: task.stage, actions: [...task.actions], dueAt: task.dueAt ? new Date(task.dueAt) : null };
    if ('userId' in task.assignee) {
      const stage = definition.stages.find((candidate) => candidate.id === task.stage);
      const role = USER_TASK_ROLE[stage?.kind ?? ''] ?? stage?.actions[0]?.actors[0]?.role ?? 'applicant';
      return { ...base, role: role === 'system' ? 'admin' : role, scopeType: 'national', scopeId: null, assigneeUserId: task.assignee.userId };
    }
    const { role, scope } = task.assignee;
    return { ...base, role, scopeType: scope.type, scopeId: storedScopeId(scope.type, scope.id) };
  });
}

/** Effects → outbox rows, timers to arm and timer keys to cancel. */
export function effectsOf(instanceId: string, effects: readonly Effect[]): { outbox: NewEffect[]; timers: NewTimer[]; cancel: string[] } {
  const outbox: NewEffect[] = [];
  const timers: NewTimer[] = [];
  const cancel: string[] = [];
  for (const effect of effects) {
    switch (effect.type) {
      case 'schedule_timer':
        timers.push({ kind: effect.timerKind, key: effect.key, dueAt: new Date(effect.dueAt), command: effect.command });
        break;
      case 'cancel_timer':
        cancel.push(effect.key);
        break;
      default:
        // ENGINE_EFFECTS decides: a job carries it out (outbox row) or the command's own transaction already did
        // (a nomination creates the next level's entry; the effect stays in the event as its record).
        if (isOutboxEffect(effect)) outbox.push({ effectType: effect.type, payload: { ...effect, instanceId } });
        break;
    }
  }
  return { outbox, timers, cancel };
}
