import { checkLines } from './ruleCheck.js';
import type { SupportRule } from './queries.js';

const rule = (over: Partial<SupportRule>): SupportRule => ({
  code: 'R',
  activityCode: 'DEMONSTRATION_MODEL',
  activityName: 'Mô hình trình diễn',
  citation: 'TT 28/2018/TT-BTC',
  maxPercent: 30,
  maxAmount: 1_000_000_000,
  per: 'model',
  technologyLineMultiplier: null,
  provincial: false,
  ...over,
});

describe('the support-rule check as the user types', () => {
  it('refuses support above the eligible cost before any cap', () => {
    expect(checkLines([{ activityCode: 'TRAINING', eligibleCost: 10, supportAmount: 11 }], [])[0]?.problem).toEqual({ kind: 'overCost' });
    expect(checkLines([{ activityCode: 'TRAINING', eligibleCost: 10, supportAmount: 10 }], [])[0]).toEqual({ rule: null, effectiveMax: null, problem: null });
  });

  it('names the percent and the per-model amount caps of the activity’s rule', () => {
    const rules = [rule({})];
    expect(checkLines([{ activityCode: 'DEMONSTRATION_MODEL', eligibleCost: 1_000, supportAmount: 301 }], rules)[0]?.problem).toMatchObject({
      kind: 'overPercent',
      max: 300,
    });
    expect(checkLines([{ activityCode: 'DEMONSTRATION_MODEL', eligibleCost: 1_000, supportAmount: 300 }], rules)[0]?.problem).toBeNull();
    expect(checkLines([{ activityCode: 'DEMONSTRATION_MODEL', eligibleCost: 4_000_000_000, supportAmount: 1_000_000_001 }], rules)[0]?.problem).toMatchObject({
      kind: 'overAmount',
      max: 1_000_000_000,
    });
  });

  it('sums the lines of one establishment against a per-establishment cap, × 1.5 for a technology line', () => {
    const rules = [rule({ activityCode: 'ADVANCED_MACHINERY', maxPercent: 50, maxAmount: 300, per: 'establishment', technologyLineMultiplier: 1.5 })];
    const lines = [
      { activityCode: 'ADVANCED_MACHINERY', eligibleCost: 400, supportAmount: 200, beneficiary: 'A' },
      { activityCode: 'ADVANCED_MACHINERY', eligibleCost: 400, supportAmount: 200, beneficiary: 'A' },
    ];
    expect(checkLines(lines, rules)[1]?.problem).toMatchObject({ kind: 'overEstablishment', max: 300, total: 400 });
    expect(checkLines([lines[0]!, { ...lines[1]!, technologyLine: true }], rules)[1]?.problem).toBeNull();
    expect(checkLines([lines[0]!, { ...lines[1]!, beneficiary: 'B' }], rules).map((check) => check.problem)).toEqual([null, null]);
  });
});
