import fc from 'fast-check';
import { isDomainError, type DomainErrorCode } from '../errors.js';
import { productSelection, productSelectionData } from '../definition/product-selection.js';
import { publishDefinition, latestVersion, type Catalogue } from '../definition/catalogue.js';
import type { InstanceState } from '../state.js';
import type { Actor, DomainEvent, JsonObject } from '../types.js';
import { averageHalfUp } from '../stages/jury.js';
import { decide } from './decide.js';
import { replay } from './evolve.js';
import { createInstance } from './create.js';
import { act, actor, completeDossier, context, entryAt, points, subject } from '../testing/fixtures.js';

/** A command chosen against the current state (timer keys and versions come from it). */
type Move = { type: string; who: Actor; payload: (state: InstanceState) => JsonObject };

const officer = actor('provincial_officer', 'officer-1');
const judges = ['j1', 'j2', 'j3'];
const pointsArb = fc.record({
  MARKET: fc.integer({ min: 0, max: 4000 }).map((h) => h / 100),
  ECON_TECH_SOC_ENV: fc.integer({ min: 0, max: 4000 }).map((h) => h / 100),
  CULTURE_AESTHETIC: fc.integer({ min: 0, max: 1000 }).map((h) => h / 100),
  OTHER: fc.integer({ min: 0, max: 1000 }).map((h) => h / 100),
});

const moveArb: fc.Arbitrary<Move> = fc.oneof(
  fc.constant<Move>({ type: 'submit', who: actor('applicant'), payload: () => ({ dossier: completeDossier }) }),
  fc.constant<Move>({ type: 'resubmit', who: actor('applicant'), payload: () => ({ dossier: completeDossier }) }),
  fc.constantFrom('accept', 'claim', 'unclaim', 'close_jury').map<Move>((type) => ({ type, who: officer, payload: () => ({}) })),
  fc.constantFrom('return', 'reject').map<Move>((type) => ({ type, who: officer, payload: () => ({ reason: 'Lý do' }) })),
  fc.constant<Move>({ type: 'withdraw', who: actor('applicant'), payload: () => ({}) }),
  fc.constant<Move>({ type: 'assign_judges', who: officer, payload: () => ({ judges }) }),
  fc
    .tuple(fc.constantFrom(...judges), pointsArb)
    .map<Move>(([judge, sheet]) => ({ type: 'score', who: actor('judge', judge), payload: () => ({ points: sheet }) })),
  fc.constantFrom(...judges).map<Move>((judge) => ({ type: 'recuse', who: actor('judge', judge), payload: () => ({ reason: 'Xung đột lợi ích' }) })),
  fc.constant<Move>({ type: 'assign_council', who: officer, payload: () => ({ members: ['m1', 'm2', 'chair'], chair: 'chair' }) }),
  fc
    .tuple(fc.constantFrom('m1', 'm2', 'chair'), fc.constantFrom('approve', 'reject', 'veto'))
    .map<Move>(([member, vote]) => ({ type: 'vote', who: actor(member === 'chair' ? 'council_chair' : 'council_member', member), payload: () => ({ vote }) })),
  fc.constant<Move>({ type: 'decide', who: actor('signer'), payload: () => ({ decisionNumber: '7/QĐ', decisionDate: '2025-03-10' }) }),
  fc.constantFrom('remind', 'escalate').map<Move>((type) => ({
    type,
    who: actor('system'),
    payload: (state) => ({ timerKey: state.sla?.timerKeys[type === 'remind' ? 0 : 1] ?? 'none' }),
  })),
  fc.constant<Move>({ type: 'expire', who: actor('system'), payload: () => ({}) }),
);

interface Walk {
  readonly history: DomainEvent[];
  readonly states: InstanceState[];
  readonly refusals: DomainErrorCode[];
}

/** Applies moves one day apart; refused moves must leave the state untouched. */
function walk(moves: readonly Move[]): Walk {
  const created = createInstance(
    productSelection,
    { instanceId: 'p-1', subject, round: { roundId: 'r', level: 'province', year: 2025 } },
    context(actor('applicant')),
  );
  const history = [...created.events];
  const states = [created.state];
  const refusals: DomainErrorCode[] = [];
  moves.forEach((move, day) => {
    const state = states[states.length - 1]!;
    const before = JSON.stringify(state);
    const now = new Date(Date.parse('2025-03-03T02:00:00.000Z') + day * 86_400_000).toISOString();
    try {
      const result = decide(productSelection, state, { type: move.type, expectedVersion: state.version, payload: move.payload(state) }, context(move.who, now));
      history.push(...result.events);
      states.push(result.state);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      refusals.push(error.code);
    }
    expect(JSON.stringify(state)).toBe(before);
  });
  return { history, states, refusals };
}

const runs = { numRuns: 150 };

describe('engine properties', () => {
  it('replaying the events gives the same state, and states survive a JSON round trip', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 40 }), (moves) => {
        const { history, states } = walk(moves);
        const last = states[states.length - 1]!;
        expect(replay(history)).toEqual(last);
        expect(JSON.parse(JSON.stringify(last))).toEqual(last);
      }),
      runs,
    );
  });

  it('versions only grow, by exactly one per accepted command', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 40 }), (moves) => {
        const { states, history } = walk(moves);
        states.forEach((state, position) => expect(state.version).toBe(position + 1));
        history.forEach((event, position) => expect(event.version).toBe(position + 1));
      }),
      runs,
    );
  });

  it('terminal states accept nothing', () => {
    fc.assert(
      fc.property(fc.array(moveArb, { maxLength: 40 }), moveArb, (moves, probe) => {
        const { states } = walk(moves);
        const last = states[states.length - 1]!;
        fc.pre(last.status === 'terminal');
        expect(() =>
          decide(productSelection, last, { type: probe.type, expectedVersion: last.version, payload: probe.payload(last) }, context(probe.who)),
        ).toThrow(expect.objectContaining({ code: 'TERMINAL_STATE' }) as Error);
      }),
      { numRuns: 60 },
    );
  });

  it('scores stay in bounds: out-of-range or over-precise points are refused, accepted sheets lie within each maximum', () => {
    const base = entryAt('scoring');
    const value = fc.oneof(fc.double({ min: -10, max: 60, noNaN: true }), fc.integer({ min: -5, max: 50 }));
    fc.assert(
      fc.property(fc.tuple(value, value, value, value), ([market, econ, culture, other]) => {
        try {
          const next = act(productSelection, base, 'score', actor('judge', 'judge-x'), { points: points(market, econ, culture, other) }).state;
          const sheet = next.jury!.results[0]!.sheets['judge-x']!;
          const maxima = { MARKET: 40, ECON_TECH_SOC_ENV: 40, CULTURE_AESTHETIC: 10, OTHER: 10 };
          for (const [code, max] of Object.entries(maxima)) {
            expect(sheet.points[code]).toBeGreaterThanOrEqual(0);
            expect(sheet.points[code]).toBeLessThanOrEqual(max);
          }
          expect(sheet.totalHundredths).toBeLessThanOrEqual(10_000);
        } catch (error) {
          expect(isDomainError(error) && error.code).toBe('SCORE_OUT_OF_BOUNDS');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the jury result is the average rounded half up to 2 decimals, within the range of the totals', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 15 }), (totals) => {
        const average = averageHalfUp(totals);
        const exact = totals.reduce((a, b) => a + b, 0) / totals.length;
        expect(Math.abs(average - exact)).toBeLessThanOrEqual(0.5);
        if (exact - Math.floor(exact) === 0.5) expect(average).toBe(Math.ceil(exact));
        expect(average).toBeGreaterThanOrEqual(Math.min(...totals));
        expect(average).toBeLessThanOrEqual(Math.max(...totals));
      }),
    );
  });

  it('published versions only grow and never change', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 12 }), (versions) => {
        let catalogue: Catalogue = [];
        let latest = 0;
        for (const version of versions) {
          const before = catalogue;
          try {
            catalogue = publishDefinition(catalogue, { ...productSelectionData, version });
            // Republishing an identical version is a no-op; anything else must be newer.
            if (before.some((definition) => definition.version === version)) expect(catalogue).toBe(before);
            else expect(version).toBeGreaterThan(latest);
          } catch (error) {
            expect(isDomainError(error) && error.code).toBe('VERSION_NOT_INCREASING');
            expect(version).toBeLessThan(latest);
          }
          const current = latestVersion(catalogue, productSelectionData.code)!.version;
          expect(current).toBeGreaterThanOrEqual(latest);
          latest = current;
        }
      }),
    );
  });
});
