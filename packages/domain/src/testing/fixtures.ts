// Test support (not part of the build): actors, contexts and instances driven to any stage of the shipped
// definitions through the public API only.
import { createInstance } from '../engine/create.js';
import { naturalScope } from '../engine/tasks.js';
import { decide } from '../engine/decide.js';
import { decideBatch } from '../engine/batch.js';
import type { DecideResult } from '../engine/run.js';
import type { RoundLevel } from '../definition/schema.js';
import type { ValidDefinition } from '../definition/validate.js';
import { productSelection } from '../definition/product-selection.js';
import { khuyencongScheme } from '../definition/scheme.js';
import { vietnamCalendar } from './vietnam-calendar.js';
import { subjectScopeAt } from '../scope.js';
import type { InstanceState } from '../state.js';
import type { Actor, DecideContext, JsonObject, Role, ScopeType, SubjectScope } from '../types.js';

/** The project's one calendar source (packages/persistence/data/calendar.json), as the runtime seeds it. */
export const calendar = vietnamCalendar;
export const subject: SubjectScope = {
  establishmentId: 'est-1',
  communeCode: 'c-1',
  provinceCode: 'p-66',
  regionCode: 'CENTRAL_HIGHLANDS',
};
/** Monday 3 March 2025, 09:00 in Vietnam. */
export const monday = '2025-03-03T02:00:00.000Z';

export const allRoles = Object.keys(naturalScope) as Role[];

/** An actor holding one role over the test subject's unit of the given level. */
export function actor(role: Role, userId = `${role}-1`, scopeType: ScopeType = naturalScope[role]): Actor {
  return { userId, roles: [{ role, scope: subjectScopeAt(subject, scopeType) }] };
}

/** The signer's grant level for a round level. */
export function signerScope(level: RoundLevel): ScopeType {
  return level === 'commune' ? 'commune' : level === 'province' ? 'province' : 'national';
}

export function context(who: Actor, now = monday): DecideContext {
  return { now, actor: who, calendar };
}

export const completeDossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 };

export function points(market: number, econ: number, culture: number, other: number): JsonObject {
  return { MARKET: market, ECON_TECH_SOC_ENV: econ, CULTURE_AESTHETIC: culture, OTHER: other };
}

/** Runs a command against the instance's current version. */
export function act(definition: ValidDefinition, state: InstanceState, type: string, who: Actor, payload: JsonObject = {}, now = monday): DecideResult {
  return decide(definition, state, { type, expectedVersion: state.version, payload }, context(who, now));
}

const isLocal = (level: RoundLevel): boolean => level === 'commune' || level === 'province';

/** The organiser actor of a round level. */
export function organiser(level: RoundLevel, userId?: string): Actor {
  if (level === 'commune') return actor('commune_officer', userId);
  if (level === 'province') return actor('provincial_officer', userId);
  return actor('central_officer', userId);
}

/** Who prepares entries of a round level (the submitter). */
export function preparer(level: RoundLevel): Actor {
  return isLocal(level) ? actor('applicant') : actor('provincial_officer');
}

export function newEntry(level: RoundLevel = 'province', instanceId = 'entry-1'): InstanceState {
  const attributes: Record<string, string> = isLocal(level)
    ? {}
    : { lowerCertificateLevel: level === 'region' ? 'province' : 'region', lowerCertificateValidUntil: '2026-12-31' };
  return createInstance(
    productSelection,
    {
      instanceId,
      subject,
      attributes,
      round: {
        roundId: `${level}-2025`,
        level,
        year: 2025,
        registrationOpensAt: '2025-01-01T00:00:00.000Z',
        registrationClosesAt: '2025-06-30T16:59:59.999Z',
        nominationQuota: 5,
      },
    },
    context(preparer(level)),
  ).state;
}

export type EntryStage = 'draft' | 'screening' | 'revision' | 'scoring' | 'council_review' | 'decision' | 'recognised';

/**
 * An entry driven to a stage. In `scoring`, judges a and b have scored 80 and judge-x has not; in
 * `council_review`, members council_member-x, council_chair-x (chair) and council_member-y have not voted.
 */
export function entryAt(stage: EntryStage, level: RoundLevel = 'province', instanceId = 'entry-1'): InstanceState {
  let state = newEntry(level, instanceId);
  if (stage === 'draft') return state;
  state = act(productSelection, state, 'submit', preparer(level), { dossier: completeDossier }).state;
  if (stage === 'screening') return state;
  if (stage === 'revision') return act(productSelection, state, 'return', organiser(level), { reason: 'Thiếu ảnh' }).state;
  state = act(productSelection, state, 'accept', organiser(level)).state;
  const finalJudges = stage === 'scoring' ? ['judge-a', 'judge-b', 'judge-x'] : ['judge-a', 'judge-b', 'judge-c'];
  state = act(productSelection, state, 'assign_judges', organiser(level), { judges: finalJudges }).state;
  state = act(productSelection, state, 'score', actor('judge', 'judge-a'), { points: points(32, 32, 8, 8) }).state;
  state = act(productSelection, state, 'score', actor('judge', 'judge-b'), { points: points(32, 32, 8, 8) }).state;
  if (stage === 'scoring') return state;
  state = act(productSelection, state, 'score', actor('judge', 'judge-c'), { points: points(32, 32, 8, 8) }).state;
  const members = stage === 'council_review' ? ['council_member-x', 'council_chair-x', 'council_member-y'] : ['m-a', 'm-b', 'chair-a'];
  const chair = stage === 'council_review' ? 'council_chair-x' : 'chair-a';
  state = act(productSelection, state, 'assign_council', organiser(level), { members, chair }).state;
  if (stage === 'council_review') return state;
  state = act(productSelection, state, 'vote', actor('council_member', 'm-a'), { vote: 'approve' }).state;
  state = act(productSelection, state, 'vote', actor('council_member', 'm-b'), { vote: 'approve' }).state;
  state = act(productSelection, state, 'vote', actor('council_chair', 'chair-a'), { vote: 'approve' }).state;
  if (stage === 'decision') return state;
  const signer = actor('signer', 'signer-1', signerScope(level));
  const batch = decideBatch(
    productSelection,
    [state],
    { type: 'decide', expectedVersions: { [state.instanceId]: state.version }, payload: { decisionNumber: '15/QĐ-SCT', decisionDate: '2025-03-03' } },
    context(signer),
  );
  return batch.results[0]!.state;
}

export type SchemeStage =
  | 'draft'
  | 'base_appraisal'
  | 'revision'
  | 'central_appraisal'
  | 'awaiting_local_plan'
  | 'in_plan'
  | 'in_progress'
  | 'change_review'
  | 'acceptance'
  | 'settlement';

export function newScheme(fundingSource: 'NATIONAL' | 'LOCAL', instanceId = 'scheme-1'): InstanceState {
  return createInstance(
    khuyencongScheme,
    {
      instanceId,
      subject,
      attributes: { fundingSource, requestedAmount: 500_000_000, registrationDeadline: '2025-05-20' },
    },
    context(actor('provincial_officer')),
  ).state;
}

const officer = actor('provincial_officer', 'provincial_officer-2');

/** A scheme driven to a stage; in `acceptance` the council (x, chair-x, y) is assigned and has not voted. */
export function schemeAt(stage: SchemeStage, fundingSource: 'NATIONAL' | 'LOCAL' = 'NATIONAL', instanceId = 'scheme-1'): InstanceState {
  const scheme = khuyencongScheme;
  const implementer = actor('provincial_officer');
  let state = newScheme(fundingSource, instanceId);
  if (stage === 'draft') return state;
  state = act(scheme, state, 'submit', implementer).state;
  if (stage === 'base_appraisal') return state;
  if (stage === 'revision') return act(scheme, state, 'return', officer, { reason: 'Thiếu dự toán' }).state;
  state = act(scheme, state, 'pass', officer, { approvedAmount: 400_000_000 }).state;
  if (stage === 'central_appraisal' || stage === 'awaiting_local_plan') return state;
  if (fundingSource === 'NATIONAL') {
    state = act(scheme, state, 'pass', actor('central_officer'), { approvedAmount: 350_000_000 }).state;
  } else {
    state = act(scheme, state, 'approve_plan', actor('signer')).state;
  }
  if (stage === 'in_plan') return state;
  state = act(scheme, state, 'contract', officer, { contractNumber: 'HĐ 12/2025' }).state;
  if (stage === 'in_progress') return state;
  if (stage === 'change_review') {
    return act(scheme, state, 'request_change', implementer, { changeKind: 'adjust', reason: 'Điều chỉnh tiến độ' }).state;
  }
  state = act(scheme, state, 'complete', implementer).state;
  state = act(scheme, state, 'assign_council', officer, {
    members: ['council_member-x', 'council_chair-x', 'council_member-y'],
    chair: 'council_chair-x',
  }).state;
  if (stage === 'acceptance') return state;
  for (const member of ['council_member-x', 'council_chair-x', 'council_member-y']) {
    state = act(scheme, state, 'vote', actor('council_member', member), { vote: 'approve' }).state;
  }
  return state;
}
