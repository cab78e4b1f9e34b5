import { DomainError } from '../errors.js';
import type { ActionDefinition, CouncilDefinition, JuryDefinition, StageDefinition } from '../definition/schema.js';
import { indexOf, stageOf, taskActions, timerActions, type ValidDefinition } from '../definition/validate.js';
import { subjectScopeAt } from '../scope.js';
import { decideCouncilCommand } from '../stages/council.js';
import { decideJuryCommand } from '../stages/jury.js';
import { checkClaim, decideTaskCommand, type TaskCommand } from '../stages/task.js';
import type { InstanceState } from '../state.js';
import type { Command, DecideContext, Effect } from '../types.js';
import { decideBatch, type BatchProblem } from './batch.js';
import { authorise, checkPreconditions, pickVariant, readPayloadFields, readReason } from './rules.js';
import { checkInstance, commit, openRun, type DecideResult, type Guard, type Run, type Step } from './run.js';
import { tasksForStage } from './tasks.js';
import { moveTo, notifications } from './transition.js';

const isTaskCommand = (type: string): type is TaskCommand => (taskActions as readonly string[]).includes(type);
const isTimerCommand = (type: string): boolean => (timerActions as readonly string[]).includes(type);

/**
 * The checks every declared action passes before its payload is read, in the engine's order: the variant whose
 * conditions hold, role and scope, four-eyes, and the task's claim (the subject's own actions are exempt from the
 * last two). Returns the variant. Shared by `decide` and by the actions offered to a user.
 */
export function admitAction(stage: StageDefinition, variants: readonly ActionDefinition[], state: InstanceState, run: Guard): ActionDefinition {
  const action = pickVariant(variants, state);
  authorise(action, state, run);
  if (!action.bySubject) checkClaim(stage, state, run);
  return action;
}

/** A declared action that records its payload, notifies, and moves on if it has a target. */
function plainAction(definition: ValidDefinition, state: InstanceState, action: ActionDefinition, run: Run): Step {
  const reason = readReason(action.requiresReason === true, run.payload);
  checkPreconditions(action, state, run);
  const patch = readPayloadFields(action, state, run);
  const submittedBy = action.marksSubmission ? run.actor.userId : undefined;
  const after: InstanceState = { ...state, submittedBy: submittedBy ?? state.submittedBy };
  const effects: Effect[] = notifications(action.effects, after, reason === undefined ? {} : { reason });
  const data = { reason, patch, submittedBy };
  if (action.to === undefined) return { type: action.name, data, effects };
  const move = moveTo(definition, after, action.to, run);
  return { type: action.name, data: { ...data, transition: move.transition }, effects: [...effects, ...move.effects] };
}

/** Reminder and escalation timers: only the system may fire them, and only while they are current. */
function timerCommand(stage: StageDefinition, state: InstanceState, type: string, run: Run): Step {
  if (!run.actor.roles.some((grant) => grant.role === 'system')) {
    throw new DomainError('NOT_ALLOWED', { action: type });
  }
  const clock = state.sla;
  const key = run.payload.timerKey;
  if (clock === null || typeof key !== 'string' || !clock.timerKeys.includes(key)) {
    throw new DomainError('TIMER_STALE', { timerKey: key ?? null });
  }
  const sla = { ...clock, timerKeys: clock.timerKeys.filter((other) => other !== key) };
  const data = { instanceId: state.instanceId, stage: state.stage, dueAt: clock.dueAt };
  if (type === 'remind') {
    const effects: Effect[] = tasksForStage(stage, state).map((task) => ({
      type: 'notify',
      to: task.assignee,
      template: 'sla_reminder',
      data,
    }));
    return { type: 'reminded', data: { sla }, effects };
  }
  const escalateTo = stage.sla!.escalateTo;
  const to = { role: escalateTo.role, scope: subjectScopeAt(state.subject, escalateTo.scopeType) };
  return {
    type: 'escalated',
    data: { sla: { ...sla, escalated: true } },
    effects: [{ type: 'notify', to, template: 'sla_escalation', data }],
  };
}

function route(definition: ValidDefinition, state: InstanceState, command: Command, run: Run): Step {
  const stage = stageOf(definition, state.stage);
  if (isTaskCommand(command.type)) return decideTaskCommand(stage, state, command.type, run);
  if (isTimerCommand(command.type)) return timerCommand(stage, state, command.type, run);
  const index = indexOf(definition);
  const variants = index.actions.get(stage.id)?.get(command.type);
  if (!variants) {
    const code = index.actionNames.has(command.type) ? 'WRONG_STAGE' : 'UNKNOWN_ACTION';
    throw new DomainError(code, { action: command.type, stage: stage.id });
  }
  const action = admitAction(stage, variants, state, run);
  // The definition check guarantees these names only appear in stages of the matching kind.
  if (isJuryAction(action.name)) {
    return decideJuryCommand(definition, stage as StageDefinition & { jury: JuryDefinition }, state, action.name, run);
  }
  if (action.name === 'assign_council' || action.name === 'vote') {
    return decideCouncilCommand(definition, stage as StageDefinition & { council: CouncilDefinition }, state, action.name, run);
  }
  return plainAction(definition, state, action, run);
}

const isJuryAction = (name: string): boolean => ['assign_judges', 'score', 'recuse', 'close_jury'].includes(name);

/**
 * Decides one command against one instance: returns the new state, the events to append and the effects to
 * hand to the outbox, or throws a {@link DomainError}. Pure: the clock, the actor and the calendar come in
 * through the context. Batch actions run as a batch of one.
 */
export function decide(definition: ValidDefinition, state: InstanceState, command: Command, context: DecideContext): DecideResult {
  checkInstance(definition, state, command.expectedVersion);
  const run = openRun(context, command.payload);
  const variants = indexOf(definition).actions.get(state.stage)?.get(command.type);
  if (variants?.some((variant) => variant.batch !== undefined)) {
    const batch = { type: command.type, expectedVersions: { [state.instanceId]: command.expectedVersion }, payload: run.payload };
    try {
      return decideBatch(definition, [state], batch, context).results[0]!;
    } catch (error) {
      // A batch of one reports the instance's own refusal, not the batch wrapper.
      const problems = error instanceof DomainError ? (error.details.problems as BatchProblem[] | undefined) : undefined;
      if (problems?.length === 1) throw new DomainError(problems[0]!.code, problems[0]!.details);
      throw error;
    }
  }
  return commit(state, route(definition, state, command, run), run);
}
