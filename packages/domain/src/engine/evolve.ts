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

type Draft = { -readonly [K in keyof InstanceState]: InstanceState[K] };

function enter(next: Draft, move: TransitionData): void {
  next.stage = move.to;
  next.status = move.status;
  if (move.outcome !== null) next.outcome = move.outcome;
  next.sla = move.sla;
  if (move.closedSla) next.slaHistory = [...next.slaHistory, move.closedSla];
  next.task = idle;
  if (move.toKind === 'jury') {
    next.jury = { stage: move.to, round: 1, judges: [], sheets: {}, recused: {}, closed: false, results: [] };
  }
  if (move.toKind === 'council') next.council = { stage: move.to, members: [], chair: null, votes: {}, outcome: null };
}

/** One explicit copy: a literal with a fixed shape is much faster in V8 than spreading a wide object. */
function copy(state: InstanceState, event: DomainEvent): Draft {
  return {
    instanceId: state.instanceId,
    definitionCode: state.definitionCode,
    definitionVersion: state.definitionVersion,
    version: event.version,
    stage: state.stage,
    status: state.status,
    outcome: state.outcome,
    subject: state.subject,
    createdBy: state.createdBy,
    submittedBy: state.submittedBy,
    attributes: state.attributes,
    round: state.round,
    task: state.task,
    jury: state.jury,
    council: state.council,
    certificate: state.certificate,
    sla: state.sla,
    slaHistory: state.slaHistory,
    lastReason: state.lastReason,
    createdAt: state.createdAt,
    updatedAt: event.at,
  };
}

/**
 * Applies one event to a state (`null` before the instance exists). Pure: it copies the state once and never
 * touches the input. `decide` computes its new state with this very function, so replaying the stored events
 * always reproduces the stored state.
 */
export function evolve(state: InstanceState | null, event: DomainEvent): InstanceState {
  const changes = event.data as EventChanges;
  if (changes.instance) return changes.instance;
  if (state === null) throw new RangeError(`event ${event.type} needs an existing instance`);
  const next = copy(state, event);
  if (changes.patch) next.attributes = { ...next.attributes, ...changes.patch };
  if (changes.reason !== undefined) next.lastReason = changes.reason;
  if (changes.submittedBy !== undefined) next.submittedBy = changes.submittedBy;
  if (changes.task) next.task = changes.task;
  if (changes.jury) next.jury = changes.jury;
  if (changes.council) next.council = changes.council;
  if (changes.certificate) next.certificate = changes.certificate;
  if (changes.sla !== undefined) next.sla = changes.sla;
  if (changes.migration) {
    next.definitionVersion = changes.migration.toVersion;
    next.stage = changes.migration.toStage;
  }
  if (changes.transition) enter(next, changes.transition);
  return next;
}

/** Replays a whole history (the first event creates the instance). */
export function replay(events: readonly DomainEvent[]): InstanceState | null {
  return events.reduce<InstanceState | null>(evolve, null);
}
