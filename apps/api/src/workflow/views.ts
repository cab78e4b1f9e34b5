import { type EntityManager } from 'typeorm';
import { slaStatus, visibleJuryView, type InstanceState, type Task } from '@khuyencong/domain';
import { peopleByIds } from '../common/people.js';
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
    people: {},
  };
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : []);

/** The view with `people` naming the judges, council members and chair it mentions (also for stored answers without it). */
export async function withPeople<V extends Omit<InstanceView, 'people'> & { people?: InstanceView['people'] }>(manager: EntityManager, view: V): Promise<V & InstanceView> {
  const ids = [...strings(view.jury?.judges), ...strings(view.council?.members), ...strings(view.council?.chair)];
  const people = await peopleByIds(manager, ids);
  return { ...view, people: Object.fromEntries(Object.entries(people).map(([id, person]) => [id, { displayName: person.displayName }])) };
}

export function taskView(task: Task): { instanceId: string; stage: string; actions: string[]; dueAt: string | null } {
  return { instanceId: task.instanceId, stage: task.stage, actions: [...task.actions], dueAt: task.dueAt };
}
