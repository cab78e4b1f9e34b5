import { isDomainError } from '../errors.js';
import { productSelection, productSelectionData } from './product-selection.js';
import { khuyencongScheme, khuyencongSchemeData } from './scheme.js';
import type { StageDefinition, WorkflowDefinition } from './schema.js';
import { checkDefinition, loadDefinition, successors } from './validate.js';
import { findDefinition, latestVersion, publishDefinition } from './catalogue.js';

const problemsOf = (input: unknown): readonly string[] => {
  const check = checkDefinition(input);
  return check.ok ? [] : check.problems;
};
const terminal = (id: string): StageDefinition => ({ id, name: { vi: id, en: id }, kind: 'terminal', actions: [] });
const small = (stages: StageDefinition[], initialStage = 'start'): WorkflowDefinition => ({
  code: 'small',
  version: 1,
  title: { vi: 'x', en: 'x' },
  subjectKind: 'entry',
  initialStage,
  stages,
});

describe('definition validation', () => {
  it('accepts the shipped definitions and freezes them', () => {
    expect(checkDefinition(productSelectionData).ok).toBe(true);
    expect(checkDefinition(khuyencongSchemeData).ok).toBe(true);
    expect(Object.isFrozen(productSelection.stages[0])).toBe(true);
    expect(khuyencongScheme.code).toBe('khuyencong-scheme');
  });

  it('reports shape problems with their paths', () => {
    expect(problemsOf({ ...productSelectionData, version: 0 })).toEqual(['version: Too small: expected number to be >=1']);
    expect(problemsOf(null)[0]).toMatch(/^\(root\)/);
  });

  it('reports every reference problem at once', () => {
    const problems = problemsOf(
      small(
        [
          {
            id: 'start',
            name: { vi: 's', en: 's' },
            kind: 'task',
            actions: [
              { name: 'go', actors: [{ role: 'admin' }], to: 'missing' },
              { name: 'claim', actors: [{ role: 'admin' }] },
            ],
          },
          {
            ...terminal('end'),
            actions: [{ name: 'x', actors: [{ role: 'admin' }] }],
            sla: { workingDays: 1, dueSoonWorkingDays: 1, escalateAfterWorkingDays: 0, escalateTo: { role: 'admin', scopeType: 'national' } },
          },
          terminal('end'),
        ],
        'nowhere',
      ),
    );
    expect(problems).toEqual([
      'stage end is defined twice',
      'initial stage nowhere does not exist',
      'stage start: action go targets unknown stage missing',
      'stage start: action claim is built in and cannot be declared',
      'stage end: a terminal stage has no actions',
      'stage end: a terminal stage has no SLA',
    ]);
  });

  it('checks stage kinds against their rules and actions', () => {
    const scoring = productSelectionData.stages.find((stage) => stage.id === 'scoring')!;
    const council = productSelectionData.stages.find((stage) => stage.id === 'council_review')!;
    const problems = problemsOf(
      small([
        {
          id: 'start',
          name: { vi: 's', en: 's' },
          kind: 'task',
          claimable: true,
          waitsForApplicant: true,
          sla: { workingDays: 1, dueSoonWorkingDays: 1, escalateAfterWorkingDays: 0, escalateTo: { role: 'admin', scopeType: 'national' } },
          certificateExpiry: true,
          jury: { ...scoring.jury!, passTo: 'gone', failTo: 'end', criteria: [...scoring.jury!.criteria, scoring.jury!.criteria[0]!] },
          actions: [
            { name: 'score', actors: [{ role: 'judge' }], to: 'end' },
            { name: 'vote', actors: [{ role: 'judge' }] },
          ],
        },
        { ...council, id: 'jury', kind: 'jury', claimable: false, council: { ...council.council!, approveTo: 'x', rejectTo: 'end' }, actions: [] },
        { id: 'batch', name: { vi: 'b', en: 'b' }, kind: 'batch', actions: [{ name: 'decide', actors: [{ role: 'signer' }], to: 'end' }] },
        terminal('end'),
      ]),
    );
    expect(problems).toEqual([
      'stage start: jury rules belong to jury stages, and every jury stage needs them',
      'stage start: jury pass targets unknown stage gone',
      'stage start: criteria group MARKET is listed twice',
      'stage start: criteria group MARKET is listed twice',
      'stage start: the clock is paused here, so it has no SLA',
      'stage start: a certificate-expiry stage needs an expire action',
      'stage start: action score belongs to jury stages',
      'stage start: action vote belongs to council stages',
      'stage jury: jury rules belong to jury stages, and every jury stage needs them',
      'stage jury: council rules belong to council stages, and every council stage needs them',
      'stage jury: council approval targets unknown stage x',
      'stage jury: only task stages are claimable',
      'stage batch: action decide: decisions in a batch stage are taken over a list',
    ]);
  });

  it('finds stages that cannot be reached', () => {
    const problems = problemsOf(
      small([
        { id: 'start', name: { vi: 's', en: 's' }, kind: 'task', actions: [{ name: 'go', actors: [{ role: 'admin' }], to: 'end' }] },
        terminal('end'),
        terminal('island'),
      ]),
    );
    expect(problems).toEqual(['stage island cannot be reached from start']);
    const council = productSelection.stages.find((stage) => stage.id === 'council_review')!;
    expect(successors(council)).toEqual(['withdrawn', 'decision', 'not_recognised']);
  });

  it('throws DEFINITION_INVALID with the problems when loading', () => {
    try {
      loadDefinition({ ...productSelectionData, initialStage: 'nope' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('DEFINITION_INVALID');
      expect(isDomainError(error) && error.details.problems).toEqual(['initial stage nope does not exist']);
    }
  });
});

describe('definition catalogue', () => {
  it('publishes growing versions, refuses changes to a published one, and finds versions', () => {
    let catalogue = publishDefinition([], productSelectionData);
    catalogue = publishDefinition(catalogue, { ...productSelectionData, version: 2 });
    expect(publishDefinition(catalogue, { ...productSelectionData, version: 2 })).toBe(catalogue);
    expect(() => publishDefinition(catalogue, { ...productSelectionData, version: 2, title: { vi: 'khác', en: 'other' } })).toThrow(
      expect.objectContaining({ code: 'DEFINITION_IMMUTABLE' }) as Error,
    );
    expect(() => publishDefinition(catalogue, { ...productSelectionData, version: 1, title: { vi: 'khác', en: 'other' } })).toThrow(
      expect.objectContaining({ code: 'DEFINITION_IMMUTABLE' }) as Error,
    );
    catalogue = publishDefinition(catalogue, khuyencongSchemeData);
    expect(latestVersion(catalogue, 'product-selection')!.version).toBe(2);
    expect(latestVersion(catalogue, 'unknown')).toBeUndefined();
    expect(findDefinition(catalogue, 'product-selection', 1)!.version).toBe(1);
    expect(findDefinition(catalogue, 'product-selection', 3)).toBeUndefined();
  });
});
