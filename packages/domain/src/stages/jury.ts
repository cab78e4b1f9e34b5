import { DomainError } from '../errors.js';
import type { JuryDefinition, QuorumRule, StageDefinition } from '../definition/schema.js';
import type { ValidDefinition } from '../definition/validate.js';
import { checkFourEyes, readReason } from '../engine/rules.js';
import type { Run, Step } from '../engine/run.js';
import { moveTo } from '../engine/transition.js';
import type { InstanceState, JuryRoundResult, JurySheet, JuryState } from '../state.js';
import type { Effect, JsonValue } from '../types.js';

/** The jury rules in force for an entry: the definition's defaults overridden by its round. */
export interface JuryRules {
  readonly criteria: JuryDefinition['criteria'];
  readonly quorum: QuorumRule;
  readonly spreadLimit: number | null;
  readonly passThreshold: number;
  readonly maxRescoringRounds: number;
}

export function juryRules(jury: JuryDefinition, state: InstanceState): JuryRules {
  const round = state.round;
  return {
    criteria: jury.criteria,
    quorum: round?.quorum ?? jury.quorum,
    spreadLimit: round?.spreadLimit !== undefined ? round.spreadLimit : jury.spreadLimit,
    passThreshold: round?.passThreshold ?? jury.passThreshold,
    maxRescoringRounds: jury.maxRescoringRounds,
  };
}

/** Average of totals in hundredths, rounded half up (totals are non-negative). */
export function averageHalfUp(totalsHundredths: readonly number[]): number {
  const sum = totalsHundredths.reduce((a, b) => a + b, 0);
  return Math.floor((2 * sum + totalsHundredths.length) / (2 * totalsHundredths.length));
}

/** Points with at most two decimals, as integer hundredths; NaN when the value has more precision. */
export function toHundredths(points: number): number {
  const hundredths = Math.round(points * 100);
  return Math.abs(hundredths - points * 100) < 1e-6 ? hundredths : Number.NaN;
}

/** Judges still counting: assigned and not recused. */
function eligible(jury: JuryState): string[] {
  return jury.judges.filter((judge) => jury.recused[judge] === undefined);
}

/** Whether enough sheets are in: a head count, or a share (rounded up) of the judges who did not recuse. */
export function quorumMet(jury: JuryState, quorum: QuorumRule): boolean {
  const submitted = Object.keys(jury.sheets).length;
  if (quorum.type === 'count') return submitted >= quorum.count;
  const needed = Math.max(1, Math.ceil(quorum.ratio * eligible(jury).length - 1e-9));
  return submitted >= needed;
}

function readSheet(rules: JuryRules, run: Run): JurySheet {
  const given = run.payload.points;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new DomainError('VALIDATION_FAILED', { field: 'points', expected: 'points per criteria group' });
  }
  const raw = given as Readonly<Record<string, JsonValue>>;
  const codes = rules.criteria.map((criterion) => criterion.code);
  const unknown = Object.keys(raw).filter((code) => !codes.includes(code));
  const missing = codes.filter((code) => raw[code] === undefined);
  if (unknown.length > 0 || missing.length > 0) throw new DomainError('VALIDATION_FAILED', { field: 'points', unknown, missing });
  const points: Record<string, number> = {};
  let totalHundredths = 0;
  for (const criterion of rules.criteria) {
    const value = raw[criterion.code];
    const hundredths = typeof value === 'number' ? toHundredths(value) : Number.NaN;
    if (!(hundredths >= 0 && hundredths <= Math.round(criterion.max * 100))) {
      throw new DomainError('SCORE_OUT_OF_BOUNDS', { group: criterion.code, max: criterion.max, value });
    }
    points[criterion.code] = hundredths / 100;
    totalHundredths += hundredths;
  }
  const comment = typeof run.payload.comment === 'string' ? run.payload.comment.slice(0, 2000) : '';
  return { points, totalHundredths, comment, submittedAt: run.now };
}

/**
 * Closes the open scoring round: the average decides pass or fail, unless the spread (max − min of the
 * totals) exceeds the limit and re-scoring rounds remain, in which case a fresh round starts.
 */
function close(
  definition: ValidDefinition,
  stage: StageDefinition & { jury: JuryDefinition },
  state: InstanceState,
  jury: JuryState,
  run: Run,
  type: string,
): Step {
  const rules = juryRules(stage.jury, state);
  const totals = Object.values(jury.sheets).map((sheet) => sheet.totalHundredths);
  const averageHundredths = averageHalfUp(totals);
  const spreadHundredths = Math.max(...totals) - Math.min(...totals);
  const tooSpread = rules.spreadLimit !== null && spreadHundredths > Math.round(rules.spreadLimit * 100);
  const base = { round: jury.round, sheets: jury.sheets, averageHundredths, spreadHundredths };
  if (tooSpread && jury.round <= rules.maxRescoringRounds) {
    const result: JuryRoundResult = { ...base, outcome: 'rescoring' };
    const next: JuryState = { ...jury, round: jury.round + 1, sheets: {}, results: [...jury.results, result] };
    const effects: Effect[] = eligible(jury).map((judge) => ({
      type: 'notify',
      to: { userId: judge },
      template: 'jury_rescoring',
      data: { instanceId: state.instanceId, round: next.round },
    }));
    return { type, data: { jury: next, juryResult: result }, effects };
  }
  const passed = averageHundredths >= Math.round(rules.passThreshold * 100);
  const result: JuryRoundResult = { ...base, outcome: passed ? 'passed' : 'failed' };
  const next: JuryState = { ...jury, closed: true, results: [...jury.results, result] };
  const move = moveTo(definition, { ...state, jury: next }, passed ? stage.jury.passTo : stage.jury.failTo, run);
  return { type, data: { jury: next, juryResult: result, transition: move.transition }, effects: move.effects };
}

function autoClose(
  definition: ValidDefinition,
  stage: StageDefinition & { jury: JuryDefinition },
  state: InstanceState,
  jury: JuryState,
  run: Run,
  type: string,
): Step {
  const remaining = eligible(jury).filter((judge) => jury.sheets[judge] === undefined);
  const everyoneDone = eligible(jury).length > 0 && remaining.length === 0;
  if (everyoneDone && quorumMet(jury, juryRules(stage.jury, state).quorum)) {
    return close(definition, stage, state, jury, run, type);
  }
  return { type, data: { jury }, effects: [] };
}

function readJudges(run: Run, state: InstanceState, jury: JuryState): string[] {
  const given = run.payload.judges;
  const judges = Array.isArray(given) ? given.filter((judge): judge is string => typeof judge === 'string' && judge !== '') : [];
  if (judges.length === 0 || judges.length !== (given as unknown[]).length || new Set(judges).size !== judges.length) {
    throw new DomainError('VALIDATION_FAILED', { field: 'judges', expected: 'distinct user ids' });
  }
  for (const judge of judges) checkFourEyes(state, judge);
  const dropped = Object.keys(jury.sheets).filter((judge) => !judges.includes(judge));
  if (dropped.length > 0) throw new DomainError('VALIDATION_FAILED', { field: 'judges', alreadyScored: dropped });
  return judges;
}

/**
 * What a jury command needs before its payload is read: a judge scores or recuses once, while assigned and not
 * recused; the jury closes only with its quorum. Shared by the decision and by the actions offered to a user.
 */
export function checkJuryCommand(stage: StageDefinition & { jury: JuryDefinition }, state: InstanceState, name: string, me: string): void {
  const jury = state.jury!;
  if (name === 'score' || name === 'recuse') {
    if (!jury.judges.includes(me) || jury.recused[me] !== undefined) throw new DomainError('NOT_ASSIGNED', { judge: me });
    if (jury.sheets[me] !== undefined) throw new DomainError('ALREADY_SCORED', { round: jury.round });
  }
  if (name === 'close_jury' && !quorumMet(jury, juryRules(stage.jury, state).quorum)) {
    throw new DomainError('QUORUM_NOT_MET', { submitted: Object.keys(jury.sheets).length });
  }
}

/** Jury commands: assign judges, score, recuse, close. Authorisation by role happened before. */
export function decideJuryCommand(
  definition: ValidDefinition,
  stage: StageDefinition & { jury: JuryDefinition },
  state: InstanceState,
  name: string,
  run: Run,
): Step {
  const jury = state.jury!;
  const me = run.actor.userId;
  switch (name) {
    case 'assign_judges': {
      const judges = readJudges(run, state, jury);
      const effects: Effect[] = judges
        .filter((judge) => !jury.judges.includes(judge))
        .map((judge) => ({ type: 'notify', to: { userId: judge }, template: 'jury_assigned', data: { instanceId: state.instanceId } }));
      return { type: 'judges_assigned', data: { jury: { ...jury, judges } }, effects };
    }
    case 'score': {
      checkJuryCommand(stage, state, name, me);
      const sheet = readSheet(juryRules(stage.jury, state), run);
      return autoClose(definition, stage, state, { ...jury, sheets: { ...jury.sheets, [me]: sheet } }, run, 'sheet_submitted');
    }
    case 'recuse': {
      checkJuryCommand(stage, state, name, me);
      const reason = readReason(true, run.payload);
      return autoClose(definition, stage, state, { ...jury, recused: { ...jury.recused, [me]: reason } }, run, 'recused');
    }
    default: {
      checkJuryCommand(stage, state, name, me);
      return close(definition, stage, state, jury, run, 'jury_closed');
    }
  }
}

/** What one judge may see of a jury: their own sheet while the round is open, everything once it closed. */
export interface JuryView {
  readonly round: number;
  readonly closed: boolean;
  readonly judges: readonly string[];
  readonly ownSheet: JurySheet | null;
  readonly sheets: Readonly<Record<string, JurySheet>>;
  /** Earlier rounds are closed, so their sheets are visible. */
  readonly results: readonly JuryRoundResult[];
}

/** The read model for judges: other judges' sheets stay hidden until the jury closes. */
export function visibleJuryView(state: InstanceState, viewerUserId: string): JuryView | null {
  const jury = state.jury;
  if (jury === null) return null;
  const ownSheet = jury.sheets[viewerUserId] ?? null;
  return {
    round: jury.round,
    closed: jury.closed,
    judges: jury.judges,
    ownSheet,
    sheets: jury.closed ? jury.sheets : ownSheet === null ? {} : { [viewerUserId]: ownSheet },
    results: jury.results,
  };
}
