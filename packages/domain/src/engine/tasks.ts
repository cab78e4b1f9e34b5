import type { ActionDefinition, StageDefinition } from '../definition/schema.js';
import { stageOf, type ValidDefinition } from '../definition/validate.js';
import { subjectScopeAt } from '../scope.js';
import type { InstanceState } from '../state.js';
import type { Recipient, Role, ScopeType } from '../types.js';
import { conditionsHold } from './rules.js';

/** One inbox row: who should act on an instance next, with which actions, by when. */
export interface Task {
  readonly instanceId: string;
  readonly stage: string;
  readonly actions: readonly string[];
  readonly assignee: Recipient;
  /** The stage's due instant; null without an SLA or while the clock is paused. */
  readonly dueAt: string | null;
}

/** Where a role's inbox rows live when the definition does not say. */
export const naturalScope: Readonly<Record<Role, ScopeType>> = {
  applicant: 'establishment',
  commune_officer: 'commune',
  provincial_officer: 'province',
  central_officer: 'national',
  signer: 'province',
  admin: 'national',
  judge: 'national',
  council_member: 'national',
  council_chair: 'national',
  system: 'national',
};

function byRole(state: InstanceState, actions: readonly ActionDefinition[], dueAt: string | null): Task[] {
  const rows = new Map<string, { assignee: Recipient; actions: string[] }>();
  for (const action of actions) {
    for (const rule of action.actors) {
      if (rule.role === 'system' || !conditionsHold(rule.when, state)) continue;
      const scope = subjectScopeAt(state.subject, rule.scopeTypes?.[0] ?? naturalScope[rule.role]);
      const key = `${rule.role}:${scope.type}:${scope.id}`;
      const row = rows.get(key) ?? { assignee: { role: rule.role, scope }, actions: [] };
      if (!row.actions.includes(action.name)) row.actions.push(action.name);
      rows.set(key, row);
    }
  }
  return [...rows.values()].map((row) => ({ instanceId: state.instanceId, stage: state.stage, dueAt, ...row }));
}

function forUsers(state: InstanceState, users: readonly string[], actions: string[], dueAt: string | null): Task[] {
  return users.map((userId) => ({ instanceId: state.instanceId, stage: state.stage, actions, assignee: { userId }, dueAt }));
}

/** Open tasks of an instance in a given stage (internal form of {@link openTasks}). */
export function tasksForStage(stage: StageDefinition, state: InstanceState): Task[] {
  if (state.status === 'terminal') return [];
  const dueAt = state.sla !== null && state.sla.pausedAt === null ? state.sla.dueAt : null;
  const declared = stage.actions.filter((action) => conditionsHold(action.when, state));
  // The subject's own actions (withdraw) are always open to it; they only make an inbox row where the
  // subject is the one expected to act (its draft, a revision).
  const subjectWorks = stage.kind === 'task' && stage.claimable === false;
  const work = declared.filter((action) => subjectWorks || !action.bySubject);
  switch (stage.kind) {
    case 'task': {
      const { owner, delegate } = state.task;
      if (owner === null) return byRole(state, work, dueAt);
      const names = work.map((action) => action.name);
      return forUsers(state, delegate === null ? [owner] : [owner, delegate], names, dueAt);
    }
    case 'jury': {
      const jury = state.jury!;
      if (jury.judges.length === 0)
        return byRole(
          state,
          work.filter((action) => action.name === 'assign_judges'),
          dueAt,
        );
      const waiting = jury.judges.filter((judge) => jury.sheets[judge] === undefined && jury.recused[judge] === undefined);
      return forUsers(state, waiting, ['score', 'recuse'], dueAt);
    }
    case 'council': {
      const council = state.council!;
      if (council.members.length === 0)
        return byRole(
          state,
          work.filter((action) => action.name === 'assign_council'),
          dueAt,
        );
      const waiting = council.members.filter((member) => council.votes[member] === undefined);
      return forUsers(state, waiting, ['vote'], dueAt);
    }
    case 'batch':
      return byRole(state, work, dueAt);
    default:
      // System stages wait for timers or optional follow-ups (nomination), not for a person.
      return [];
  }
}

/**
 * Who should act next on an instance, for the inbox the persistence layer writes after each command.
 * Claimed tasks go to their owner (and delegate); jury and council work goes to each member who has not
 * acted; everything else goes to a role at the instance's unit of the level the definition names.
 */
export function openTasks(definition: ValidDefinition, state: InstanceState): Task[] {
  return tasksForStage(stageOf(definition, state.stage), state);
}
