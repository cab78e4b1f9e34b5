import type { InstanceState, JuryState, CouncilState, TaskHolder, CertificateInfo, SlaClock, SlaRecord, AttributeValue } from '../state.js';
import type { StageKind } from '../definition/schema.js';
import type { DomainEvent } from '../types.js';

/** How an event moves an instance between stages. Carried in `event.data.transition`. */
export interface TransitionData {
  readonly from: string;
  readonly to: string;
  readonly toKind: StageKind;
  readonly status: 'active' | 'terminal';
  /** The outcome the target stage sets, or null to keep the current one. */
  readonly outcome: string | null;
  /** The SLA clock after the move (new, resumed, paused or none). */
  readonly sla: SlaClock | null;
  /** The clock that finished with the move, for the SLA history. */
  readonly closedSla: SlaRecord | null;
}

/**
 * The parts of the state an event may set. Every event is a set of such changes, so replaying is a fold and
 * needs neither the definition nor the calendar: whatever was computed at decision time is in the event.
 */
export interface EventChanges {
  readonly instance?: InstanceState;
  readonly patch?: Readonly<Record<string, AttributeValue>>;
  readonly reason?: string;
  readonly submittedBy?: string;
  readonly task?: TaskHolder;
  readonly jury?: JuryState;
  readonly council?: CouncilState;
  readonly certificate?: CertificateInfo;
  readonly sla?: SlaClock | null;
  readonly migration?: { readonly toVersion: number; readonly toStage: string };
  readonly transition?: TransitionData;
}

const idle: TaskHolder = { owner: null, delegate: null };

function enter(state: InstanceState, move: TransitionData): InstanceState {
  return {
    ...state,
    stage: move.to,
    status: move.status,
    outcome: move.outcome ?? state.outcome,
    sla: move.sla,
    slaHistory: move.closedSla ? [...state.slaHistory, move.closedSla] : state.slaHistory,
    task: idle,
    jury:
      move.toKind === 'jury'
        ? { stage: move.to, round: 1, judges: [], sheets: {}, recused: {}, closed: false, results: [] }
        : state.jury,
    council:
      move.toKind === 'council'
        ? { stage: move.to, members: [], chair: null, votes: {}, outcome: null }
        : state.council,
  };
}

/**
 * Applies one event to a state (`null` before the instance exists). Pure; `decide` computes its new state
 * with this very function, so replaying the stored events always reproduces the stored state.
 */
export function evolve(state: InstanceState | null, event: DomainEvent): InstanceState {
  const changes = event.data as EventChanges;
  if (changes.instance) return changes.instance;
  if (state === null) throw new RangeError(`event ${event.type} needs an existing instance`);
  let next: InstanceState = { ...state, version: event.version, updatedAt: event.at };
  if (changes.patch) next = { ...next, attributes: { ...next.attributes, ...changes.patch } };
  if (changes.reason !== undefined) next = { ...next, lastReason: changes.reason };
  if (changes.submittedBy !== undefined) next = { ...next, submittedBy: changes.submittedBy };
  if (changes.task) next = { ...next, task: changes.task };
  if (changes.jury) next = { ...next, jury: changes.jury };
  if (changes.council) next = { ...next, council: changes.council };
  if (changes.certificate) next = { ...next, certificate: changes.certificate };
  if (changes.sla !== undefined) next = { ...next, sla: changes.sla };
  if (changes.migration) {
    next = { ...next, definitionVersion: changes.migration.toVersion, stage: changes.migration.toStage };
  }
  if (changes.transition) next = enter(next, changes.transition);
  return next;
}

/** Replays a whole history (the first event creates the instance). */
export function replay(events: readonly DomainEvent[]): InstanceState | null {
  return events.reduce<InstanceState | null>(evolve, null);
}
