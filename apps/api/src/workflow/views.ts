import { type EntityManager } from 'typeorm';
import {
  availableActions,
  scoringCriteria,
  slaStatus,
  visibleJuryView,
  type InstanceState,
  type JuryView as DomainJuryView,
  type Task,
} from '@khuyencong/domain';
import { DefinitionRegistry, storedScopeId, toDomainActor } from '@khuyencong/workflow';
import { type Actor } from '../common/actor.js';
import { peopleByIds } from '../common/people.js';
import { type CommandResponse, type InstanceView } from './dto.js';

const definitions = new DefinitionRegistry();

/** The attribute a recorded value may not exceed, when the instance has it. */
function boundOf(state: InstanceState, attribute: string | undefined): number | null {
  const value = attribute === undefined ? undefined : state.attributes[attribute];
  return typeof value === 'number' ? value : null;
}

/** The actions the viewer may take now, by the engine's own checks (none for an unknown definition). */
function offered(state: InstanceState, viewer: Actor, now: Date) {
  const definition = definitions.exact(state.definitionCode, state.definitionVersion);
  return definition
    ? { definition, actions: availableActions(definition, state, { now: now.toISOString(), actor: toDomainActor(viewer.userId, viewer.grants) }) }
    : undefined;
}

/** What the viewer may do now and what a judge scores on — from the engine, so no client holds a copy of the rules. */
function guidance(state: InstanceState, viewer: Actor, now: Date): Pick<InstanceView, 'availableActions' | 'criteria' | 'submittedByYou'> {
  const submittedByYou = state.submittedBy === viewer.userId;
  const found = offered(state, viewer, now);
  if (!found) return { availableActions: [], criteria: [], submittedByYou };
  return {
    availableActions: found.actions.map((action) => ({
      name: action.name,
      ...(action.to === undefined ? {} : { to: action.to }),
      requiresReason: action.requiresReason,
      fields: action.fields.map((field) => ({ field: field.field, type: field.type, required: field.required, max: boundOf(state, field.atMostAttribute) })),
    })),
    submittedByYou,
    criteria: scoringCriteria(found.definition, state).map((criterion) => ({
      code: criterion.code,
      name: { vi: criterion.name.vi, en: criterion.name.en },
      max: criterion.max,
    })),
  };
}

/** The instance as a viewer may see it: jury sheets blind until close (for everyone, organisers included). */
export function instanceView(state: InstanceState, viewer: Actor, now: Date): InstanceView {
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
    jury: juryView(visibleJuryView(state, viewer.userId)),
    council: state.council ? { ...state.council, members: [...state.council.members] } : null,
    certificate: state.certificate ? { ...state.certificate } : null,
    sla: state.sla
      ? {
          stage: state.sla.stage,
          dueAt: state.sla.dueAt,
          dueSoonAt: state.sla.dueSoonAt,
          pausedAt: state.sla.pausedAt,
          state: slaStatus(state.sla, now.toISOString()),
        }
      : null,
    lastReason: state.lastReason,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    people: {},
    ...guidance(state, viewer, now),
  };
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : [];

/** The view with `people` naming the judges, council members and chair it mentions (also for stored answers without it). */
export async function withPeople<V extends Omit<InstanceView, 'people'> & { people?: InstanceView['people'] }>(
  manager: EntityManager,
  view: V,
): Promise<V & InstanceView> {
  const ids = [...strings(view.jury?.judges), ...strings(view.council?.members), ...strings(view.council?.chair)];
  const people = await peopleByIds(manager, ids);
  return { ...view, people: Object.fromEntries(Object.entries(people).map(([id, person]) => [id, { displayName: person.displayName }])) };
}

export function taskView(task: Task): { instanceId: string; stage: string; actions: string[]; dueAt: string | null } {
  return { instanceId: task.instanceId, stage: task.stage, actions: [...task.actions], dueAt: task.dueAt };
}

type OpenTaskView = CommandResponse['openTasks'][number];

/** An open task and whom it waits for: a person (named by {@link namedTasks}) or a role over a unit. */
export function openTaskView(task: Task): OpenTaskView {
  const base = { stage: task.stage, actions: [...task.actions], dueAt: task.dueAt };
  if ('userId' in task.assignee) return { ...base, assignee: { kind: 'person', userId: task.assignee.userId, name: null } };
  const { role, scope } = task.assignee;
  return { ...base, assignee: { kind: 'role', role, scopeType: scope.type, scopeId: storedScopeId(scope.type, scope.id) } };
}

/** The tasks with the people they wait for named (also for stored answers without names). */
export async function namedTasks(manager: EntityManager, tasks: readonly OpenTaskView[]): Promise<OpenTaskView[]> {
  const people = await peopleByIds(
    manager,
    tasks.flatMap((task) => (task.assignee.kind === 'person' ? [task.assignee.userId] : [])),
  );
  return tasks.map((task) =>
    task.assignee.kind === 'person' ? { ...task, assignee: { ...task.assignee, name: people[task.assignee.userId]?.displayName ?? null } } : task,
  );
}

/** The jury as the viewer may see it, with plain (mutable) arrays for the answer. */
function juryView(jury: DomainJuryView | null): InstanceView['jury'] {
  if (jury === null) return null;
  return { ...jury, judges: [...jury.judges], results: jury.results.map((result) => ({ ...result })) };
}

/** The names of the actions the viewer may take now (a scheme command's answer). */
export function offeredNames(state: InstanceState, viewer: Actor, now: Date): string[] {
  return (offered(state, viewer, now)?.actions ?? []).map((action) => action.name);
}
