import { isDomainError, type DomainErrorCode } from '../errors.js';
import type { RoundLevel } from '../definition/schema.js';
import type { ValidDefinition } from '../definition/validate.js';
import { productSelection } from '../definition/product-selection.js';
import { khuyencongScheme } from '../definition/scheme.js';
import type { InstanceState } from '../state.js';
import type { Actor, JsonObject, Role } from '../types.js';
import { decide } from './decide.js';
import { actor, allRoles, completeDossier, context, entryAt, points, schemeAt, signerScope, type EntryStage, type SchemeStage } from '../testing/fixtures.js';

/** Who may take each action in each stage: the specification these tables hold the definitions to. */
type Allowed = readonly Role[] | 'no variant applies';
type Table = Readonly<Record<string, Readonly<Record<string, Allowed>>>>;

const payloads = (state: InstanceState): Readonly<Record<string, JsonObject>> => ({
  submit: { dossier: completeDossier },
  resubmit: { dossier: completeDossier },
  return: { reason: 'Thiếu giấy tờ' },
  reject: { reason: 'Không đủ điều kiện' },
  cancel: { reason: 'Đơn vị xin dừng' },
  revoke: { reason: 'Vi phạm', decisionReference: '20/QĐ-SCT' },
  assign_judges: { judges: ['judge-a', 'judge-b', 'judge-x'] },
  score: { points: points(30, 30, 8, 8) },
  recuse: { reason: 'Có quan hệ với cơ sở' },
  assign_council: { members: ['council_member-x', 'council_chair-x', 'council_member-y'], chair: 'council_chair-x' },
  vote: { vote: 'approve' },
  decide: { decisionNumber: '15/QĐ-SCT', decisionDate: '2025-03-03' },
  nominate: { targetRoundId: 'next-round' },
  reassign: { toUserId: 'officer-z' },
  remind: { timerKey: state.sla?.timerKeys[0] ?? '' },
  escalate: { timerKey: state.sla?.timerKeys[1] ?? '' },
  pass: { approvedAmount: 300_000_000 },
  contract: { contractNumber: 'HĐ 1/2025' },
  record_progress: { progressPercent: 40 },
  record_disbursement: { amount: 100_000_000 },
  request_change: { changeKind: 'adjust', reason: 'Đổi địa điểm' },
  reject_change: { reason: 'Không hợp lý' },
  settle: { settledAmount: 300_000_000 },
});

/** The acting user of a role: never the submitter, and the assigned judge or council member where needed. */
function tableActor(role: Role, level: RoundLevel): Actor {
  const ids: Partial<Record<Role, string>> = { judge: 'judge-x', council_member: 'council_member-x', council_chair: 'council_chair-x' };
  return actor(role, ids[role] ?? `${role}-x`, role === 'signer' ? signerScope(level) : undefined);
}

function outcome(definition: ValidDefinition, state: InstanceState, action: string, who: Actor): 'ok' | DomainErrorCode {
  try {
    decide(definition, state, { type: action, expectedVersion: state.version, payload: payloads(state)[action] ?? {} }, context(who));
    return 'ok';
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}

function rows(table: Table): [string, string, Role, 'ok' | DomainErrorCode][] {
  return Object.entries(table).flatMap(([stage, actions]) =>
    Object.entries(actions).flatMap(([action, allowed]) =>
      allRoles.map((role): [string, string, Role, 'ok' | DomainErrorCode] => [
        stage,
        action,
        role,
        allowed === 'no variant applies' ? 'CONDITION_NOT_MET' : allowed.includes(role) ? 'ok' : 'NOT_ALLOWED',
      ]),
    ),
  );
}

const officerOf = (level: RoundLevel): Role => (level === 'commune' ? 'commune_officer' : level === 'province' ? 'provincial_officer' : 'central_officer');
const preparerOf = (level: RoundLevel): Role => (level === 'commune' || level === 'province' ? 'applicant' : 'provincial_officer');

function productTable(level: RoundLevel): Table {
  const organiser = [officerOf(level)];
  const timers = { remind: ['system'], escalate: ['system'] } as const;
  return {
    draft: { submit: [preparerOf(level)], withdraw: ['applicant'] },
    screening: { accept: organiser, return: organiser, reject: organiser, withdraw: ['applicant'], claim: organiser, reassign: ['admin'], ...timers },
    revision: { resubmit: [preparerOf(level)], withdraw: ['applicant'] },
    scoring: {
      assign_judges: organiser,
      score: ['judge'],
      recuse: ['judge'],
      close_jury: organiser,
      withdraw: ['applicant'],
      ...timers,
    },
    council_review: { assign_council: organiser, vote: ['council_member', 'council_chair'], withdraw: ['applicant'], ...timers },
    decision: { decide: ['signer'], withdraw: ['applicant'], ...timers },
    recognised: {
      // A commune round's products are nominated to the province by the commune too (TT 38/2025/TT-BCT).
      nominate: level === 'national' ? 'no variant applies' : level === 'commune' ? ['provincial_officer', 'commune_officer'] : ['provincial_officer'],
      revoke: ['signer'],
      expire: ['system'],
    },
  };
}

describe.each(['commune', 'province', 'region', 'national'] as const)('product selection, %s round', (level) => {
  const states = new Map<string, InstanceState>();
  const at = (stage: string): InstanceState => {
    if (!states.has(stage)) states.set(stage, entryAt(stage as EntryStage, level));
    return states.get(stage)!;
  };
  it.each(rows(productTable(level)))('%s: %s by %s → %s', (stage, action, role, expected) => {
    expect(outcome(productSelection, at(stage), action, tableActor(role, level))).toBe(expected);
  });
});

function schemeTable(source: 'NATIONAL' | 'LOCAL'): Table {
  const officer = ['provincial_officer'] as const;
  const appraiser: readonly Role[] = source === 'NATIONAL' ? ['central_officer'] : officer;
  const timers = { remind: ['system'], escalate: ['system'] } as const;
  const path: Table =
    source === 'NATIONAL'
      ? {
          central_appraisal: {
            pass: ['central_officer'],
            return: ['central_officer'],
            reject: ['central_officer'],
            withdraw: officer,
            claim: ['central_officer'],
            ...timers,
          },
        }
      : { awaiting_local_plan: { approve_plan: ['signer'], withdraw: officer, ...timers } };
  return {
    draft: { submit: officer, withdraw: officer },
    base_appraisal: { pass: officer, return: officer, reject: officer, withdraw: officer, claim: officer, reassign: ['admin'], ...timers },
    revision: { resubmit: officer, withdraw: officer },
    ...path,
    in_plan: { contract: officer, cancel: officer, claim: officer, reassign: ['admin'] },
    in_progress: { record_progress: officer, record_disbursement: officer, request_change: officer, complete: officer },
    change_review: { approve_change: appraiser, reject_change: appraiser, claim: appraiser, ...timers },
    acceptance: { assign_council: officer, vote: ['council_member', 'council_chair'], ...timers },
    settlement: { settle: officer, claim: officer, ...timers },
  };
}

describe.each(['NATIONAL', 'LOCAL'] as const)('khuyến công scheme, %s funds', (source) => {
  const states = new Map<string, InstanceState>();
  const at = (stage: string): InstanceState => {
    if (!states.has(stage)) states.set(stage, schemeAt(stage as SchemeStage, source));
    return states.get(stage)!;
  };
  it.each(rows(schemeTable(source)))('%s: %s by %s → %s', (stage, action, role, expected) => {
    expect(outcome(khuyencongScheme, at(stage), action, tableActor(role, 'province'))).toBe(expected);
  });
});

describe('the tables cover every declared action of every non-terminal stage', () => {
  it.each([
    [productSelection, productTable('province')],
    [khuyencongScheme, { ...schemeTable('NATIONAL'), ...schemeTable('LOCAL') }],
  ] as const)('%#', (definition, table) => {
    for (const stage of definition.stages.filter((candidate) => candidate.kind !== 'terminal')) {
      const declared = [...new Set(stage.actions.map((action) => action.name))].sort();
      const covered = Object.keys(table[stage.id] ?? {})
        .filter((name) => declared.includes(name))
        .sort();
      expect({ stage: stage.id, actions: covered }).toEqual({ stage: stage.id, actions: declared });
    }
  });
});
