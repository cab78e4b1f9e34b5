import fc from 'fast-check';
import { isDomainError } from '../errors.js';
import { productSelection, productSelectionData } from '../definition/product-selection.js';
import { loadDefinition } from '../definition/validate.js';
import type { InstanceState } from '../state.js';
import { act, actor, completeDossier, context, entryAt, newEntry, organiser, points } from '../testing/fixtures.js';
import { createInstance } from '../engine/create.js';
import { averageHalfUp, quorumMet, visibleJuryView } from './jury.js';

const judge = (id: string) => actor('judge', id);
const officer = organiser('province');

/** An entry in scoring with the given judges assigned and nobody scored yet. */
function jury(judges: string[], state = entryAt('screening')): InstanceState {
  const accepted = act(productSelection, state, 'accept', officer).state;
  return act(productSelection, accepted, 'assign_judges', officer, { judges }).state;
}

const code = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return isDomainError(error) ? error.code : 'thrown';
  }
};

describe('jury', () => {
  it('averages the totals half up to 2 decimals and passes at the threshold', () => {
    let state = jury(['a', 'b', 'c']);
    state = act(productSelection, state, 'score', judge('a'), { points: points(30, 30, 5, 5.01) }).state; // 70.01
    state = act(productSelection, state, 'score', judge('b'), { points: points(30, 30, 5, 5) }).state; // 70.00
    state = act(productSelection, state, 'score', judge('c'), { points: points(30, 30, 5, 4.99) }).state; // 69.99
    const result = state.jury!.results[0]!;
    expect(result).toMatchObject({ averageHundredths: 7000, spreadHundredths: 2, outcome: 'passed' });
    expect(state.stage).toBe('council_review');
    expect(averageHalfUp([7001, 7000])).toBe(7001); // 70.005 rounds up
    expect(averageHalfUp([1, 1, 0])).toBe(1); // 0.666… rounds to 0.67 hundredths-wise
  });

  it('fails an entry whose average is below the threshold of its round', () => {
    const strict = { ...newEntry('province'), round: { ...newEntry('province').round!, passThreshold: 80 } };
    let state = act(productSelection, strict, 'submit', actor('applicant'), { dossier: completeDossier }).state;
    state = jury(['a', 'b'], state);
    state = act(productSelection, state, 'score', judge('a'), { points: points(35, 35, 5, 4.99) }).state;
    state = act(productSelection, state, 'score', judge('b'), { points: points(35, 35, 5, 4.99) }).state;
    expect(state.jury!.results[0]!.outcome).toBe('failed');
    expect(state.stage).toBe('not_recognised');
    expect(state.status).toBe('terminal');
  });

  it('sends a spread above the limit to one re-scoring round, then lets the second round stand', () => {
    let state = jury(['a', 'b']);
    state = act(productSelection, state, 'score', judge('a'), { points: points(40, 40, 10, 10) }).state;
    state = act(productSelection, state, 'score', judge('b'), { points: points(35, 35, 10, 9.99) }).state; // spread 10.01
    expect(state.stage).toBe('scoring');
    expect(state.jury).toMatchObject({ round: 2, sheets: {}, closed: false });
    expect(state.jury!.results[0]!.outcome).toBe('rescoring');
    state = act(productSelection, state, 'score', judge('a'), { points: points(40, 40, 10, 10) }).state;
    state = act(productSelection, state, 'score', judge('b'), { points: points(30, 30, 5, 5) }).state; // spread 30
    expect(state.jury!.results.map((result) => result.outcome)).toEqual(['rescoring', 'passed']);
    expect(state.stage).toBe('council_review');
  });

  it('keeps a spread exactly at the limit out of re-scoring', () => {
    let state = jury(['a', 'b']);
    state = act(productSelection, state, 'score', judge('a'), { points: points(40, 40, 10, 10) }).state;
    state = act(productSelection, state, 'score', judge('b'), { points: points(35, 35, 10, 10) }).state; // spread 10
    expect(state.jury!.results[0]!.outcome).toBe('passed');
  });

  it('ignores spread when the round has no spread rule', () => {
    const base = newEntry('province');
    let state = act(productSelection, { ...base, round: { ...base.round!, spreadLimit: null } }, 'submit', actor('applicant'), {
      dossier: completeDossier,
    }).state;
    state = jury(['a', 'b'], state);
    state = act(productSelection, state, 'score', judge('a'), { points: points(40, 40, 10, 10) }).state;
    state = act(productSelection, state, 'score', judge('b'), { points: points(5, 5, 5, 5) }).state;
    expect(state.jury!.results[0]!.outcome).toBe('failed');
  });

  it('takes recused judges out of the denominator and closes when everyone left has scored', () => {
    let state = jury(['a', 'b', 'c']);
    state = act(productSelection, state, 'score', judge('a'), { points: points(32, 32, 8, 8) }).state;
    state = act(productSelection, state, 'recuse', judge('b'), { reason: 'Người thân của chủ cơ sở' }).state;
    expect(state.stage).toBe('scoring');
    state = act(productSelection, state, 'recuse', judge('c'), { reason: 'Từng tư vấn cho cơ sở' }).state;
    // 1 sheet of 1 eligible judge meets 2/3 of the denominator: the jury closes on the last recusal.
    expect(state.stage).toBe('council_review');
    expect(state.jury!.recused).toEqual({ b: 'Người thân của chủ cơ sở', c: 'Từng tư vấn cho cơ sở' });
  });

  it('refuses to close below quorum and closes early once the quorum is met', () => {
    let state = jury(['a', 'b', 'c']);
    state = act(productSelection, state, 'score', judge('a'), { points: points(32, 32, 8, 8) }).state;
    expect(code(() => act(productSelection, state, 'close_jury', officer))).toBe('QUORUM_NOT_MET');
    state = act(productSelection, state, 'score', judge('b'), { points: points(32, 32, 8, 8) }).state;
    state = act(productSelection, state, 'close_jury', officer).state;
    expect(state.jury).toMatchObject({ closed: true });
    expect(state.stage).toBe('council_review');
  });

  it('applies a head-count quorum from the round', () => {
    const base = newEntry('province');
    let state = act(productSelection, { ...base, round: { ...base.round!, quorum: { type: 'count', count: 3 } } }, 'submit', actor('applicant'), {
      dossier: completeDossier,
    }).state;
    state = jury(['a', 'b', 'c'], state);
    state = act(productSelection, state, 'score', judge('a'), { points: points(32, 32, 8, 8) }).state;
    state = act(productSelection, state, 'score', judge('b'), { points: points(32, 32, 8, 8) }).state;
    expect(code(() => act(productSelection, state, 'close_jury', officer))).toBe('QUORUM_NOT_MET');
    state = act(productSelection, state, 'recuse', judge('c'), { reason: 'Bận' }).state;
    // Everyone left has scored, but 2 sheets do not make a head count of 3: the jury stays open.
    expect(state.stage).toBe('scoring');
  });

  it('quorum: a ratio counts only judges who did not recuse (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        (n, r, s, ratio) => {
          const judges = Array.from({ length: n }, (_, i) => `j${i}`);
          const recused = Object.fromEntries(judges.slice(0, Math.min(r, n)).map((j) => [j, 'x']));
          const eligible = judges.filter((j) => recused[j] === undefined);
          const sheets = Object.fromEntries(
            eligible.slice(0, Math.min(s, eligible.length)).map((j) => [j, { points: {}, totalHundredths: 0, comment: '', submittedAt: '' }]),
          );
          const state = { stage: 'scoring', round: 1, judges, sheets, recused, closed: false, results: [] };
          const needed = Math.max(1, Math.ceil(ratio * eligible.length - 1e-9));
          expect(quorumMet(state, { type: 'ratio', ratio })).toBe(Object.keys(sheets).length >= needed);
        },
      ),
    );
  });

  it('refuses a second sheet, unassigned judges, recusing after scoring and points out of bounds', () => {
    let state = jury(['a', 'b', 'c']);
    state = act(productSelection, state, 'score', judge('a'), { points: points(32, 32, 8, 8) }).state;
    expect(code(() => act(productSelection, state, 'score', judge('a'), { points: points(32, 32, 8, 8) }))).toBe('ALREADY_SCORED');
    expect(code(() => act(productSelection, state, 'recuse', judge('a'), { reason: 'x' }))).toBe('ALREADY_SCORED');
    expect(code(() => act(productSelection, state, 'score', judge('z'), { points: points(1, 1, 1, 1) }))).toBe('NOT_ASSIGNED');
    expect(code(() => act(productSelection, state, 'recuse', judge('z'), { reason: 'x' }))).toBe('NOT_ASSIGNED');
    expect(code(() => act(productSelection, state, 'recuse', judge('b')))).toBe('REASON_REQUIRED');
    expect(code(() => act(productSelection, state, 'score', judge('b'), { points: points(41, 1, 1, 1) }))).toBe('SCORE_OUT_OF_BOUNDS');
    expect(code(() => act(productSelection, state, 'score', judge('b'), { points: points(1.005, 1, 1, 1) }))).toBe('SCORE_OUT_OF_BOUNDS');
    expect(code(() => act(productSelection, state, 'score', judge('b'), { points: { ...points(1, 1, 1, 1), OTHER: '1' } }))).toBe('SCORE_OUT_OF_BOUNDS');
    expect(code(() => act(productSelection, state, 'score', judge('b'), { points: { MARKET: 1 } }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, state, 'score', judge('b'), { points: { ...points(1, 1, 1, 1), EXTRA: 1 } }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, state, 'score', judge('b'), { points: [1, 2] }))).toBe('VALIDATION_FAILED');
    const recused = act(productSelection, state, 'recuse', judge('b'), { reason: 'x' }).state;
    expect(code(() => act(productSelection, recused, 'score', judge('b'), { points: points(1, 1, 1, 1) }))).toBe('NOT_ASSIGNED');
  });

  it('validates the panel: distinct ids, no submitter, and nobody who already scored may be dropped', () => {
    let state = jury(['a', 'b']);
    expect(code(() => act(productSelection, state, 'assign_judges', officer, { judges: [] }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, state, 'assign_judges', officer, { judges: ['a', 'a'] }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, state, 'assign_judges', officer, { judges: ['a', 7] }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, state, 'assign_judges', officer, { judges: 'a' }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, state, 'assign_judges', officer, { judges: ['applicant-1'] }))).toBe('FOUR_EYES');
    state = act(productSelection, state, 'score', judge('a'), { points: points(32, 32, 8, 8) }).state;
    expect(code(() => act(productSelection, state, 'assign_judges', officer, { judges: ['b', 'c'] }))).toBe('VALIDATION_FAILED');
    const result = act(productSelection, state, 'assign_judges', officer, { judges: ['a', 'b', 'c'] });
    expect(result.effects).toEqual([{ type: 'notify', to: { userId: 'c' }, template: 'jury_assigned', data: { instanceId: 'entry-1' } }]);
  });

  it('keeps sheets blind: a judge sees only their own sheet until the jury closes', () => {
    let state = jury(['a', 'b', 'c']);
    expect(visibleJuryView(newEntry(), 'a')).toBeNull();
    state = act(productSelection, state, 'score', judge('a'), { points: points(32, 32, 8, 8), comment: 'Tốt' }).state;
    state = act(productSelection, state, 'score', judge('b'), { points: points(30, 30, 8, 8) }).state;
    expect(Object.keys(visibleJuryView(state, 'a')!.sheets)).toEqual(['a']);
    expect(visibleJuryView(state, 'a')!.ownSheet?.comment).toBe('Tốt');
    expect(visibleJuryView(state, 'c')).toMatchObject({ sheets: {}, ownSheet: null, closed: false });
    state = act(productSelection, state, 'score', judge('c'), { points: points(31, 31, 8, 8) }).state;
    expect(Object.keys(visibleJuryView(state, 'c')!.sheets).sort()).toEqual(['a', 'b', 'c']);
  });

  it('runs a jury that is the first stage of a workflow', () => {
    const scoring = productSelectionData.stages.find((stage) => stage.id === 'scoring')!;
    const definition = loadDefinition({
      ...productSelectionData,
      code: 'jury-only',
      initialStage: 'scoring',
      stages: [
        { ...scoring, actions: scoring.actions.filter((action) => action.name !== 'withdraw') },
        { id: 'council_review', name: { vi: 'x', en: 'x' }, kind: 'terminal', actions: [] },
        { id: 'not_recognised', name: { vi: 'x', en: 'x' }, kind: 'terminal', actions: [] },
      ],
    });
    const created = createInstance(
      definition,
      { instanceId: 'j', subject: newEntry().subject, round: { roundId: 'r', level: 'province', year: 2025 } },
      context(officer),
    );
    expect(created.state.jury).toMatchObject({ stage: 'scoring', round: 1, judges: [] });
    expect(created.state.sla).toMatchObject({ stage: 'scoring', workingDays: 15 });
    expect(created.effects.filter((effect) => effect.type === 'schedule_timer')).toHaveLength(2);
  });
});
