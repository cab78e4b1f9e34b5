import { DomainError } from '../errors.js';
import type { ActionDefinition, JuryDefinition, PayloadField, StageDefinition } from '../definition/schema.js';
import { indexOf, stageOf, type ValidDefinition } from '../definition/validate.js';
import { checkCouncilCommand } from '../stages/council.js';
import { checkJuryCommand, juryRules, type JuryRules } from '../stages/jury.js';
import type { InstanceState } from '../state.js';
import type { Actor, ScopeResolver } from '../types.js';
import { admitAction } from './decide.js';
import { checkPreconditions } from './rules.js';
import type { Guard } from './run.js';
import { scopeCovers } from '../scope.js';

/** An action a user may take now on one instance, with what its form must ask for. */
export interface AvailableAction {
  readonly name: string;
  /** Stage the action moves to; absent when it records something and stays. */
  readonly to?: string;
  readonly requiresReason: boolean;
  /** Values the action records (amounts, percentages, texts), each with its type and whether it is required. */
  readonly fields: readonly PayloadField[];
}

export interface AvailabilityContext {
  readonly now: string;
  readonly actor: Actor;
  readonly resolveScope?: ScopeResolver;
}

/** Checks that need the payload (the dossier's completeness) are left to the command itself. */
const PAYLOAD_CHECKS = new Set(['dossier_complete']);

/** What `check` returns, or undefined when it refuses with a domain error. */
function unlessRefused<T>(check: () => T): T | undefined {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}

/**
 * The actions of the instance's current stage that this actor may take now — the same checks the engine runs
 * before it reads a command's payload: the variant whose conditions hold, role and scope, four-eyes, the task's
 * claim, jury membership (a judge scores once), council membership (a member votes once), the quorum to close a
 * jury, and the preconditions that do not depend on the payload (the registration window, a deadline, a lower
 * certificate). Actions over a list of instances (a round's decision) and the system's timers are not offered
 * per instance. What the answer lists, the command accepts given a valid payload.
 */
export function availableActions(definition: ValidDefinition, state: InstanceState, context: AvailabilityContext): AvailableAction[] {
  if (state.status !== 'active') return [];
  const stage = stageOf(definition, state.stage);
  const byName = indexOf(definition).actions.get(stage.id) ?? new Map<string, readonly ActionDefinition[]>();
  const nowMs = Date.parse(context.now);
  if (Number.isNaN(nowMs)) throw new DomainError('VALIDATION_FAILED', { field: 'context.now', expected: 'ISO instant in UTC' });
  const run: Guard = { nowMs, actor: context.actor, resolveScope: context.resolveScope ?? scopeCovers, payload: {} };
  const offered: AvailableAction[] = [];
  for (const [name, variants] of byName) {
    if (variants.some((variant) => variant.batch !== undefined)) continue;
    const action = unlessRefused(() => {
      const admitted = admitAction(stage, variants, state, run);
      if (stage.jury !== undefined) checkJuryCommand(stage as StageDefinition & { jury: JuryDefinition }, state, name, run.actor.userId);
      if (stage.council !== undefined && (name === 'vote' || name === 'assign_council')) checkCouncilCommand(state, name, run.actor.userId);
      checkPreconditions({ ...admitted, requires: (admitted.requires ?? []).filter((rule) => !PAYLOAD_CHECKS.has(rule.type)) }, state, run);
      return admitted;
    });
    if (action === undefined) continue;
    offered.push({ name, ...(action.to === undefined ? {} : { to: action.to }), requiresReason: action.requiresReason === true, fields: action.payload ?? [] });
  }
  return offered;
}

/** The criteria groups a judge scores this instance on (code, name, maximum), as the engine enforces them. */
export function scoringCriteria(definition: ValidDefinition, state: InstanceState): JuryRules['criteria'] {
  const current = stageOf(definition, state.stage);
  const stage = current.jury !== undefined ? current : definition.stages.find((candidate) => candidate.jury !== undefined);
  return stage?.jury ? juryRules(stage.jury, state).criteria : [];
}
