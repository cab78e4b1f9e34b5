import { DomainError } from '../errors.js';
import { scopeCovers } from '../scope.js';
import type { InstanceState } from '../state.js';
import type { ValidDefinition } from '../definition/validate.js';
import type { Actor, DecideContext, DomainEvent, Effect, EventData, JsonObject, ScopeResolver } from '../types.js';
import type { WorkingCalendar } from '../sla/calendar.js';
import { evolve } from './evolve.js';

/** The context of one command, with `now` parsed once. */
export interface Run {
  readonly now: string;
  readonly nowMs: number;
  readonly actor: Actor;
  readonly calendar: WorkingCalendar;
  readonly resolveScope: ScopeResolver;
  readonly payload: JsonObject;
}

/** What the checks made before a command's payload is read need of its context (no calendar, no clock string). */
export type Guard = Pick<Run, 'nowMs' | 'actor' | 'resolveScope' | 'payload'>;

/** What a handler decided for one instance: one event (type and data) and its effects. */
export interface Step {
  readonly type: string;
  readonly data: EventData;
  readonly effects: readonly Effect[];
}

/** The result of an accepted command: the new state, the events to append and the effects for the outbox. */
export interface DecideResult {
  readonly state: InstanceState;
  readonly events: readonly DomainEvent[];
  readonly effects: readonly Effect[];
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Parses the context once per command; a malformed clock is the caller's bug, reported as validation. */
export function openRun(context: DecideContext, payload: JsonObject | undefined): Run {
  const nowMs = instantPattern.test(context.now) ? Date.parse(context.now) : Number.NaN;
  if (Number.isNaN(nowMs)) throw new DomainError('VALIDATION_FAILED', { field: 'context.now', expected: 'ISO instant in UTC' });
  return {
    // Events carry the canonical form; skip the (slow) re-formatting when the caller already sent it.
    now: context.now.length === 24 ? context.now : new Date(nowMs).toISOString(),
    nowMs,
    actor: context.actor,
    calendar: context.calendar,
    resolveScope: context.resolveScope ?? scopeCovers,
    payload: payload ?? {},
  };
}

/** Turns a step into the event, and the event into the new state, through `evolve` (the only writer). */
export function commit(state: InstanceState, step: Step, run: Run): DecideResult {
  const event: DomainEvent = {
    type: step.type,
    at: run.now,
    actor: { userId: run.actor.userId },
    version: state.version + 1,
    data: step.data,
  };
  return { state: evolve(state, event), events: [event], effects: step.effects };
}

/** The checks every command passes first: right definition, live instance, fresh version. */
export function checkInstance(definition: ValidDefinition, state: InstanceState, expectedVersion: number): void {
  if (state.definitionCode !== definition.code || state.definitionVersion !== definition.version) {
    throw new DomainError('DEFINITION_MISMATCH', {
      instance: `${state.definitionCode}@${state.definitionVersion}`,
      definition: `${definition.code}@${definition.version}`,
    });
  }
  if (expectedVersion !== state.version) {
    throw new DomainError('STALE_VERSION', { expected: expectedVersion, actual: state.version });
  }
  if (state.status === 'terminal') throw new DomainError('TERMINAL_STATE', { stage: state.stage });
}
