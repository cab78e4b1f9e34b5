import { productSelection, productSelectionData } from './definition/product-selection.js';
import { loadDefinition } from './definition/validate.js';
import { khuyencongScheme } from './definition/scheme.js';
import { replay } from './engine/evolve.js';
import { decide } from './engine/decide.js';
import { act, actor, context, entryAt, organiser } from './testing/fixtures.js';
import { migrateInstance, planMigration } from './migration.js';
import type { DomainEvent } from './types.js';

// Version 2 renames screening to eligibility_check and turns the council stage into a plain task.
const v2 = loadDefinition({
  ...productSelectionData,
  version: 2,
  stages: productSelectionData.stages
    .map((stage) => {
      if (stage.id === 'council_review')
        return {
          id: 'council_review',
          name: stage.name,
          kind: 'task' as const,
          actions: [{ name: 'approve', actors: [{ role: 'provincial_officer' as const }], to: 'decision' }],
        };
      return stage.id === 'screening' ? { ...stage, id: 'eligibility_check' } : stage;
    })
    .map((stage) => ({ ...stage, actions: stage.actions.map((action) => (action.to === 'screening' ? { ...action, to: 'eligibility_check' } : action)) })),
});
const mapping = { stages: { screening: 'eligibility_check' } };
const admin = actor('admin');

describe('instance migration', () => {
  it('reports in a dry run what would move and what cannot', () => {
    const screening = entryAt('screening', 'province', 'a');
    const council = entryAt('council_review', 'province', 'b');
    const ended = act(productSelection, entryAt('draft', 'province', 'c'), 'withdraw', actor('applicant')).state;
    const unmapped = { ...entryAt('draft', 'province', 'd'), stage: 'revision' };
    const report = planMigration(productSelection, v2, [screening, council, ended, unmapped], { stages: { ...mapping.stages, revision: 'gone' } });
    expect(report.moves).toEqual([{ instanceId: 'a', fromStage: 'screening', toStage: 'eligibility_check' }]);
    expect(report.blocked).toEqual([
      { instanceId: 'b', stage: 'council_review', reason: 'stage_kind_changed' },
      { instanceId: 'c', stage: 'withdrawn', reason: 'terminal' },
      { instanceId: 'd', stage: 'revision', reason: 'unmapped_stage' },
    ]);
    expect(planMigration(productSelection, khuyencongScheme, [screening], mapping).blocked[0]!.reason).toBe('different_workflow');
    expect(planMigration(v2, productSelection, [screening], mapping).blocked[0]!.reason).toBe('version_not_newer');
    expect(planMigration(productSelection, v2, [{ ...screening, definitionVersion: 7 }], mapping).blocked[0]!.reason).toBe('wrong_version');
  });

  it('moves an instance with an event, so the history replays onto the new version', () => {
    const created = entryAt('draft');
    const submitted = act(productSelection, created, 'submit', actor('applicant'), {
      dossier: { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 },
    });
    const migrated = migrateInstance(productSelection, v2, submitted.state, mapping, submitted.state.version, context(admin));
    expect(migrated.state).toMatchObject({ definitionVersion: 2, stage: 'eligibility_check', version: submitted.state.version + 1 });
    expect(migrated.state.sla!.stage).toBe('eligibility_check');
    const history: DomainEvent[] = [
      { type: 'instance_created', at: created.createdAt, actor: { userId: 'applicant-1' }, version: 1, data: { instance: created } },
      ...submitted.events,
      ...migrated.events,
    ];
    expect(replay(history)).toEqual(migrated.state);
    const next = decide(v2, migrated.state, { type: 'accept', expectedVersion: migrated.state.version }, context(organiser('province')));
    expect(next.state.stage).toBe('scoring');
  });

  it('keeps the clock of a paused stage and refuses non-admins and blocked moves', () => {
    const revision = entryAt('revision');
    const moved = migrateInstance(productSelection, v2, revision, mapping, revision.version, context(admin)).state;
    expect(moved.sla!.stage).toBe('screening'); // the paused clock belongs to the stage it resumes in
    expect(() => migrateInstance(productSelection, v2, revision, mapping, revision.version, context(organiser('province')))).toThrow(
      expect.objectContaining({ code: 'NOT_ALLOWED' }) as Error,
    );
    const council = entryAt('council_review');
    expect(() => migrateInstance(productSelection, v2, council, mapping, council.version, context(admin))).toThrow(
      expect.objectContaining({ code: 'MIGRATION_BLOCKED' }) as Error,
    );
    const draft = entryAt('draft');
    expect(migrateInstance(productSelection, v2, draft, mapping, draft.version, context(admin)).state.sla).toBeNull();
  });
});
