import type { WorkingCalendar } from './sla/calendar.js';

/** Roles a user can be granted (DESIGN.md §2). `system` is the platform itself acting on timers. */
export const roles = [
  'applicant',
  'commune_officer',
  'provincial_officer',
  'judge',
  'council_member',
  'council_chair',
  'central_officer',
  'signer',
  'admin',
  'system',
] as const;
/** One of {@link roles}. */
export type Role = (typeof roles)[number];

/** Administrative levels a grant can be scoped to, from the narrowest to the widest. */
export const scopeTypes = ['establishment', 'commune', 'province', 'region', 'national'] as const;
/** One of {@link scopeTypes}. */
export type ScopeType = (typeof scopeTypes)[number];

/** A unit of one scope type, e.g. `{ type: 'province', id: '66' }` for Đắk Lắk. */
export interface Scope {
  readonly type: ScopeType;
  readonly id: string;
}

/** A role granted over a scope. A grant covers every instance whose scope chain contains that scope. */
export interface RoleGrant {
  readonly role: Role;
  readonly scope: Scope;
}

/** The user (or the system) issuing a command. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly RoleGrant[];
}

/**
 * The scope chain of the thing an instance is about (an establishment's entry or a scheme). It is stored in
 * the state so that authorisation stays a pure function of state and actor.
 */
export interface SubjectScope {
  readonly establishmentId: string;
  readonly communeCode: string;
  readonly provinceCode: string;
  readonly regionCode: string;
}

/** Decides whether a grant's scope covers an instance's subject. Replaceable through the context. */
export type ScopeResolver = (grant: Scope, subject: SubjectScope) => boolean;

/**
 * Everything the engine knows about the outside world when it decides.
 * `now` is an ISO-8601 instant in UTC (e.g. `2025-03-03T02:00:00.000Z`); working days are computed on
 * Asia/Ho_Chi_Minh calendar dates (UTC+7, no daylight saving).
 */
export interface DecideContext {
  readonly now: string;
  readonly actor: Actor;
  readonly calendar: WorkingCalendar;
  /** Optional override of the default scope rule (grant equals a link of the chain, or is national). */
  readonly resolveScope?: ScopeResolver;
}

/** A JSON value: states, events and effects are stored as jsonb. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
/** A JSON object. */
export type JsonObject = { readonly [key: string]: JsonValue };

/** A request to change one instance. `expectedVersion` is the instance version the caller saw. */
export interface Command {
  readonly type: string;
  readonly expectedVersion: number;
  readonly payload?: JsonObject;
}

/** A request to change many instances at once (batch decision, plan approval, nomination). */
export interface BatchCommand {
  readonly type: string;
  /** Instance id → the version the caller saw. Every instance of the batch must be listed. */
  readonly expectedVersions: Readonly<Record<string, number>>;
  readonly payload?: JsonObject;
}

/** Where a notification goes: everyone holding a role over a scope, or one user. */
export type Recipient = { readonly role: Role; readonly scope: Scope } | { readonly userId: string };

/** Timer kinds the worker wakes up for; each wakes the engine with the command of the same timer. */
export type TimerKind = 'sla_reminder' | 'sla_escalation' | 'certificate_expiry';

/** Side effects the caller writes to the outbox in the same transaction as the new state. */
export type Effect =
  | { readonly type: 'notify'; readonly to: Recipient; readonly template: string; readonly data: EventData }
  | {
      readonly type: 'schedule_timer';
      readonly timerKind: TimerKind;
      readonly dueAt: string;
      readonly key: string;
      /** The command the worker sends (as the system actor, with `payload.timerKey = key`) when it fires. */
      readonly command: string;
    }
  | { readonly type: 'cancel_timer'; readonly key: string }
  | {
      readonly type: 'generate_certificate';
      readonly instanceId: string;
      readonly certificateNumber: string;
      readonly level: string;
      readonly issuedOn: string;
      readonly validUntil: string;
      readonly decisionNumber: string;
    }
  | {
      readonly type: 'nominate_to_next_level';
      readonly instanceId: string;
      readonly certificateNumber: string;
      readonly fromLevel: string;
      readonly toLevel: string;
      readonly targetRoundId: string;
    };

/** The person or process recorded on an event. */
export interface EventActor {
  readonly userId: string;
}

/**
 * One fact appended to an instance's history. Each accepted command yields exactly one event per instance,
 * and `version` is the instance version after it, so replaying events reproduces `state.version`.
 */
export interface DomainEvent {
  readonly type: string;
  readonly at: string;
  readonly actor: EventActor;
  readonly version: number;
  readonly data: EventData;
}

/**
 * Event and effect data. Always JSON-serialisable (it is built from states and payloads, which are JSON);
 * typed loosely because the state interfaces carry no index signature.
 */
export type EventData = Readonly<Record<string, unknown>>;
