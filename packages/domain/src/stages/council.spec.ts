import fc from 'fast-check';
import { isDomainError } from '../errors.js';
import type { CouncilDefinition } from '../definition/schema.js';
import { productSelection } from '../definition/product-selection.js';
import { khuyencongScheme } from '../definition/scheme.js';
import type { CouncilState, CouncilVote } from '../state.js';
import { act, actor, entryAt, organiser, schemeAt } from '../testing/fixtures.js';
import { councilOutcome, votesNeeded } from './council.js';

const rules = (overrides: Partial<CouncilDefinition> = {}): CouncilDefinition => ({
  rule: { type: 'majority' },
  chairVeto: false,
  decideWhen: 'as_soon_as_certain',
  approveTo: 'a',
  rejectTo: 'r',
  ...overrides,
});
const council = (members: string[], votes: Record<string, CouncilVote>, chair: string | null = null): CouncilState => ({
  stage: 'c',
  members,
  chair,
  votes,
  outcome: null,
});
const code = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return isDomainError(error) ? error.code : 'thrown';
  }
};

describe('council vote', () => {
  it('needs k votes under k-of-n and more than half under majority', () => {
    expect(votesNeeded(rules({ rule: { type: 'k_of_n', k: 4 } }), 5)).toBe(4);
    expect(votesNeeded(rules(), 5)).toBe(3);
    expect(votesNeeded(rules(), 4)).toBe(3);
  });

  it('decides as soon as the outcome is certain', () => {
    const members = ['a', 'b', 'c', 'd', 'e'];
    expect(councilOutcome(rules(), council(members, { a: 'approve', b: 'approve' }))).toBeNull();
    expect(councilOutcome(rules(), council(members, { a: 'approve', b: 'approve', c: 'approve' }))).toBe('approved');
    expect(councilOutcome(rules(), council(members, { a: 'reject', b: 'reject', c: 'reject' }))).toBe('rejected');
  });

  it('waits for every vote when told to', () => {
    const members = ['a', 'b', 'c'];
    const all = rules({ decideWhen: 'all_voted' });
    expect(councilOutcome(all, council(members, { a: 'approve', b: 'approve' }))).toBeNull();
    expect(councilOutcome(all, council(members, { a: 'approve', b: 'approve', c: 'reject' }))).toBe('approved');
    expect(councilOutcome(all, council(members, { a: 'reject', b: 'reject', c: 'approve' }))).toBe('rejected');
  });

  it('with a chair veto: approval waits for the chair, and a veto rejects at once', () => {
    const veto = rules({ chairVeto: true });
    const members = ['a', 'b', 'chair'];
    expect(councilOutcome(veto, council(members, { a: 'approve', b: 'approve' }, 'chair'))).toBeNull();
    expect(councilOutcome(veto, council(members, { a: 'approve', b: 'approve', chair: 'approve' }, 'chair'))).toBe('approved');
    expect(councilOutcome(veto, council(members, { chair: 'veto' }, 'chair'))).toBe('rejected');
  });

  it('veto and certainty (property): a veto always rejects, approval never precedes the chair, the outcome is final', () => {
    const voteArb = fc.constantFrom<CouncilVote>('approve', 'reject');
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.array(voteArb, { maxLength: 9 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (n, choices, chairVeto, early, chairVetoes) => {
          const members = Array.from({ length: n }, (_, i) => `m${i}`);
          const chair = members[n - 1]!;
          const config = rules({ chairVeto, decideWhen: early ? 'as_soon_as_certain' : 'all_voted' });
          let state = council(members, {}, chair);
          let decided: string | null = null;
          members.forEach((member, i) => {
            const vote: CouncilVote = member === chair && chairVeto && chairVetoes ? 'veto' : (choices[i] ?? 'approve');
            state = { ...state, votes: { ...state.votes, [member]: vote } };
            const outcome = councilOutcome(config, state);
            if (decided !== null) return;
            if (outcome === 'approved' && chairVeto) expect(state.votes[chair]).toBeDefined();
            if (!early && outcome !== null && !Object.values(state.votes).includes('veto')) expect(i).toBe(n - 1);
            decided = outcome;
          });
          const approvals = Object.values(state.votes).filter((vote) => vote === 'approve').length;
          const expected = Object.values(state.votes).includes('veto') ? 'rejected' : approvals >= votesNeeded(config, n) ? 'approved' : 'rejected';
          expect(decided).toBe(expected);
        },
      ),
    );
  });

  it('moves the entry on the council outcome: a chair veto makes it not recognised', () => {
    let state = entryAt('council_review');
    state = act(productSelection, state, 'vote', actor('council_member', 'council_member-x'), { vote: 'approve' }).state;
    state = act(productSelection, state, 'vote', actor('council_member', 'council_member-y'), { vote: 'approve' }).state;
    expect(state.stage).toBe('council_review');
    const vetoed = act(productSelection, state, 'vote', actor('council_chair', 'council_chair-x'), { vote: 'veto' }).state;
    expect(vetoed).toMatchObject({ stage: 'not_recognised', outcome: 'not_recognised', status: 'terminal' });
    expect(vetoed.council!.outcome).toBe('rejected');
  });

  it('refuses double votes, outsiders, unknown choices and vetoes by anyone but the chair', () => {
    const state = act(productSelection, entryAt('council_review'), 'vote', actor('council_member', 'council_member-x'), { vote: 'reject' }).state;
    expect(code(() => act(productSelection, state, 'vote', actor('council_member', 'council_member-x'), { vote: 'approve' }))).toBe('ALREADY_VOTED');
    expect(code(() => act(productSelection, state, 'vote', actor('council_member', 'outsider'), { vote: 'approve' }))).toBe('NOT_ASSIGNED');
    expect(code(() => act(productSelection, state, 'vote', actor('council_member', 'council_member-y'), { vote: 'maybe' }))).toBe('VALIDATION_FAILED');
    expect(code(() => act(productSelection, state, 'vote', actor('council_member', 'council_member-y'), { vote: 'veto' }))).toBe('NOT_ALLOWED');
  });

  it('refuses a veto where the stage has none (scheme acceptance) and sends a failed acceptance back to work', () => {
    let state = schemeAt('acceptance');
    expect(code(() => act(khuyencongScheme, state, 'vote', actor('council_chair', 'council_chair-x'), { vote: 'veto' }))).toBe('NOT_ALLOWED');
    for (const member of ['council_member-x', 'council_chair-x', 'council_member-y']) {
      state = act(khuyencongScheme, state, 'vote', actor('council_member', member), { vote: 'reject' }).state;
    }
    expect(state.stage).toBe('in_progress');
  });

  it('validates the membership and freezes it once voting started', () => {
    const officer = organiser('province');
    const base = entryAt('council_review');
    const assign = (payload: Record<string, unknown>) => () => act(productSelection, base, 'assign_council', officer, payload as never);
    expect(code(assign({ members: [] }))).toBe('VALIDATION_FAILED');
    expect(code(assign({ members: 'a' }))).toBe('VALIDATION_FAILED');
    expect(code(assign({ members: ['a', 'a'] }))).toBe('VALIDATION_FAILED');
    expect(code(assign({ members: ['a', 'b'], chair: 'c' }))).toBe('VALIDATION_FAILED');
    expect(code(assign({ members: ['a', 'applicant-1'] }))).toBe('FOUR_EYES');
    expect(code(assign({ members: ['a', 'b'] }))).toBe('ok');
    const voted = act(productSelection, base, 'vote', actor('council_member', 'council_member-x'), { vote: 'approve' }).state;
    expect(code(() => act(productSelection, voted, 'assign_council', officer, { members: ['a'] }))).toBe('VALIDATION_FAILED');
  });
});
