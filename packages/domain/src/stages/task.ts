import { DomainError } from '../errors.js';
import type { StageDefinition } from '../definition/schema.js';
import { actorMatches, checkFourEyes } from '../engine/rules.js';
import type { Guard, Run, Step } from '../engine/run.js';
import type { InstanceState, TaskHolder } from '../state.js';

/** Built-in commands of a claimable single-actor task stage. */
export type TaskCommand = 'claim' | 'unclaim' | 'delegate' | 'reassign';

function targetUser(run: Run, state: InstanceState): string {
  const to = run.payload.toUserId;
  if (typeof to !== 'string' || to.trim() === '') {
    throw new DomainError('VALIDATION_FAILED', { field: 'toUserId', required: true });
  }
  checkFourEyes(state, to);
  return to;
}

function step(type: string, task: TaskHolder, notifyUser: string | null, template: string, state: InstanceState): Step {
  const effects =
    notifyUser === null ? [] : [{ type: 'notify' as const, to: { userId: notifyUser }, template, data: { instanceId: state.instanceId, stage: state.stage } }];
  return { type, data: { task }, effects };
}

/**
 * Claim, unclaim, delegate and admin reassignment. A delegate acts for the owner, who keeps the task and gets
 * it back when the delegate unclaims (or takes it back by delegating to someone else).
 */
export function decideTaskCommand(stage: StageDefinition, state: InstanceState, command: TaskCommand, run: Run): Step {
  if (stage.kind !== 'task' || stage.claimable === false) {
    throw new DomainError('WRONG_STAGE', { action: command, stage: stage.id });
  }
  const me = run.actor.userId;
  const { owner, delegate } = state.task;
  switch (command) {
    case 'claim': {
      const officerRules = stage.actions.filter((action) => !action.bySubject).flatMap((action) => action.actors);
      if (!actorMatches(officerRules, run.actor, state, run.resolveScope)) {
        throw new DomainError('NOT_ALLOWED', { action: command, stage: stage.id });
      }
      checkFourEyes(state, me);
      if (owner !== null) throw new DomainError('ALREADY_CLAIMED', { owner });
      return step('claimed', { owner: me, delegate: null }, null, '', state);
    }
    case 'unclaim':
      if (me === owner) return step('unclaimed', { owner: null, delegate: null }, null, '', state);
      if (me === delegate) return step('delegation_returned', { owner, delegate: null }, owner, 'task_returned', state);
      throw new DomainError('NOT_ASSIGNED', { action: command });
    case 'delegate': {
      if (me !== owner) throw new DomainError('NOT_ASSIGNED', { action: command });
      const to = targetUser(run, state);
      if (to === owner) throw new DomainError('VALIDATION_FAILED', { field: 'toUserId', reason: 'already the owner' });
      return step('delegated', { owner, delegate: to }, to, 'task_delegated', state);
    }
    case 'reassign': {
      if (!actorMatches([{ role: 'admin' }], run.actor, state, run.resolveScope)) {
        throw new DomainError('NOT_ALLOWED', { action: command, stage: stage.id });
      }
      const to = targetUser(run, state);
      return step('reassigned', { owner: to, delegate: null }, to, 'task_reassigned', state);
    }
  }
}

/** Once someone claimed a task, only the owner or their delegate may decide it. */
export function checkClaim(stage: StageDefinition, state: InstanceState, run: Guard): void {
  const { owner, delegate } = state.task;
  if (stage.kind === 'task' && owner !== null && run.actor.userId !== owner && run.actor.userId !== delegate) {
    throw new DomainError('NOT_ASSIGNED', { owner });
  }
}
