import { isDomainError, type DomainError } from '../errors.js';
import { productSelection } from '../definition/product-selection.js';
import { khuyencongScheme } from '../definition/scheme.js';
import type { InstanceState } from '../state.js';
import type { BatchCommand } from '../types.js';
import { act, actor, context, entryAt, schemeAt } from '../testing/fixtures.js';
import { decideBatch } from './batch.js';

const signer = actor('signer');
const decision = { decisionNumber: '15/QĐ-SCT', decisionDate: '2024-12-20' };
const command = (states: InstanceState[], type = 'decide', payload: BatchCommand['payload'] = decision): BatchCommand => ({
  type,
  expectedVersions: Object.fromEntries(states.map((state) => [state.instanceId, state.version])),
  payload,
});
const failure = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    if (isDomainError(error)) return error;
  }
  throw new Error('expected a domain error');
};

describe('batch decision', () => {
  it('recognises a whole list at once and issues numbered certificates valid to 31 December of the 4th year', () => {
    const entries = [entryAt('decision', 'province', 'a'), entryAt('decision', 'province', 'b')];
    const { results } = decideBatch(productSelection, entries, command(entries), context(signer));
    expect(results.map((result) => [result.instanceId, result.state.stage, result.state.outcome])).toEqual([
      ['a', 'recognised', 'recognised'],
      ['b', 'recognised', 'recognised'],
    ]);
    expect(results[1]!.state.certificate).toEqual({
      number: 'PROVINCE-2024-15/QĐ-SCT-0002',
      level: 'province',
      issuedOn: '2024-12-20',
      validUntil: '2027-12-31',
      decisionNumber: '15/QĐ-SCT',
    });
    expect(results[0]!.effects).toContainEqual(expect.objectContaining({ type: 'generate_certificate', instanceId: 'a', validUntil: '2027-12-31' }));
    expect(results[0]!.effects).toContainEqual({
      type: 'schedule_timer',
      timerKind: 'certificate_expiry',
      dueAt: '2027-12-31T17:00:00.000Z',
      key: 'a:certificate_expiry:PROVINCE-2024-15/QĐ-SCT-0001',
      command: 'expire',
    });
  });

  it('decides nothing when any instance is wrong, and lists every offender', () => {
    const good = entryAt('decision', 'province', 'a');
    const early = entryAt('council_review', 'province', 'b');
    const stale = { ...entryAt('decision', 'province', 'c') };
    const error = failure(() =>
      decideBatch(
        productSelection,
        [good, early, stale],
        { ...command([good, early]), expectedVersions: { a: good.version, b: early.version, c: 1 } },
        context(signer),
      ),
    );
    expect(error.code).toBe('BATCH_INVALID');
    expect((error.details.problems as { instanceId: string; code: string }[]).map((problem) => [problem.instanceId, problem.code])).toEqual([
      ['b', 'WRONG_STAGE'],
      ['c', 'STALE_VERSION'],
    ]);
  });

  it('checks the list as a whole: one round, no duplicates, not empty', () => {
    const a = entryAt('decision', 'province', 'a');
    const other = { ...entryAt('decision', 'province', 'b') };
    const otherRound = { ...other, round: { ...other.round!, roundId: 'another' } };
    expect(failure(() => decideBatch(productSelection, [a, otherRound], command([a, otherRound]), context(signer))).details.list).toEqual([
      'instances of different rounds',
    ]);
    expect(failure(() => decideBatch(productSelection, [a, a], command([a]), context(signer))).details.list).toEqual(['an instance is listed twice']);
    expect(failure(() => decideBatch(productSelection, [], command([]), context(signer))).code).toBe('VALIDATION_FAILED');
  });

  it('needs a decision number and date', () => {
    const a = entryAt('decision');
    expect(failure(() => decideBatch(productSelection, [a], command([a], 'decide', {}), context(signer))).code).toBe('VALIDATION_FAILED');
    expect(
      failure(() => decideBatch(productSelection, [a], command([a], 'decide', { decisionNumber: '1', decisionDate: '2024-02-30x' }), context(signer))).code,
    ).toBe('VALIDATION_FAILED');
  });

  it('uses the certificate numbers the caller assigned, and refuses a missing, malformed or repeated one', () => {
    const entries = [entryAt('decision', 'province', 'a'), entryAt('decision', 'province', 'b')];
    const numbered = (certificateNumbers: Record<string, string> | string) => command(entries, 'decide', { ...decision, certificateNumbers });
    const { results } = decideBatch(productSelection, entries, numbered({ a: 'T-GL-2024-0007', b: 'T-GL-2024-0008' }), context(signer));
    expect(results.map((result) => result.state.certificate?.number)).toEqual(['T-GL-2024-0007', 'T-GL-2024-0008']);
    expect(results[0]!.effects).toContainEqual(expect.objectContaining({ type: 'generate_certificate', certificateNumber: 'T-GL-2024-0007' }));
    const refused: (Record<string, string> | string)[] = [{ a: 'T-GL-2024-0007' }, { a: 'T-GL-2024-0007', b: 't gl 8' }, { a: 'T-1', b: 'T-1' }, 'T-1'];
    for (const bad of refused) {
      expect(failure(() => decideBatch(productSelection, entries, numbered(bad), context(signer))).code).toBe('VALIDATION_FAILED');
    }
  });

  it('reports a refused batch of one with the instance’s own error through decide', () => {
    const a = entryAt('decision');
    expect(failure(() => act(productSelection, a, 'decide', actor('applicant'), decision)).code).toBe('NOT_ALLOWED');
    expect(failure(() => act(productSelection, a, 'decide', signer, {})).code).toBe('VALIDATION_FAILED');
  });

  it('approves a province’s local plan over many schemes', () => {
    const schemes = [schemeAt('awaiting_local_plan', 'LOCAL', 's1'), schemeAt('awaiting_local_plan', 'LOCAL', 's2')];
    const { results } = decideBatch(khuyencongScheme, schemes, command(schemes, 'approve_plan', {}), context(signer));
    expect(results.map((result) => result.state.stage)).toEqual(['in_plan', 'in_plan']);
  });
});

describe('nomination to the next level', () => {
  const province = actor('provincial_officer', 'provincial_officer-2');

  it('nominates recognised entries within the round quota and emits one nomination each', () => {
    const entries = [entryAt('recognised', 'province', 'a'), entryAt('recognised', 'province', 'b')];
    const { results } = decideBatch(
      productSelection,
      entries,
      command(entries, 'nominate', { targetRoundId: 'region-2026', alreadyNominated: 3 }),
      context(province),
    );
    expect(results[0]!.state).toMatchObject({ stage: 'recognised', attributes: { nominatedToRoundId: 'region-2026' } });
    expect(results[0]!.effects).toContainEqual({
      type: 'nominate_to_next_level',
      instanceId: 'a',
      certificateNumber: 'PROVINCE-2025-15/QĐ-SCT-0001',
      fromLevel: 'province',
      toLevel: 'region',
      targetRoundId: 'region-2026',
    });
  });

  it('refuses a list over the quota, a bad count, and nominations from a national round', () => {
    const entries = [entryAt('recognised', 'province', 'a'), entryAt('recognised', 'province', 'b')];
    expect(
      failure(() => decideBatch(productSelection, entries, command(entries, 'nominate', { targetRoundId: 'r', alreadyNominated: 4 }), context(province)))
        .details.list,
    ).toEqual(['nomination quota of 5 exceeded']);
    expect(
      failure(() => decideBatch(productSelection, entries, command(entries, 'nominate', { targetRoundId: 'r', alreadyNominated: -1 }), context(province))).code,
    ).toBe('VALIDATION_FAILED');
    const national = entryAt('recognised', 'national');
    expect(failure(() => act(productSelection, national, 'nominate', province, { targetRoundId: 'r' })).code).toBe('CONDITION_NOT_MET');
  });

  it('has no quota when the round sets none', () => {
    const entry = entryAt('recognised', 'province', 'a');
    const free = { ...entry, round: { roundId: entry.round!.roundId, level: entry.round!.level, year: 2025 } };
    const { results } = decideBatch(productSelection, [free], command([free], 'nominate', { targetRoundId: 'r', alreadyNominated: 100 }), context(province));
    expect(results).toHaveLength(1);
  });
});
