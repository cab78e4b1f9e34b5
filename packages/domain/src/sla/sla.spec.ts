import { productSelection } from '../definition/product-selection.js';
import { act, actor, calendar, completeDossier, context, entryAt, newEntry, organiser, subject } from '../testing/fixtures.js';
import { createInstance } from '../engine/create.js';
import { DomainError } from '../errors.js';
import { classify, resumeClock, slaOf, slaStatus, startClock } from './sla.js';

const rules = { workingDays: 10, dueSoonWorkingDays: 2, escalateAfterWorkingDays: 2, escalateTo: { role: 'signer', scopeType: 'province' } } as const;
const at = (iso: string) => ({ ms: Date.parse(iso), iso });

describe('stage SLA', () => {
  it('is due at the end of the N-th working day after entry, due soon for its last days, escalated after', () => {
    // Entered Monday 3 March 2025; 10 working days → Monday 17 March, end of day in Vietnam.
    const { clock, effects } = startClock('e', 'screening', rules, at('2025-03-03T02:00:00.000Z'), calendar, 2);
    expect(clock.dueAt).toBe('2025-03-17T16:59:59.999Z');
    expect(clock.dueSoonAt).toBe('2025-03-13T17:00:00.000Z'); // start of Friday 14 March
    expect(clock.escalateAt).toBe('2025-03-19T17:00:00.000Z'); // after Wednesday 19 March
    expect(effects).toEqual([
      { type: 'schedule_timer', timerKind: 'sla_reminder', dueAt: clock.dueSoonAt, key: 'e:screening:reminder:v2', command: 'remind' },
      { type: 'schedule_timer', timerKind: 'sla_escalation', dueAt: clock.escalateAt, key: 'e:screening:escalation:v2', command: 'escalate' },
    ]);
    expect(slaStatus(clock, '2025-03-10T02:00:00.000Z')).toBe('on_time');
    expect(slaStatus(clock, '2025-03-14T02:00:00.000Z')).toBe('due_soon');
    expect(slaStatus(clock, '2025-03-17T16:59:59.999Z')).toBe('due_soon');
    expect(slaStatus(clock, '2025-03-17T17:00:00.000Z')).toBe('overdue');
    expect(slaStatus(null, '2025-03-17T17:00:00.000Z')).toBe('none');
    expect(classify(clock, Date.parse('2025-03-05T02:00:00.000Z'))).toBe('early');
    expect(classify(clock, Date.parse('2025-03-17T02:00:00.000Z'))).toBe('on_time');
    expect(classify(clock, Date.parse('2025-03-18T02:00:00.000Z'))).toBe('late');
  });

  it('runs over Tết: entered Friday 24 January 2025, one working day is Monday 3 February', () => {
    const { clock } = startClock('e', 's', { ...rules, workingDays: 1, dueSoonWorkingDays: 1 }, at('2025-01-24T03:00:00.000Z'), calendar, 1);
    expect(clock.dueAt).toBe('2025-02-03T16:59:59.999Z');
  });

  it('pauses while the applicant revises, across Tết, and moves the due date by the working days lost', () => {
    const submitted = act(productSelection, newEntry(), 'submit', actor('applicant'), { dossier: completeDossier }, '2025-01-20T02:00:00.000Z');
    // Entered screening Monday 20 January: due Monday 10 February (Tết 27 Jan – 2 Feb is not counted).
    expect(submitted.state.sla!.dueAt).toBe('2025-02-10T16:59:59.999Z');
    const returned = act(productSelection, submitted.state, 'return', organiser('province'), { reason: 'Bổ sung ảnh' }, '2025-01-23T02:00:00.000Z');
    expect(returned.state.stage).toBe('revision');
    expect(returned.state.sla!.pausedAt).toBe('2025-01-23T02:00:00.000Z');
    expect(slaStatus(returned.state.sla, '2025-03-01T00:00:00.000Z')).toBe('paused');
    expect(returned.effects.filter((effect) => effect.type === 'cancel_timer')).toHaveLength(2);
    // Resubmitted Wednesday 5 February: working days lost are 24 Jan, 3, 4, 5 Feb = 4.
    const resumed = act(productSelection, returned.state, 'resubmit', actor('applicant'), { dossier: completeDossier }, '2025-02-05T02:00:00.000Z');
    expect(resumed.state.sla!.pausedIntervals).toEqual([{ from: '2025-01-23T02:00:00.000Z', to: '2025-02-05T02:00:00.000Z', workingDays: 4 }]);
    expect(resumed.state.sla!.dueAt).toBe('2025-02-14T16:59:59.999Z');
    expect(resumed.effects.filter((effect) => effect.type === 'schedule_timer')).toHaveLength(2);
  });

  it('records the classification of each finished stage', () => {
    const submitted = act(productSelection, newEntry(), 'submit', actor('applicant'), { dossier: completeDossier }, '2025-03-03T02:00:00.000Z');
    const late = act(productSelection, submitted.state, 'accept', organiser('province'), {}, '2025-03-25T02:00:00.000Z');
    expect(late.state.slaHistory).toEqual([
      {
        stage: 'screening',
        enteredAt: '2025-03-03T02:00:00.000Z',
        completedAt: '2025-03-25T02:00:00.000Z',
        dueAt: '2025-03-17T16:59:59.999Z',
        classification: 'late',
      },
    ]);
    const withdrawn = act(
      productSelection,
      act(productSelection, submitted.state, 'return', organiser('province'), { reason: 'x' }, '2025-03-04T02:00:00.000Z').state,
      'withdraw',
      actor('applicant'),
      {},
      '2025-04-01T02:00:00.000Z',
    );
    // A clock closed while paused counts as finished when it was paused.
    expect(withdrawn.state.slaHistory[0]).toMatchObject({ completedAt: '2025-03-04T02:00:00.000Z', classification: 'early' });
    expect(withdrawn.state.sla).toBeNull();
  });

  it('resuming a running clock changes nothing but the timers', () => {
    const { clock } = startClock('e', 's', rules, at('2025-03-03T02:00:00.000Z'), calendar, 1);
    const resumed = resumeClock('e', clock, at('2025-03-05T02:00:00.000Z'), calendar, 3);
    expect(resumed.clock.dueAt).toBe(clock.dueAt);
    expect(resumed.clock.timerKeys).toEqual(['e:s:reminder:v3', 'e:s:escalation:v3']);
  });

  it('carries a running clock into the entry state at submission', () => {
    expect(entryAt('screening').sla).toMatchObject({ stage: 'screening', workingDays: 10, pausedAt: null, escalated: false });
  });
});

describe('round-specific deadlines', () => {
  const round = {
    roundId: 'region-2025',
    level: 'region' as const,
    year: 2025,
    registrationOpensAt: '2025-01-01T00:00:00.000Z',
    registrationClosesAt: '2025-06-30T16:59:59.999Z',
    stageWorkingDays: { screening: 5, scoring: 30 },
  };

  it('uses the round’s working days for a stage instead of the definition’s', () => {
    const created = createInstance(
      productSelection,
      { instanceId: 'r-1', subject, attributes: { lowerCertificateLevel: 'province', lowerCertificateValidUntil: '2026-12-31' }, round },
      context(actor('provincial_officer'), '2025-03-03T02:00:00.000Z'),
    );
    const submitted = act(productSelection, created.state, 'submit', actor('provincial_officer'), { dossier: completeDossier }, '2025-03-03T02:00:00.000Z');
    // Monday 3 March + 5 working days = Monday 10 March (the definition's 10 would be 17 March).
    expect(submitted.state.sla).toMatchObject({ stage: 'screening', workingDays: 5, dueAt: '2025-03-10T16:59:59.999Z' });
    const accepted = act(productSelection, submitted.state, 'accept', organiser('region'), {}, '2025-03-03T03:00:00.000Z');
    // The central department's 30 working days for a regional dossier: from Monday 3 March, skipping the Hùng
    // Kings' day holiday (Monday 7 April), the 30th working day is Tuesday 15 April.
    expect(accepted.state.sla).toMatchObject({ stage: 'scoring', workingDays: 30, dueAt: '2025-04-15T16:59:59.999Z' });
  });

  it('keeps the definition’s SLA for stages the round does not name, and refuses a non-positive period', () => {
    expect(slaOf({ id: 'council_review', sla: rules }, { ...round })).toBe(rules);
    expect(slaOf({ id: 'draft' }, { ...round, stageWorkingDays: { draft: 3 } })).toBeUndefined();
    expect(() =>
      createInstance(
        productSelection,
        { instanceId: 'r-2', subject, round: { ...round, stageWorkingDays: { screening: 0 } } },
        context(actor('provincial_officer')),
      ),
    ).toThrow(DomainError);
  });
});
