import { DomainError, type DomainErrorCode, type ErrorDetails } from '../errors.js';
import type { ActionDefinition, RoundLevel } from '../definition/schema.js';
import { indexOf, type ValidDefinition } from '../definition/validate.js';
import { dayNumberOf } from '../sla/calendar.js';
import type { CertificateInfo, InstanceState } from '../state.js';
import type { BatchCommand, DecideContext, Effect, JsonValue } from '../types.js';
import { authorise, checkPreconditions, pickVariant, readPayloadFields } from './rules.js';
import { checkInstance, commit, openRun, type DecideResult, type Run } from './run.js';
import { moveTo, notifications } from './transition.js';

/** Why one instance of a batch was refused. */
export interface BatchProblem {
  readonly instanceId: string;
  readonly code: DomainErrorCode;
  readonly details: ErrorDetails;
}

/** Per-instance results of an accepted batch, in the order given. */
export interface BatchResult {
  readonly results: readonly (DecideResult & { readonly instanceId: string })[];
}

const nextLevel: Readonly<Record<RoundLevel, RoundLevel | null>> = {
  commune: 'province',
  province: 'region',
  region: 'national',
  national: null,
};

function text(payload: Readonly<Record<string, JsonValue>>, field: string, pattern = /^.{1,100}$/): string {
  const value = payload[field];
  if (typeof value !== 'string' || !pattern.test(value.trim())) throw new DomainError('VALIDATION_FAILED', { field });
  return value.trim();
}

/** A certificate number as a caller may assign it (upper-case letters, digits and dashes). */
const CERTIFICATE_NUMBER = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

/**
 * Certificate numbers the caller assigned (payload `certificateNumbers`: instance id → number), e.g. from a
 * per-level-and-year counter it keeps; absent → the engine numbers the list itself. When given, every instance
 * needs one, well formed and distinct.
 */
function assignedNumbers(payload: Readonly<Record<string, JsonValue>>, states: readonly InstanceState[]): Map<string, string> | null {
  const given = payload.certificateNumbers;
  if (given === undefined || given === null) return null;
  if (typeof given !== 'object' || Array.isArray(given)) throw new DomainError('VALIDATION_FAILED', { field: 'certificateNumbers' });
  const record = given as Readonly<Record<string, JsonValue>>;
  const numbers = new Map<string, string>();
  for (const state of states) {
    const number = record[state.instanceId];
    if (typeof number !== 'string' || !CERTIFICATE_NUMBER.test(number)) {
      throw new DomainError('VALIDATION_FAILED', { field: 'certificateNumbers', instanceId: state.instanceId });
    }
    numbers.set(state.instanceId, number);
  }
  if (new Set(numbers.values()).size !== numbers.size) throw new DomainError('VALIDATION_FAILED', { field: 'certificateNumbers', reason: 'duplicate number' });
  return numbers;
}

function member(definition: ValidDefinition, state: InstanceState, command: BatchCommand, run: Run): ActionDefinition {
  const expected = command.expectedVersions[state.instanceId];
  checkInstance(definition, state, expected ?? Number.NaN);
  const variants = indexOf(definition).actions.get(state.stage)?.get(command.type);
  const action = variants ? pickVariant(variants, state) : undefined;
  if (!action?.batch) throw new DomainError('WRONG_STAGE', { action: command.type, stage: state.stage });
  authorise(action, state, run);
  checkPreconditions(action, state, run);
  return action;
}

function wholeListProblems(states: readonly InstanceState[], action: ActionDefinition, run: Run): string[] {
  const problems: string[] = [];
  const ids = states.map((state) => state.instanceId);
  if (new Set(ids).size !== ids.length) problems.push('an instance is listed twice');
  const rounds = new Set(states.map((state) => state.round?.roundId ?? null));
  if (action.batch!.sameRound && (rounds.size !== 1 || rounds.has(null))) problems.push('instances of different rounds');
  if (action.batch!.nominationQuota) {
    const quota = states[0]!.round?.nominationQuota;
    const already = run.payload.alreadyNominated ?? 0;
    if (typeof already !== 'number' || !Number.isSafeInteger(already) || already < 0) {
      throw new DomainError('VALIDATION_FAILED', { field: 'alreadyNominated' });
    }
    if (quota !== undefined && already + states.length > quota) problems.push(`nomination quota of ${quota} exceeded`);
  }
  return problems;
}

/**
 * Decides one action over a list of instances (a round's recognition decision, a local plan approval, a
 * province's nominations). The whole list is checked first; if any instance or the list as a whole fails,
 * nothing is decided and one `BATCH_INVALID` error lists every problem.
 */
export function decideBatch(definition: ValidDefinition, states: readonly InstanceState[], command: BatchCommand, context: DecideContext): BatchResult {
  const run = openRun(context, command.payload);
  if (states.length === 0) throw new DomainError('VALIDATION_FAILED', { field: 'instances', reason: 'empty list' });
  const problems: BatchProblem[] = [];
  const actions: ActionDefinition[] = [];
  for (const state of states) {
    try {
      actions.push(member(definition, state, command, run));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problems.push({ instanceId: state.instanceId, code: error.code, details: error.details });
    }
  }
  if (problems.length > 0) throw new DomainError('BATCH_INVALID', { problems });
  const action = actions[0]!;
  const listProblems = wholeListProblems(states, action, run);
  if (listProblems.length > 0) throw new DomainError('BATCH_INVALID', { problems: [], list: listProblems });

  const decision = action.batch!.issueCertificate
    ? { number: text(run.payload, 'decisionNumber'), date: text(run.payload, 'decisionDate', /^\d{4}-\d{2}-\d{2}$/) }
    : null;
  if (decision) dayNumberOf(decision.date);
  const numbers = decision ? assignedNumbers(run.payload, states) : null;
  const targetRoundId = action.batch!.nominationQuota ? text(run.payload, 'targetRoundId') : null;

  const results = states.map((state, position) => {
    const patch = { ...readPayloadFields(action, state, run) };
    const effects: Effect[] = [...notifications(action.effects, state)];
    let certificate: CertificateInfo | undefined;
    if (decision) {
      const year = Number(decision.date.slice(0, 4));
      const level = state.round!.level;
      certificate = {
        number: numbers?.get(state.instanceId) ?? `${level.toUpperCase()}-${year}-${decision.number}-${String(position + 1).padStart(4, '0')}`,
        level,
        issuedOn: decision.date,
        validUntil: `${year + 3}-12-31`,
        decisionNumber: decision.number,
      };
      effects.push({
        type: 'generate_certificate',
        instanceId: state.instanceId,
        certificateNumber: certificate.number,
        level,
        issuedOn: certificate.issuedOn,
        validUntil: certificate.validUntil,
        decisionNumber: decision.number,
      });
    }
    if (targetRoundId !== null) {
      patch.nominatedToRoundId = targetRoundId;
      effects.push({
        type: 'nominate_to_next_level',
        instanceId: state.instanceId,
        certificateNumber: state.certificate?.number ?? '',
        fromLevel: state.round!.level,
        toLevel: nextLevel[state.round!.level] ?? state.round!.level,
        targetRoundId,
      });
    }
    const move = action.to === undefined ? undefined : moveTo(definition, state, action.to, run, certificate ?? null);
    const data = { patch, certificate, transition: move?.transition, decision };
    const result = commit(state, { type: command.type, data, effects: [...effects, ...(move?.effects ?? [])] }, run);
    return { instanceId: state.instanceId, ...result };
  });
  return { results };
}
