import { slaStatus, visibleJuryView, type InstanceState, type Task } from '@khuyencong/domain';
import { type InstanceView } from './dto.js';

/** The instance as a viewer may see it: jury sheets blind until close (for everyone, organisers included). */
export function instanceView(state: InstanceState, viewerUserId: string, now: Date): InstanceView {
  return {
    instanceId: state.instanceId,
    definitionCode: state.definitionCode,
    definitionVersion: state.definitionVersion,
    version: state.version,
    stage: state.stage,
    status: state.status,
    outcome: state.outcome,
    subject: { ...state.subject },
    attributes: { ...state.attributes },
    round: state.round ? { ...state.round } : null,
    task: { ...state.task },
    jury: (visibleJuryView(state, viewerUserId) as Record<string, unknown> | null) ?? null,
    council: state.council ? { ...state.council } : null,
    certificate: state.certificate ? { ...state.certificate } : null,
    sla: state.sla
      ? { stage: state.sla.stage, dueAt: state.sla.dueAt, dueSoonAt: state.sla.dueSoonAt, pausedAt: state.sla.pausedAt, state: slaStatus(state.sla, now.toISOString()) }
      : null,
    lastReason: state.lastReason,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}

export function taskView(task: Task): { instanceId: string; stage: string; actions: string[]; dueAt: string | null } {
  return { instanceId: task.instanceId, stage: task.stage, actions: [...task.actions], dueAt: task.dueAt };
}
