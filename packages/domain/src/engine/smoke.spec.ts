import { entryAt, schemeAt } from '../testing/fixtures.js';

describe('smoke', () => {
  it('drives entries and schemes to every stage', () => {
    for (const level of ['commune', 'province', 'region', 'national'] as const) {
      for (const stage of ['draft', 'screening', 'revision', 'scoring', 'council_review', 'decision', 'recognised'] as const) {
        expect(entryAt(stage, level).stage).toBe(stage);
      }
    }
    for (const stage of ['draft', 'base_appraisal', 'revision', 'central_appraisal', 'in_plan', 'in_progress', 'change_review', 'acceptance', 'settlement'] as const) {
      expect(schemeAt(stage, 'NATIONAL').stage).toBe(stage);
    }
    expect(schemeAt('awaiting_local_plan', 'LOCAL').stage).toBe('awaiting_local_plan');
    expect(schemeAt('settlement', 'LOCAL').stage).toBe('settlement');
  });
});
