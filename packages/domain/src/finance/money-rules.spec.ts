import {
  assessBudgetLines,
  advanceCap,
  advanceRefusal,
  advanceRuleOn,
  changeRefusal,
  checkBudgetLineCaps,
  disbursementRefusal,
  registrationDeadlineOn,
  registrationRefusal,
  rulesInForce,
  settlementRefusal,
  type AdvanceRuleData,
  type DeadlineRuleData,
  type SupportRuleData,
} from './money-rules.js';

const national = { fundingSource: 'national', provinceCode: 'gia-lai', date: '2026-01-01' };
const dated = {
  basis: 'TT 28/2018/TT-BTC',
  article: 'khoản 4 Điều 8',
  fundingSourceCode: 'national',
  provinceCode: null,
  validFrom: '2018-05-11',
  validTo: null,
};

const training: SupportRuleData = {
  ...dated,
  code: 'TRAINING',
  activityCode: 'training',
  activityName: 'Đào tạo nghề',
  maxPercent: 70,
  maxAmount: null,
  per: null,
};
const model: SupportRuleData = {
  ...dated,
  code: 'MODEL',
  activityCode: 'model',
  activityName: 'Mô hình trình diễn',
  maxPercent: 30,
  maxAmount: 1_000_000_000,
  per: 'model',
};
const equipment: SupportRuleData = {
  ...dated,
  code: 'EQUIPMENT',
  activityCode: 'equipment',
  activityName: 'Máy móc thiết bị',
  maxPercent: 50,
  maxAmount: 500_000_000,
  per: 'establishment',
  technologyLineMultiplier: 1.5,
};

describe("rulesInForce — the rule that applies on THE SCHEME'S DATE", () => {
  const old = { ...training, code: 'OLD', validFrom: '2018-05-11', validTo: '2025-06-30' };
  const current = { ...training, code: 'CURRENT', validFrom: '2025-07-01' };
  const provincial = { ...training, code: 'GIA_LAI', provinceCode: 'gia-lai', validFrom: '2020-01-01' };
  const otherProvince = { ...training, code: 'DAK_LAK', provinceCode: 'dak-lak', validFrom: '2020-01-01' };

  it("keeps only versions valid on the date, the province's own first, then the newest", () => {
    expect(rulesInForce([old, current, provincial, otherProvince], national).map((rule) => rule.code)).toEqual(['GIA_LAI', 'CURRENT']);
    expect(rulesInForce([old, current], { ...national, date: '2025-06-30' }).map((rule) => rule.code)).toEqual(['OLD']);
    expect(rulesInForce([old, current], { ...national, date: '2018-05-10' })).toEqual([]);
  });

  it("ignores rules of another funding source and prefers a source's own over the general one", () => {
    const general = { ...training, code: 'GENERAL', fundingSourceCode: null, validFrom: '2024-01-01' };
    const local = { ...training, code: 'LOCAL', fundingSourceCode: 'local' };
    expect(rulesInForce([general, current, local], national).map((rule) => rule.code)).toEqual(['CURRENT', 'GENERAL']);
  });
});

describe('checkBudgetLineCaps — support caps per line and per establishment', () => {
  it("applies each activity's rule and answers null where no rule caps the activity", () => {
    const lines = [
      { activityCode: 'training', eligibleCost: 100_000_000, supportAmount: 70_000_000 },
      { activityCode: 'other', eligibleCost: 10_000_000, supportAmount: 10_000_000 },
    ];
    expect(checkBudgetLineCaps([training], national, lines)).toEqual({ applied: ['TRAINING', null] });
  });

  it('refuses support above the cost before any rule, naming the line', () => {
    const checked = checkBudgetLineCaps([training], national, [{ activityCode: 'other', eligibleCost: 10, supportAmount: 11 }]);
    expect(checked).toMatchObject({ refusal: { code: 'SUPPORT_ABOVE_COST', details: { line: 1, exceeds: 'cost' } } });
  });

  it('refuses one đồng above the percentage, computed without rounding', () => {
    const lines = [{ activityCode: 'training', eligibleCost: 100_000_001, supportAmount: 70_000_001 }];
    expect(checkBudgetLineCaps([training], national, lines)).toMatchObject({
      refusal: { code: 'SUPPORT_RULE_VIOLATED', rule: { code: 'TRAINING', citation: 'TT 28/2018/TT-BTC, khoản 4 Điều 8' }, details: { exceeds: 'percent' } },
    });
    expect(checkBudgetLineCaps([training], national, [{ ...lines[0]!, supportAmount: 70_000_000 }])).toEqual({ applied: ['TRAINING'] });
  });

  it("caps a model's amount per line", () => {
    const line = { activityCode: 'model', eligibleCost: 4_000_000_000, supportAmount: 1_000_000_001 };
    expect(checkBudgetLineCaps([model], national, [line])).toMatchObject({ refusal: { details: { exceeds: 'amount', supportAmount: 1_000_000_001 } } });
  });

  it('sums the lines of one establishment and raises the cap 1.5 times when one is a technology line', () => {
    const line = (supportAmount: number, establishmentId: string, technologyLine = false) => ({
      activityCode: 'equipment',
      eligibleCost: 2_000_000_000,
      supportAmount,
      establishmentId,
      technologyLine,
    });
    expect(checkBudgetLineCaps([equipment], national, [line(300_000_000, 'a'), line(200_000_000, 'a'), line(500_000_000, 'b')])).toEqual({
      applied: ['EQUIPMENT', 'EQUIPMENT', 'EQUIPMENT'],
    });
    expect(checkBudgetLineCaps([equipment], national, [line(300_000_000, 'a'), line(200_000_001, 'a')])).toMatchObject({
      refusal: { code: 'SUPPORT_RULE_VIOLATED', details: { line: 2, supportAmount: 500_000_001 }, rule: { cap: { effectiveMaxAmount: 500_000_000 } } },
    });
    expect(checkBudgetLineCaps([equipment], national, [line(500_000_000, 'a'), line(250_000_000, 'a', true)])).toEqual({ applied: ['EQUIPMENT', 'EQUIPMENT'] });
    expect(checkBudgetLineCaps([equipment], national, [line(500_000_000, 'a'), line(250_000_001, 'a', true)])).toMatchObject({
      refusal: { rule: { cap: { technologyLineMultiplier: 1.5, effectiveMaxAmount: 750_000_000 } } },
    });
  });

  it('names the activity by the label users know in Vietnamese and by the recorded name in English', () => {
    const labelled = { ...model, activityLabel: 'Xây dựng mô hình trình diễn' };
    const checked = checkBudgetLineCaps([labelled], national, [{ activityCode: 'model', eligibleCost: 100, supportAmount: 31 }]);
    const refusal = 'refusal' in checked ? checked.refusal : null;
    expect(refusal?.messageVi).toContain('(Xây dựng mô hình trình diễn)');
    expect(refusal?.messageEn).toContain('(Mô hình trình diễn)');
  });
});

describe('assessBudgetLines — every line at once, as the form shows them while the user types', () => {
  it('gives each line its cap, its amount cap and its own problem, and an establishment over its cap on its last line', () => {
    const assessed = assessBudgetLines(
      [training, model, equipment],
      [
        { activityCode: 'training', eligibleCost: 100, supportAmount: 71 },
        { activityCode: 'model', eligibleCost: 4_000_000_000, supportAmount: 1_000_000_001 },
        { activityCode: 'other', eligibleCost: 10, supportAmount: 11 },
        { activityCode: 'equipment', eligibleCost: 2_000_000_000, supportAmount: 400_000_000, establishmentId: 'a' },
        { activityCode: 'equipment', eligibleCost: 2_000_000_000, supportAmount: 400_000_000, establishmentId: 'a', technologyLine: true },
      ],
    );
    expect(assessed.map((line) => [line.cap?.code ?? null, line.effectiveMax, line.problem])).toEqual([
      ['TRAINING', null, { kind: 'overPercent', max: 70 }],
      ['MODEL', 1_000_000_000, { kind: 'overAmount', max: 1_000_000_000 }],
      [null, null, { kind: 'overCost' }],
      ['EQUIPMENT', 500_000_000, null],
      ['EQUIPMENT', 750_000_000, { kind: 'overEstablishment', max: 750_000_000, total: 800_000_000, technologyLine: true }],
    ]);
  });
});

describe('advances, disbursements, settlement', () => {
  const events: AdvanceRuleData = { ...dated, code: 'ADVANCE_70', activityCodes: ['training', 'events'], maxPercent: 70, progressAbove: null };
  const works: AdvanceRuleData = { ...dated, code: 'ADVANCE_WORKS', activityCodes: ['cluster-works'], maxPercent: 30, progressAbove: 50 };

  it('finds the advance rule naming the activity, and "no advance" when none does', () => {
    expect(advanceRuleOn([events, works], national, 'events')).toMatchObject({ code: 'ADVANCE_70', maxPercent: 70 });
    expect(advanceRuleOn([events, works], national, 'equipment')).toMatchObject({ code: 'ADVANCE_NONE', maxPercent: 0 });
  });

  it('says the most that may be advanced, rounded down to the đồng', () => {
    expect(advanceCap(70, 1_000_000_001)).toBe(700_000_000);
    expect(advanceCap(33.33, 100)).toBe(33);
    expect(advanceCap(0, 5_000)).toBe(0);
  });

  it('caps advances cumulatively at the percentage of the allocation', () => {
    const rule = advanceRuleOn([events], national, 'events');
    const base = { rule, activity: 'events', allocation: 1_000_000_000, progressPercent: 0 };
    expect(advanceRefusal({ ...base, advancedBefore: 400_000_000, amount: 300_000_000 })).toBeNull();
    expect(advanceRefusal({ ...base, advancedBefore: 400_000_000, amount: 300_000_001 })).toMatchObject({
      code: 'ADVANCE_RULE_VIOLATED',
      details: { advances: 700_000_001 },
    });
    expect(advanceRefusal({ ...base, rule: advanceRuleOn([], national, 'equipment'), advancedBefore: 0, amount: 1 })).toMatchObject({
      rule: { code: 'ADVANCE_NONE' },
    });
  });

  it('allows works advances only above 50 % progress', () => {
    const rule = advanceRuleOn([works], national, 'cluster-works');
    const base = { rule, activity: 'cluster-works', allocation: 1_000_000_000, advancedBefore: 0, amount: 100_000_000 };
    expect(advanceRefusal({ ...base, progressPercent: 50 })?.messageEn).toContain('needs more than 50 % progress (now 50 %)');
    expect(advanceRefusal({ ...base, progressPercent: 51 })).toBeNull();
  });

  it('keeps disbursements and the settlement within the current allocation', () => {
    expect(disbursementRefusal({ allocation: 100, disbursedBefore: 60, amount: 40 })).toBeNull();
    expect(disbursementRefusal({ allocation: 100, disbursedBefore: 60, amount: 41 })).toMatchObject({
      code: 'DISBURSEMENT_ABOVE_ALLOCATION',
      details: { disbursed: 101 },
    });
    expect(settlementRefusal({ allocation: 100, settledAmount: 100 })).toBeNull();
    expect(settlementRefusal({ allocation: 100, settledAmount: 101 })).toMatchObject({ code: 'SETTLEMENT_ABOVE_ALLOCATION' });
  });
});

describe('changes and the registration deadline', () => {
  const scheme = { allocation: 500, endsOn: '2026-11-30' };

  it('lets an adjustment lower the allocation only, and never for a suspension or cancellation', () => {
    expect(changeRefusal(scheme, { changeKind: 'adjust', newAllocatedAmount: 400 }, '2026-06-01')).toBeNull();
    expect(changeRefusal(scheme, { changeKind: 'adjust', newAllocatedAmount: 501 }, '2026-06-01')).toMatchObject({ code: 'CHANGE_AMOUNT_NOT_ALLOWED' });
    expect(changeRefusal(scheme, { changeKind: 'cancel', newAllocatedAmount: 0 }, '2026-06-01')).toMatchObject({ code: 'CHANGE_AMOUNT_NOT_ALLOWED' });
  });

  it('takes a new date only in an extension, after the current end, with the amount unchanged', () => {
    expect(changeRefusal(scheme, { changeKind: 'adjust', newEndsOn: '2026-12-31' }, '2026-06-01')).toMatchObject({ code: 'CHANGE_DATE_NOT_ALLOWED' });
    expect(changeRefusal(scheme, { changeKind: 'extend', newEndsOn: '2026-11-30' }, '2026-06-01')?.messageVi).toContain('sau ngày 30/11/2026');
    expect(changeRefusal(scheme, { changeKind: 'extend', newEndsOn: '2026-12-31', newAllocatedAmount: 400 }, '2026-06-01')).toMatchObject({
      code: 'EXTENSION_DATE_INVALID',
    });
    expect(changeRefusal(scheme, { changeKind: 'extend', newEndsOn: '2026-12-31' }, '2026-06-01')).toBeNull();
    expect(changeRefusal({ ...scheme, endsOn: null }, { changeKind: 'extend', newEndsOn: '2026-06-01' }, '2026-06-01')).toMatchObject({
      code: 'EXTENSION_DATE_INVALID',
    });
  });

  it('refuses a registration after 20 May of the year before the plan year, and none when no rule sets a deadline', () => {
    const may20: DeadlineRuleData = { ...dated, code: 'DEADLINE_MAY_20', deadlineMonthDay: '05-20', deadlineYearOffset: -1 };
    const rule = registrationDeadlineOn([may20], national, 2027);
    expect(rule).toMatchObject({ deadline: '2026-05-20', citation: 'TT 28/2018/TT-BTC, khoản 4 Điều 8' });
    expect(registrationRefusal(rule, 2027, '2026-05-20')).toBeNull();
    expect(registrationRefusal(rule, 2027, '2026-05-21')).toMatchObject({ code: 'REGISTRATION_DEADLINE_PASSED', rule: { cap: { deadline: '2026-05-20' } } });
    expect(registrationDeadlineOn([], national, 2027)).toBeNull();
    expect(registrationRefusal(null, 2027, '2099-01-01')).toBeNull();
  });
});
