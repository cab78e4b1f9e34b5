import { isDomainError } from '../errors.js';
import { productSelection } from '../definition/product-selection.js';
import { khuyencongScheme } from '../definition/scheme.js';
import type { InstanceState } from '../state.js';
import { act, actor, completeDossier, context, entryAt, newEntry, newScheme, organiser, schemeAt, subject } from '../testing/fixtures.js';
import { createInstance } from './create.js';
import { decide } from './decide.js';
import { openTasks } from './tasks.js';

const code = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return isDomainError(error) ? error.code : `thrown: ${String(error)}`;
  }
};
const officer = organiser('province');
const applicant = actor('applicant');

describe('decide: the checks every command passes', () => {
  it('refuses a stale expected version, another definition, and an ended instance', () => {
    const state = entryAt('screening');
    expect(code(() => decide(productSelection, state, { type: 'accept', expectedVersion: state.version - 1 }, context(officer)))).toBe('STALE_VERSION');
    expect(code(() => decide(khuyencongScheme, state, { type: 'accept', expectedVersion: state.version }, context(officer)))).toBe('DEFINITION_MISMATCH');
    expect(code(() => act(productSelection, { ...state, stage: 'nowhere' }, 'accept', officer))).toBe('DEFINITION_MISMATCH');
    const rejected = act(productSelection, state, 'reject', officer, { reason: 'Không thuộc nhóm sản phẩm' }).state;
    expect(rejected).toMatchObject({ stage: 'ineligible', status: 'terminal', outcome: 'ineligible', lastReason: 'Không thuộc nhóm sản phẩm' });
    expect(code(() => act(productSelection, rejected, 'accept', officer))).toBe('TERMINAL_STATE');
  });

  it('tells an action of another stage from an action that does not exist', () => {
    expect(code(() => act(productSelection, entryAt('draft'), 'accept', officer))).toBe('WRONG_STAGE');
    expect(code(() => act(productSelection, entryAt('draft'), 'teleport', officer))).toBe('UNKNOWN_ACTION');
  });

  it('requires a clock in canonical UTC form', () => {
    const state = entryAt('screening');
    expect(code(() => decide(productSelection, state, { type: 'accept', expectedVersion: state.version }, { ...context(officer), now: 'yesterday' }))).toBe(
      'VALIDATION_FAILED',
    );
    const result = decide(productSelection, state, { type: 'accept', expectedVersion: state.version }, { ...context(officer), now: '2025-03-04T02:00:00Z' });
    expect(result.events[0]!.at).toBe('2025-03-04T02:00:00.000Z');
  });

  it('keeps four eyes: the submitter may not decide on their own entry, even holding the role', () => {
    const state = entryAt('screening', 'region'); // submitted by provincial_officer-1
    const same = { userId: 'provincial_officer-1', roles: [{ role: 'central_officer' as const, scope: { type: 'national' as const, id: 'VN' } }] };
    expect(code(() => act(productSelection, state, 'accept', same))).toBe('FOUR_EYES');
  });

  it('checks scope: an officer of another province is not allowed', () => {
    const elsewhere = { userId: 'o', roles: [{ role: 'provincial_officer' as const, scope: { type: 'province' as const, id: 'p-64' } }] };
    expect(code(() => act(productSelection, entryAt('screening'), 'accept', elsewhere))).toBe('NOT_ALLOWED');
    // A caller-supplied resolver replaces the default rule.
    const state = entryAt('screening');
    const permissive = { ...context(elsewhere), resolveScope: () => true };
    expect(decide(productSelection, state, { type: 'accept', expectedVersion: state.version }, permissive).state.stage).toBe('scoring');
  });

  it('requires a reason to return or reject, and bounds its length', () => {
    const state = entryAt('screening');
    expect(code(() => act(productSelection, state, 'return', officer))).toBe('REASON_REQUIRED');
    expect(code(() => act(productSelection, state, 'reject', officer, { reason: '   ' }))).toBe('REASON_REQUIRED');
    expect(code(() => act(productSelection, state, 'reject', officer, { reason: 'x'.repeat(2001) }))).toBe('VALIDATION_FAILED');
    const returned = act(productSelection, state, 'return', officer, { reason: 'Ảnh mờ' });
    expect(returned.effects).toContainEqual(
      expect.objectContaining({
        type: 'notify',
        to: { userId: 'applicant-1' },
        template: 'entry_returned',
        data: expect.objectContaining({ reason: 'Ảnh mờ' }) as unknown,
      }),
    );
  });
});

describe('decide: submission rules', () => {
  it('needs a complete dossier with at least 3 photos', () => {
    const draft = newEntry();
    expect(code(() => act(productSelection, draft, 'submit', applicant))).toBe('DOSSIER_INCOMPLETE');
    expect(code(() => act(productSelection, draft, 'submit', applicant, { dossier: { ...completeDossier, photoCount: 2 } }))).toBe('DOSSIER_INCOMPLETE');
    expect(code(() => act(productSelection, draft, 'submit', applicant, { dossier: { ...completeDossier, businessRegistration: false } }))).toBe(
      'DOSSIER_INCOMPLETE',
    );
    expect(code(() => act(productSelection, draft, 'submit', applicant, { dossier: [] }))).toBe('DOSSIER_INCOMPLETE');
  });

  it('needs the round to be open', () => {
    const draft = newEntry();
    expect(code(() => act(productSelection, draft, 'submit', applicant, { dossier: completeDossier }, '2024-12-31T02:00:00.000Z'))).toBe(
      'REGISTRATION_NOT_OPEN',
    );
    expect(code(() => act(productSelection, draft, 'submit', applicant, { dossier: completeDossier }, '2025-07-01T02:00:00.000Z'))).toBe('DEADLINE_PASSED');
    const noWindow = { ...draft, round: { roundId: 'r', level: 'province' as const, year: 2025 } };
    expect(act(productSelection, noWindow, 'submit', applicant, { dossier: completeDossier }).state.stage).toBe('screening');
  });

  it('needs a valid certificate of the level below for regional and national rounds', () => {
    const regional = newEntry('region');
    const province = actor('provincial_officer');
    const submit = (state: InstanceState, now?: string) => () => act(productSelection, state, 'submit', province, { dossier: completeDossier }, now);
    expect(code(submit(regional))).toBe('ok');
    expect(code(submit(regional, '2027-01-01T02:00:00.000Z'))).toBe('DEADLINE_PASSED'); // round closed first
    const expired = { ...regional, attributes: { ...regional.attributes, lowerCertificateValidUntil: '2025-01-01' } };
    expect(code(submit(expired))).toBe('CERTIFICATE_REQUIRED');
    const wrongLevel = { ...newEntry('national'), attributes: { lowerCertificateLevel: 'province', lowerCertificateValidUntil: '2026-12-31' } };
    expect(code(submit(wrongLevel))).toBe('CERTIFICATE_REQUIRED');
    expect(code(submit({ ...regional, attributes: {} }))).toBe('CERTIFICATE_REQUIRED');
  });

  it('keeps the national-fund registration deadline (20 May) and none for local funds', () => {
    const implementer = actor('provincial_officer');
    expect(code(() => act(khuyencongScheme, newScheme('NATIONAL'), 'submit', implementer, {}, '2025-05-20T16:00:00.000Z'))).toBe('ok');
    expect(code(() => act(khuyencongScheme, newScheme('NATIONAL'), 'submit', implementer, {}, '2025-05-20T17:00:00.000Z'))).toBe('DEADLINE_PASSED');
    expect(code(() => act(khuyencongScheme, newScheme('LOCAL'), 'submit', implementer, {}, '2025-06-20T02:00:00.000Z'))).toBe('ok');
  });
});

describe('decide: scheme amounts and changes', () => {
  const officer2 = actor('provincial_officer', 'provincial_officer-2');
  const implementer = actor('provincial_officer');

  it('caps the appraised amount by the request and the settlement by the allocation', () => {
    const base = schemeAt('base_appraisal');
    expect(code(() => act(khuyencongScheme, base, 'pass', officer2, { approvedAmount: 600_000_000 }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(khuyencongScheme, base, 'pass', officer2, { approvedAmount: -1 }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(khuyencongScheme, base, 'pass', officer2, { approvedAmount: 1.5 }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(khuyencongScheme, base, 'pass', officer2, {}))).toBe('VALIDATION_FAILED');
    const settlement = schemeAt('settlement');
    expect(settlement.attributes.allocatedAmount).toBe(350_000_000);
    expect(code(() => act(khuyencongScheme, settlement, 'settle', officer2, { settledAmount: 350_000_001 }))).toBe('VALIDATION_FAILED');
    const closed = act(khuyencongScheme, settlement, 'settle', officer2, { settledAmount: 349_000_000 }).state;
    expect(closed).toMatchObject({ stage: 'closed', status: 'terminal', outcome: 'settled' });
  });

  it('adds disbursements up to the allocation and records progress', () => {
    let state = schemeAt('in_progress', 'LOCAL'); // allocated 400,000,000
    state = act(khuyencongScheme, state, 'record_disbursement', implementer, { amount: 280_000_000 }).state;
    state = act(khuyencongScheme, state, 'record_progress', implementer, { progressPercent: 60 }).state;
    expect(code(() => act(khuyencongScheme, state, 'record_progress', implementer, { progressPercent: 101 }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(khuyencongScheme, state, 'record_disbursement', implementer, { amount: 120_000_001 }))).toBe('VALIDATION_FAILED');
    state = act(khuyencongScheme, state, 'record_disbursement', implementer, { amount: 120_000_000 }).state;
    expect(state.attributes).toMatchObject({ disbursedAmount: 400_000_000, progressPercent: 60 });
    expect(state.stage).toBe('in_progress');
  });

  it('routes an approved change: cancellation ends the scheme, other changes resume it', () => {
    const adjust = schemeAt('change_review');
    expect(act(khuyencongScheme, adjust, 'approve_change', actor('central_officer')).state.stage).toBe('in_progress');
    const cancel = act(khuyencongScheme, schemeAt('in_progress'), 'request_change', implementer, { changeKind: 'cancel', reason: 'Đơn vị giải thể' }).state;
    expect(act(khuyencongScheme, cancel, 'approve_change', actor('central_officer')).state).toMatchObject({ stage: 'cancelled', outcome: 'cancelled' });
    expect(code(() => act(khuyencongScheme, schemeAt('in_progress'), 'request_change', implementer, { changeKind: ' ', reason: 'x' }))).toBe(
      'VALIDATION_FAILED',
    );
  });
});

describe('decide: timers', () => {
  const system = actor('system');
  it('reminds the people expected to act, once per timer', () => {
    const state = entryAt('screening');
    const [reminderKey, escalationKey] = state.sla!.timerKeys;
    const reminded = act(productSelection, state, 'remind', system, { timerKey: reminderKey! });
    expect(reminded.events[0]!.type).toBe('reminded');
    expect(reminded.effects).toEqual([
      expect.objectContaining({ type: 'notify', to: { role: 'provincial_officer', scope: { type: 'province', id: 'p-66' } }, template: 'sla_reminder' }),
    ]);
    expect(reminded.state.sla!.timerKeys).toEqual([escalationKey]);
    expect(code(() => act(productSelection, reminded.state, 'remind', system, { timerKey: reminderKey! }))).toBe('TIMER_STALE');
  });

  it('escalates to the stage escalation role and marks the clock', () => {
    const state = entryAt('screening');
    const escalated = act(productSelection, state, 'escalate', actor('system'), { timerKey: state.sla!.timerKeys[1]! });
    expect(escalated.state.sla!.escalated).toBe(true);
    expect(escalated.effects).toEqual([
      expect.objectContaining({ to: { role: 'signer', scope: { type: 'province', id: 'p-66' } }, template: 'sla_escalation' }),
    ]);
  });

  it('ignores timers of another stage or without a clock, and only the system fires them', () => {
    const screening = entryAt('screening');
    const scoring = act(productSelection, screening, 'accept', officer).state;
    expect(code(() => act(productSelection, scoring, 'remind', system, { timerKey: screening.sla!.timerKeys[0]! }))).toBe('TIMER_STALE');
    expect(code(() => act(productSelection, entryAt('draft'), 'remind', system, { timerKey: 'x' }))).toBe('TIMER_STALE');
    expect(code(() => act(productSelection, scoring, 'remind', system))).toBe('TIMER_STALE');
    expect(code(() => act(productSelection, scoring, 'escalate', officer, { timerKey: scoring.sla!.timerKeys[1]! }))).toBe('NOT_ALLOWED');
  });

  it('expires a certificate when its timer fires, and lets a signer revoke one with a reason', () => {
    const recognised = entryAt('recognised');
    expect(act(productSelection, recognised, 'expire', system).state).toMatchObject({ stage: 'expired', status: 'terminal' });
    const signer = actor('signer');
    expect(code(() => act(productSelection, recognised, 'revoke', signer, { reason: 'Gian lận' }))).toBe('VALIDATION_FAILED');
    const revoked = act(productSelection, recognised, 'revoke', signer, { reason: 'Gian lận', decisionReference: '9/QĐ' }).state;
    expect(revoked).toMatchObject({ stage: 'revoked', outcome: 'revoked', attributes: { decisionReference: '9/QĐ' } });
  });
});

describe('open tasks (the inbox)', () => {
  it('routes each stage to the people expected to act', () => {
    const tasks = (state: InstanceState) => openTasks(productSelection, state).map((task) => ({ to: task.assignee, actions: task.actions }));
    expect(tasks(entryAt('draft'))).toEqual([{ to: { role: 'applicant', scope: { type: 'establishment', id: 'est-1' } }, actions: ['submit', 'withdraw'] }]);
    expect(tasks(entryAt('screening'))).toEqual([
      { to: { role: 'provincial_officer', scope: { type: 'province', id: 'p-66' } }, actions: ['accept', 'return', 'reject'] },
    ]);
    expect(tasks(act(productSelection, entryAt('screening'), 'accept', officer).state)).toEqual([
      { to: { role: 'provincial_officer', scope: { type: 'province', id: 'p-66' } }, actions: ['assign_judges'] },
    ]);
    expect(tasks(entryAt('scoring'))).toEqual([{ to: { userId: 'judge-x' }, actions: ['score', 'recuse'] }]);
    expect(tasks(entryAt('council_review')).map((task) => task.to)).toEqual([
      { userId: 'council_member-x' },
      { userId: 'council_chair-x' },
      { userId: 'council_member-y' },
    ]);
    expect(tasks(entryAt('decision'))).toEqual([{ to: { role: 'signer', scope: { type: 'province', id: 'p-66' } }, actions: ['decide'] }]);
    expect(tasks(entryAt('recognised'))).toEqual([]);
    expect(tasks(act(productSelection, entryAt('draft'), 'withdraw', applicant).state)).toEqual([]);
    expect(openTasks(productSelection, entryAt('screening'))[0]!.dueAt).toBe('2025-03-17T16:59:59.999Z');
    expect(openTasks(productSelection, entryAt('revision'))[0]!.dueAt).toBeNull();
  });

  it('asks the organiser for a council when none is assigned', () => {
    const council = openTasks(productSelection, {
      ...entryAt('council_review'),
      council: { stage: 'council_review', members: [], chair: null, votes: {}, outcome: null },
    });
    expect(council.map((task) => task.actions)).toEqual([['assign_council']]);
  });
});

describe('createInstance', () => {
  it('opens an entry in its first stage at version 1, with one creation event', () => {
    const created = createInstance(productSelection, { instanceId: 'e-9', subject, round: { roundId: 'r', level: 'commune', year: 2025 } }, context(applicant));
    expect(created.state).toMatchObject({ version: 1, stage: 'draft', status: 'active', createdBy: 'applicant-1', submittedBy: null, sla: null });
    expect(created.events).toEqual([
      { type: 'instance_created', at: '2025-03-03T02:00:00.000Z', actor: { userId: 'applicant-1' }, version: 1, data: { instance: created.state } },
    ]);
  });

  it('refuses malformed input and people who may not open one', () => {
    expect(code(() => createInstance(productSelection, { instanceId: '', subject }, context(applicant)))).toBe('VALIDATION_FAILED');
    expect(
      code(() => createInstance(productSelection, { instanceId: 'x', subject, round: { roundId: 'r', level: 'region', year: 2025 } }, context(applicant))),
    ).toBe('NOT_ALLOWED');
    expect(code(() => createInstance(productSelection, { instanceId: 'x', subject }, context(officer)))).toBe('NOT_ALLOWED');
  });
});
