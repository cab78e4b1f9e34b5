import { isDomainError } from '../errors.js';
import { productSelection } from '../definition/product-selection.js';
import { khuyencongScheme } from '../definition/scheme.js';
import { indexOf, type ValidDefinition } from '../definition/validate.js';
import type { InstanceState } from '../state.js';
import type { Actor } from '../types.js';
import { actor, allRoles, context, entryAt, organiser, preparer, schemeAt, type EntryStage, type SchemeStage } from '../testing/fixtures.js';
import { availableActions, scoringCriteria } from './available.js';
import { decide } from './decide.js';

/** Refusals about the payload only: the action was allowed, the form was not filled in yet. */
const PAYLOAD_REFUSALS = new Set(['VALIDATION_FAILED', 'REASON_REQUIRED', 'DOSSIER_INCOMPLETE', 'SCORE_OUT_OF_BOUNDS']);

function outcome(definition: ValidDefinition, state: InstanceState, type: string, who: Actor): string {
  try {
    decide(definition, state, { type, expectedVersion: state.version }, context(who));
    return 'ok';
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return error.code;
  }
}

const names = (definition: ValidDefinition, state: InstanceState, who: Actor) =>
  availableActions(definition, state, { now: context(who).now, actor: who }).map((action) => action.name);

// Everyone who acts somewhere in the journeys: each role over its natural unit, the submitter, judges on and off
// the jury, council members on and off the council, an officer of another province.
const people: Actor[] = [
  ...allRoles.map((role) => actor(role)),
  organiser('province'),
  preparer('province'),
  actor('provincial_officer', 'provincial_officer-2'),
  actor('judge', 'judge-a'),
  actor('judge', 'judge-x'),
  actor('council_member', 'council_member-x'),
  actor('council_chair', 'council_chair-x'),
  actor('council_member', 'm-z'),
  { userId: 'elsewhere', roles: [{ role: 'provincial_officer', scope: { type: 'province', id: 'p-64' } }] },
];

const entryStages: EntryStage[] = ['draft', 'screening', 'revision', 'scoring', 'council_review', 'decision', 'recognised'];
const schemeStages: SchemeStage[] = [
  'draft',
  'base_appraisal',
  'revision',
  'central_appraisal',
  'in_plan',
  'in_progress',
  'change_review',
  'acceptance',
  'settlement',
];
const cases: [string, ValidDefinition, InstanceState][] = [
  ...entryStages.map((stage): [string, ValidDefinition, InstanceState] => [`entry ${stage}`, productSelection, entryAt(stage)]),
  ...schemeStages.map((stage): [string, ValidDefinition, InstanceState] => [`scheme ${stage}`, khuyencongScheme, schemeAt(stage)]),
  ['local scheme awaiting its plan', khuyencongScheme, schemeAt('awaiting_local_plan', 'LOCAL')],
];

describe('availableActions: what a user may do now, by the engine’s own checks', () => {
  it.each(cases)('%s: an offered action is refused only for its payload, an action not offered is refused before it', (_name, definition, state) => {
    // Actions over a list of instances (a round's decision, a nomination, a local plan) are not offered per instance.
    const stageActions = [...(indexOf(definition).actions.get(state.stage) ?? [])];
    const all = stageActions.filter(([, variants]) => !variants.some((variant) => variant.batch !== undefined)).map(([name]) => name);
    let offeredSomewhere = 0;
    for (const who of people) {
      const offered = new Set(names(definition, state, who));
      offeredSomewhere += offered.size;
      for (const name of all) {
        const result = outcome(definition, state, name, who);
        if (offered.has(name)) expect([who.userId, name, result === 'ok' || PAYLOAD_REFUSALS.has(result)]).toEqual([who.userId, name, true]);
        else expect([who.userId, name, result === 'ok' || PAYLOAD_REFUSALS.has(result)]).toEqual([who.userId, name, false]);
      }
    }
    if (state.status === 'active') expect(offeredSomewhere).toBeGreaterThan(0);
  });

  it('keeps four eyes: after submitting a scheme the submitter may withdraw it but is offered none of the appraisal', () => {
    const submitted = schemeAt('base_appraisal');
    expect(names(khuyencongScheme, submitted, actor('provincial_officer'))).toEqual(['withdraw']);
    expect(names(khuyencongScheme, submitted, actor('provincial_officer', 'provincial_officer-2'))).toEqual(
      expect.arrayContaining(['pass', 'return', 'reject']),
    );
  });

  it('offers a judge the score once, only while on the jury, and the quorum’s close to the organiser', () => {
    const scoring = entryAt('scoring');
    expect(names(productSelection, scoring, actor('judge', 'judge-x'))).toEqual(expect.arrayContaining(['score', 'recuse']));
    expect(names(productSelection, scoring, actor('judge', 'judge-a'))).not.toContain('score');
    expect(names(productSelection, scoring, actor('judge', 'judge-z'))).toEqual([]);
  });

  it('offers the vote to each council member until they voted', () => {
    const review = entryAt('council_review');
    expect(names(productSelection, review, actor('council_chair', 'council_chair-x'))).toContain('vote');
    expect(names(productSelection, review, actor('council_member', 'm-z'))).not.toContain('vote');
  });

  it('describes the form: a reason for return, the amounts of a pass; no batch action per instance', () => {
    const offered = availableActions(khuyencongScheme, schemeAt('base_appraisal'), {
      now: context(actor('provincial_officer', 'provincial_officer-2')).now,
      actor: actor('provincial_officer', 'provincial_officer-2'),
    });
    expect(offered.find((action) => action.name === 'return')).toMatchObject({ requiresReason: true, to: 'revision' });
    expect(offered.find((action) => action.name === 'pass')?.fields.map((field) => field.field)).toContain('approvedAmount');
    expect(names(productSelection, entryAt('decision'), actor('signer', 'signer-1', 'province'))).not.toContain('decide');
  });

  it('offers nothing on an ended instance, and gives the criteria a judge scores on', () => {
    expect(names(productSelection, entryAt('recognised'), organiser('province'))).toEqual([]);
    const criteria = scoringCriteria(productSelection, entryAt('scoring'));
    expect(criteria.map((criterion) => criterion.max).reduce((a, b) => a + b, 0)).toBe(100);
    expect(scoringCriteria(productSelection, entryAt('draft'))).toEqual(criteria);
  });
});
