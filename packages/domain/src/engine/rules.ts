import { DomainError } from '../errors.js';
import type { ActionDefinition, ActorRule, Condition, Precondition } from '../definition/schema.js';
import { dayNumberOf, endOfLocalDay, localDayOf } from '../sla/calendar.js';
import type { AttributeValue, InstanceState } from '../state.js';
import type { Actor, JsonValue, ScopeResolver } from '../types.js';
import type { Guard, Run } from './run.js';

/** Whether every condition holds for the instance (an absent list holds). */
export function conditionsHold(conditions: readonly Condition[] | undefined, state: InstanceState): boolean {
  if (!conditions) return true;
  return conditions.every((condition) => {
    switch (condition.type) {
      case 'round_level_in':
        return state.round !== null && condition.levels.includes(state.round.level);
      case 'attribute_in':
        return condition.values.some((value) => state.attributes[condition.attribute] === value);
    }
  });
}

/** The first variant of an action whose conditions hold. */
export function pickVariant(variants: readonly ActionDefinition[], state: InstanceState): ActionDefinition {
  const variant = variants.find((candidate) => conditionsHold(candidate.when, state));
  if (!variant) throw new DomainError('CONDITION_NOT_MET', { action: variants[0]?.name });
  return variant;
}

/** Whether an actor holds a grant satisfying one of the rules for this instance. */
export function actorMatches(rules: readonly ActorRule[], actor: Actor, state: InstanceState, resolveScope: ScopeResolver): boolean {
  return rules.some(
    (rule) =>
      conditionsHold(rule.when, state) &&
      actor.roles.some(
        (grant) =>
          grant.role === rule.role && (rule.scopeTypes === undefined || rule.scopeTypes.includes(grant.scope.type)) && resolveScope(grant.scope, state.subject),
      ),
  );
}

/** Role and scope first, then four-eyes: nobody decides on their own submission. */
export function authorise(action: ActionDefinition, state: InstanceState, run: Guard): void {
  if (!actorMatches(action.actors, run.actor, state, run.resolveScope)) {
    throw new DomainError('NOT_ALLOWED', { action: action.name, stage: state.stage });
  }
  if (!action.bySubject) checkFourEyes(state, run.actor.userId);
}

/** Throws `FOUR_EYES` when the user submitted the instance. */
export function checkFourEyes(state: InstanceState, userId: string): void {
  if (state.submittedBy === userId) throw new DomainError('FOUR_EYES', { userId });
}

/** The trimmed reason of a return, rejection or recusal; throws `REASON_REQUIRED` when it is blank. */
export function readReason(required: true, payload: Readonly<Record<string, JsonValue>>): string;
/** An optional reason: recorded when given. */
export function readReason(required: boolean, payload: Readonly<Record<string, JsonValue>>): string | undefined;
export function readReason(required: boolean, payload: Readonly<Record<string, JsonValue>>): string | undefined {
  const reason = typeof payload.reason === 'string' ? payload.reason.trim() : '';
  if (reason.length > 2000) throw new DomainError('VALIDATION_FAILED', { field: 'reason', maxLength: 2000 });
  if (reason.length === 0) {
    if (required) throw new DomainError('REASON_REQUIRED', {});
    return undefined;
  }
  return reason;
}

const mandatoryDocuments = ['registrationForm', 'businessRegistration', 'productDescription'] as const;

function checkPrecondition(rule: Precondition, state: InstanceState, run: Guard): void {
  switch (rule.type) {
    case 'registration_open': {
      const round = state.round;
      if (round?.registrationOpensAt !== undefined && run.nowMs < Date.parse(round.registrationOpensAt)) {
        throw new DomainError('REGISTRATION_NOT_OPEN', { opensAt: round.registrationOpensAt });
      }
      if (round?.registrationClosesAt !== undefined && run.nowMs > Date.parse(round.registrationClosesAt)) {
        throw new DomainError('DEADLINE_PASSED', { closedAt: round.registrationClosesAt });
      }
      return;
    }
    case 'before_deadline': {
      const deadline = state.attributes[rule.attribute];
      if (typeof deadline === 'string' && run.nowMs > endOfLocalDay(dayNumberOf(deadline))) {
        throw new DomainError('DEADLINE_PASSED', { deadline });
      }
      return;
    }
    case 'dossier_complete': {
      const dossier = run.payload.dossier;
      const given = dossier !== null && typeof dossier === 'object' && !Array.isArray(dossier) ? dossier : {};
      const record = given as Readonly<Record<string, JsonValue>>;
      const missing: string[] = mandatoryDocuments.filter((document) => record[document] !== true);
      const photos = typeof record.photoCount === 'number' ? record.photoCount : 0;
      if (photos < rule.minPhotos) missing.push(`photos (${photos}/${rule.minPhotos})`);
      if (missing.length > 0) throw new DomainError('DOSSIER_INCOMPLETE', { missing });
      return;
    }
    case 'lower_level_certificate': {
      const needed = state.round?.level === 'national' ? 'region' : 'province';
      const level = state.attributes.lowerCertificateLevel;
      const validUntil = state.attributes.lowerCertificateValidUntil;
      const valid = level === needed && typeof validUntil === 'string' && dayNumberOf(validUntil) >= localDayOf(run.nowMs);
      if (!valid) throw new DomainError('CERTIFICATE_REQUIRED', { needed, level, validUntil });
      return;
    }
  }
}

/** Checks every precondition whose own conditions apply, in declaration order. */
export function checkPreconditions(action: ActionDefinition, state: InstanceState, run: Guard): void {
  for (const rule of action.requires ?? []) {
    if (conditionsHold(rule.when, state)) checkPrecondition(rule, state, run);
  }
}

function fieldValue(type: 'vnd' | 'percent' | 'text', field: string, raw: JsonValue): AttributeValue {
  const fail = (expected: string): never => {
    throw new DomainError('VALIDATION_FAILED', { field, expected });
  };
  switch (type) {
    case 'vnd':
      return typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? raw : fail('integer VND ≥ 0');
    case 'percent':
      return typeof raw === 'number' && raw >= 0 && raw <= 100 ? raw : fail('percentage 0–100');
    case 'text': {
      const value = typeof raw === 'string' ? raw.trim() : '';
      return value.length > 0 && value.length <= 500 ? value : fail('text of 1–500 characters');
    }
  }
}

/** Reads the action's declared payload fields into an attribute patch, enforcing caps. */
export function readPayloadFields(action: ActionDefinition, state: InstanceState, run: Run): Record<string, AttributeValue> | undefined {
  if (!action.payload) return undefined;
  const patch: Record<string, AttributeValue> = {};
  for (const field of action.payload) {
    const raw = run.payload[field.field];
    if (raw === undefined || raw === null) {
      if (field.required) throw new DomainError('VALIDATION_FAILED', { field: field.field, required: true });
      continue;
    }
    const target = field.saveAs ?? field.field;
    let value = fieldValue(field.type, field.field, raw);
    if (field.accumulate) value = Number(state.attributes[target] ?? 0) + Number(value);
    const cap = field.atMostAttribute === undefined ? undefined : state.attributes[field.atMostAttribute];
    if (typeof cap === 'number' && Number(value) > cap) {
      throw new DomainError('VALIDATION_FAILED', { field: field.field, atMost: cap });
    }
    patch[target] = value;
  }
  return patch;
}
