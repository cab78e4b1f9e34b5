/**
 * The money rules of a khuyến công scheme, as pure functions over dated rule data: which rule is in force on the
 * scheme's date, the support caps of budget lines, advances, disbursements, settlement, changes and the
 * registration deadline. Callers load the rules and figures (persistence) and turn a refusal into an answer (the
 * API's 422 naming the rule); nothing here reads a clock or a database. Amounts are whole đồng; caps compare
 * integers (BigInt) so no rounding can let an amount through.
 */

/** The rule a refusal names: its legal basis, the activity it caps and the cap. */
export interface NamedRule {
  code: string;
  basis: string;
  /** The article of `basis` that sets the rule (null while not verified), and both as one citation. */
  article?: string | null;
  citation?: string;
  activity?: string;
  cap?: Record<string, number | string | null>;
}

export type MoneyRefusalCode =
  | 'SUPPORT_ABOVE_COST'
  | 'SUPPORT_RULE_VIOLATED'
  | 'ADVANCE_RULE_VIOLATED'
  | 'DISBURSEMENT_ABOVE_ALLOCATION'
  | 'SETTLEMENT_ABOVE_ALLOCATION'
  | 'CHANGE_AMOUNT_NOT_ALLOWED'
  | 'CHANGE_DATE_NOT_ALLOWED'
  | 'EXTENSION_DATE_INVALID'
  | 'REGISTRATION_DEADLINE_PASSED';

/** Why a money rule refuses: the code, the message in Vietnamese and English, the rule it names and the figures. */
export interface MoneyRefusal {
  code: MoneyRefusalCode;
  messageVi: string;
  messageEn: string;
  rule: NamedRule;
  details: Record<string, unknown>;
}

/** A rule row with the dates and the scope it applies in (null: every funding source, every province). */
export interface DatedRule {
  code: string;
  basis: string;
  article: string | null;
  fundingSourceCode: string | null;
  provinceCode: string | null;
  /** ISO dates (yyyy-mm-dd); `validTo` null while in force. */
  validFrom: string;
  validTo: string | null;
}

/** Where and when a scheme's rules are looked up: its funding source, its province and THE SCHEME'S DATE. */
export interface RuleScope {
  fundingSource: string;
  provinceCode: string;
  date: string;
}

/** "TT 28/2018/TT-BTC, khoản 4 Điều 8" — the instrument and, when verified, its article. */
export function citation(basis: string, article: string | null): string {
  return article ? `${basis}, ${article}` : basis;
}

/**
 * The rules in force on the scope's date for its source and province, the one that applies first: a province's own
 * rule before the nationwide one, a source's own before the general one, the newest first.
 */
export function rulesInForce<R extends DatedRule>(rules: readonly R[], scope: RuleScope): R[] {
  const own = (value: string | null) => (value === null ? 1 : 0);
  return rules
    .filter(
      (rule) =>
        (rule.fundingSourceCode === null || rule.fundingSourceCode === scope.fundingSource) &&
        (rule.provinceCode === null || rule.provinceCode === scope.provinceCode) &&
        rule.validFrom <= scope.date &&
        (rule.validTo === null || rule.validTo >= scope.date),
    )
    .sort(
      (a, b) =>
        own(a.provinceCode) - own(b.provinceCode) ||
        own(a.fundingSourceCode) - own(b.fundingSourceCode) ||
        (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0),
    );
}

// ---------------------------------------------------------------------------------------------- support caps

/** The cap of one activity, as a percentage of the cost and/or an amount (what the form and the checks need). */
export interface SupportCap {
  code: string;
  activityCode: string;
  /** Percent of the eligible cost, two decimals (30 = 30 %). */
  maxPercent: number | null;
  /** Whole đồng. */
  maxAmount: number | null;
  /** What the amount is counted per: a model (each line), an establishment or an enterprise (their lines together). */
  per: string | null;
  /** A technology line's amount cap is the amount × this (TT 28/2018/TT-BTC: "không quá 1,5 lần mức hỗ trợ"). */
  technologyLineMultiplier?: number | null;
}

/** A support rule (support_rules): a cap with its instrument and dates. */
export interface SupportRuleData extends DatedRule, SupportCap {
  /** The activity's name as recorded with the rule, and the name users know it by (defaults to the recorded one). */
  activityName: string;
  activityLabel?: string;
}

export interface BudgetLineInput {
  activityCode: string;
  eligibleCost: number;
  supportAmount: number;
  /** The establishment the line supports; caps "per establishment" sum the lines of one establishment. */
  establishmentId?: string | null;
  /** A technology line (dây chuyền công nghệ): the cap's `technologyLineMultiplier` applies to its amount cap. */
  technologyLine?: boolean;
}

/** What is wrong with a budget line: support above its cost, above the percentage, above the amount, or its establishment's lines together above the amount. */
export type BudgetLineProblem =
  | { kind: 'overCost' }
  | { kind: 'overPercent'; max: number }
  | { kind: 'overAmount'; max: number }
  | { kind: 'overEstablishment'; max: number; total: number; technologyLine: boolean };

/** A line's cap (null when no rule caps its activity), its amount cap (× the multiplier for a technology line), and its problem. */
export interface BudgetLineAssessment<C extends SupportCap> {
  cap: C | null;
  effectiveMax: number | null;
  problem: BudgetLineProblem | null;
}

/** Caps counted per establishment (or enterprise): the lines of one establishment share one amount cap. */
const PER_ESTABLISHMENT = new Set(['establishment', 'enterprise']);

/**
 * Every budget line against the cap of its activity (`caps`: one per activity, the one in force) — the check the
 * API refuses a scheme by and the form shows as the user types:
 * - support ≤ cost, per line;
 * - support × 100 ≤ percent × cost, per line (integers, so one đồng over is over);
 * - per model (or no unit): support ≤ amount, per line;
 * - per establishment: the lines of one establishment (lines without one count as the scheme's single
 *   beneficiary) together ≤ amount, × the multiplier when one of them is a technology line; the problem is
 *   carried by the group's last line (when that line has none of its own).
 */
export function assessBudgetLines<C extends SupportCap>(caps: readonly C[], lines: readonly BudgetLineInput[]): BudgetLineAssessment<C>[] {
  const capOf = (activity: string) => caps.find((candidate) => candidate.activityCode === activity) ?? null;
  const assessed = lines.map((line): BudgetLineAssessment<C> => {
    const cap = capOf(line.activityCode);
    const effectiveMax = cap ? wholeAmountCap(cap, line.technologyLine === true) : null;
    if (line.supportAmount > line.eligibleCost) return { cap, effectiveMax, problem: { kind: 'overCost' } };
    if (!cap) return { cap, effectiveMax, problem: null };
    const percentHundredths = cap.maxPercent === null ? null : Math.round(cap.maxPercent * 100);
    if (percentHundredths !== null && BigInt(line.supportAmount) * 10_000n > BigInt(percentHundredths) * BigInt(line.eligibleCost)) {
      return { cap, effectiveMax, problem: { kind: 'overPercent', max: Math.floor((percentHundredths * line.eligibleCost) / 10_000) } };
    }
    const amount = amountCap(cap, line.technologyLine === true);
    if (!PER_ESTABLISHMENT.has(cap.per ?? '') && amount !== null && BigInt(line.supportAmount) * amount.denominator > amount.numerator) {
      return { cap, effectiveMax, problem: { kind: 'overAmount', max: effectiveMax ?? 0 } };
    }
    return { cap, effectiveMax, problem: null };
  });
  const groups = new Map<string, { cap: C; total: number; technologyLine: boolean; last: number }>();
  lines.forEach((line, index) => {
    const cap = capOf(line.activityCode);
    if (!cap || !PER_ESTABLISHMENT.has(cap.per ?? '')) return;
    const key = `${cap.code}|${line.establishmentId ?? ''}`;
    const group = groups.get(key) ?? { cap, total: 0, technologyLine: false, last: index };
    group.total += line.supportAmount;
    group.technologyLine ||= line.technologyLine === true;
    group.last = index;
    groups.set(key, group);
  });
  for (const group of groups.values()) {
    const amount = amountCap(group.cap, group.technologyLine);
    const last = assessed[group.last];
    if (amount !== null && BigInt(group.total) * amount.denominator > amount.numerator && last && !last.problem) {
      last.problem = {
        kind: 'overEstablishment',
        max: wholeAmountCap(group.cap, group.technologyLine) ?? 0,
        total: group.total,
        technologyLine: group.technologyLine,
      };
    }
  }
  return assessed;
}

/**
 * The API's check of a scheme's budget lines against the support rules in force on the scope's date (see
 * {@link rulesInForce}; the first in force per activity applies): the rule code applied per line (null when no
 * rule caps the activity), or the refusal of the first line with a problem of its own, else of the first
 * establishment over its cap.
 */
export function checkBudgetLineCaps(
  rules: readonly SupportRuleData[],
  scope: RuleScope,
  lines: readonly BudgetLineInput[],
): { applied: (string | null)[] } | { refusal: MoneyRefusal } {
  const caps: SupportRuleData[] = [];
  for (const rule of rulesInForce(rules, scope)) if (!caps.some((cap) => cap.activityCode === rule.activityCode)) caps.push(rule);
  const assessed = assessBudgetLines(caps, lines);
  const own = assessed.findIndex((line) => line.problem !== null && line.problem.kind !== 'overEstablishment');
  const index = own >= 0 ? own : assessed.findIndex((line) => line.problem !== null);
  const found = assessed[index];
  const line = lines[index];
  if (!found?.problem || !line) return { applied: assessed.map((item) => item.cap?.code ?? null) };
  const problem = found.problem;
  if (problem.kind === 'overCost') {
    return {
      refusal: {
        code: 'SUPPORT_ABOVE_COST',
        messageVi: `Dòng ${index + 1}: mức hỗ trợ vượt chi phí`,
        messageEn: `Line ${index + 1}: support exceeds the eligible cost`,
        rule: { code: 'SUPPORT_LE_COST', basis: 'Mức hỗ trợ không vượt chi phí hợp lệ', activity: line.activityCode },
        details: {
          line: index + 1,
          supportAmount: line.supportAmount,
          eligibleCost: line.eligibleCost,
          exceeds: 'cost',
          establishmentId: line.establishmentId ?? null,
        },
      },
    };
  }
  const rule = found.cap!;
  return problem.kind === 'overEstablishment'
    ? { refusal: supportRefusal(rule, index, line, 'amount', problem.total, problem.technologyLine) }
    : { refusal: supportRefusal(rule, index, line, problem.kind === 'overPercent' ? 'percent' : 'amount', line.supportAmount, line.technologyLine === true) };
}

/** The amount cap as an exact fraction (amount × multiplier), null when the rule has none. */
function amountCap(cap: SupportCap, technologyLine: boolean): { numerator: bigint; denominator: bigint } | null {
  if (cap.maxAmount === null) return null;
  const multiplier = technologyLine ? cap.technologyLineMultiplier : undefined;
  if (multiplier === undefined || multiplier === null) return { numerator: BigInt(cap.maxAmount), denominator: 1n };
  // 1.5 → 150 / 100: multipliers are held to two decimals.
  return { numerator: BigInt(cap.maxAmount) * BigInt(Math.round(multiplier * 100)), denominator: 100n };
}

/** The amount cap in whole đồng (rounded down), null when the rule has none. */
function wholeAmountCap(cap: SupportCap, technologyLine: boolean): number | null {
  const amount = amountCap(cap, technologyLine);
  return amount === null ? null : Number(amount.numerator / amount.denominator);
}

function supportRefusal(
  rule: SupportRuleData,
  index: number,
  line: BudgetLineInput,
  exceeds: 'percent' | 'amount',
  supportAmount: number,
  technologyLine: boolean,
): MoneyRefusal {
  const percent = rule.maxPercent === null ? null : Math.round(rule.maxPercent * 100) / 100;
  const multiplier = technologyLine ? (rule.technologyLineMultiplier ?? null) : null;
  const effective = wholeAmountCap(rule, technologyLine);
  const cited = citation(rule.basis, rule.article);
  return {
    code: 'SUPPORT_RULE_VIOLATED',
    messageVi: `Dòng ${index + 1} vượt mức hỗ trợ tối đa theo ${cited} (${rule.activityLabel ?? rule.activityName})`,
    messageEn: `Line ${index + 1} exceeds the support cap of ${cited} (${rule.activityName})`,
    rule: {
      code: rule.code,
      basis: rule.basis,
      article: rule.article,
      citation: cited,
      activity: rule.activityCode,
      cap: { maxPercent: percent, maxAmount: rule.maxAmount, per: rule.per, technologyLineMultiplier: multiplier, effectiveMaxAmount: effective },
    },
    details: { line: index + 1, supportAmount, eligibleCost: line.eligibleCost, exceeds, establishmentId: line.establishmentId ?? null },
  };
}

// ------------------------------------------------------------------------------------------ advances, payments

/** A scheme rule (scheme_rules) of kind `advance`: how much of the allocation may be advanced, and from what progress. */
export interface AdvanceRuleData extends DatedRule {
  /** The sub-activities it names. */
  activityCodes: readonly string[];
  maxPercent: number | null;
  progressAbove: number | null;
}

export interface AdvanceRule {
  code: string;
  citation: string;
  basis: string;
  article: string | null;
  maxPercent: number;
  progressAbove: number | null;
}

/**
 * The advance rule of a sub-activity on the scope's date, or a "no advance" rule when none names it (equipment and
 * models are paid against accepted work).
 */
export function advanceRuleOn(rules: readonly AdvanceRuleData[], scope: RuleScope, activity: string): AdvanceRule {
  const [rule] = rulesInForce(
    rules.filter((candidate) => candidate.activityCodes.includes(activity)),
    scope,
  );
  if (!rule) {
    const basis = 'Không có quy định tạm ứng cho hoạt động này: thanh toán theo khối lượng nghiệm thu';
    return { code: 'ADVANCE_NONE', citation: basis, basis, article: null, maxPercent: 0, progressAbove: null };
  }
  return {
    code: rule.code,
    citation: citation(rule.basis, rule.article),
    basis: rule.basis,
    article: rule.article,
    maxPercent: rule.maxPercent ?? 0,
    progressAbove: rule.progressAbove,
  };
}

/**
 * An advance, by the advance rule in force: e.g. 70 % of the allocation for training, consulting and events; 30 %
 * for industrial-cluster works and only after more than 50 % of the work is done; none when no rule names the
 * activity. Cumulative over the scheme's advances (`advancedBefore` plus this `amount`).
 */
export function advanceRefusal(input: {
  rule: AdvanceRule;
  activity: string;
  allocation: number;
  progressPercent: number;
  advancedBefore: number;
  amount: number;
}): MoneyRefusal | null {
  const { rule, allocation } = input;
  const named: NamedRule = {
    code: rule.code,
    basis: rule.basis,
    article: rule.article,
    citation: rule.citation,
    activity: input.activity,
    cap: { maxPercent: rule.maxPercent, progressAbove: rule.progressAbove },
  };
  if (rule.progressAbove !== null && input.progressPercent <= rule.progressAbove) {
    return {
      code: 'ADVANCE_RULE_VIOLATED',
      messageVi: `Chỉ được tạm ứng khi đã thực hiện trên ${rule.progressAbove} % khối lượng (hiện ${input.progressPercent} %) theo ${rule.citation}`,
      messageEn: `An advance needs more than ${rule.progressAbove} % progress (now ${input.progressPercent} %) under ${rule.citation}`,
      rule: named,
      details: {},
    };
  }
  const total = input.advancedBefore + input.amount;
  // Integer comparison in hundredths of a percent: total × 10 000 ≤ percent × 100 × allocation.
  if (BigInt(total) * 10_000n > BigInt(Math.round(rule.maxPercent * 100)) * BigInt(allocation)) {
    return {
      code: 'ADVANCE_RULE_VIOLATED',
      messageVi: `Tổng tạm ứng ${total} đồng vượt ${rule.maxPercent} % kinh phí được phân bổ (${allocation} đồng) theo ${rule.citation}`,
      messageEn: `Advances of ${total} VND exceed ${rule.maxPercent} % of the allocation (${allocation} VND) under ${rule.citation}`,
      rule: named,
      details: { advances: total, allocation },
    };
  }
  return null;
}

/**
 * Every disbursement (advance or payment) keeps the cumulative total within the CURRENT allocation — the one an
 * approved change lowered. The engine itself only caps at the appraised amount it recorded.
 */
export function disbursementRefusal(input: { allocation: number; disbursedBefore: number; amount: number }): MoneyRefusal | null {
  const total = input.disbursedBefore + input.amount;
  if (total <= input.allocation) return null;
  return {
    code: 'DISBURSEMENT_ABOVE_ALLOCATION',
    messageVi: `Tổng giải ngân ${total} đồng vượt kinh phí được phân bổ hiện hành ${input.allocation} đồng`,
    messageEn: `Disbursements of ${total} VND exceed the current allocation of ${input.allocation} VND`,
    rule: {
      code: 'DISBURSEMENTS_LE_ALLOCATION',
      basis: 'TT 28/2018/TT-BTC: giải ngân không vượt kinh phí được giao (sau điều chỉnh)',
      cap: { allocation: input.allocation },
    },
    details: { disbursed: total, allocation: input.allocation },
  };
}

/** The settled amount never exceeds the allocation (the ministry or the province settles at most what it allocated). */
export function settlementRefusal(input: { allocation: number; settledAmount: number }): MoneyRefusal | null {
  if (input.settledAmount <= input.allocation) return null;
  return {
    code: 'SETTLEMENT_ABOVE_ALLOCATION',
    messageVi: `Số quyết toán ${input.settledAmount} đồng vượt kinh phí được phân bổ ${input.allocation} đồng`,
    messageEn: `The settlement of ${input.settledAmount} VND exceeds the allocation of ${input.allocation} VND`,
    rule: { code: 'SETTLEMENT_LE_ALLOCATION', basis: 'TT 28/2018/TT-BTC: quyết toán không vượt kinh phí được giao', cap: { allocation: input.allocation } },
    details: {},
  };
}

/** A change request: its kind and what it changes. */
export interface ChangeInput {
  changeKind?: string;
  newAllocatedAmount?: number;
  newEndsOn?: string;
}

/**
 * A change may lower the allocation (raising it needs a new appraisal; payments are then capped by
 * {@link disbursementRefusal}); only an extension carries a new completion date, later than the one it replaces
 * (or than `today` when the scheme had none), and it leaves the amount unchanged.
 */
export function changeRefusal(scheme: { allocation: number; endsOn: string | null }, change: ChangeInput, today: string): MoneyRefusal | null {
  if (change.changeKind !== 'extend') {
    if (change.newEndsOn !== undefined) {
      return {
        code: 'CHANGE_DATE_NOT_ALLOWED',
        messageVi: 'Chỉ yêu cầu gia hạn mới có thời hạn mới',
        messageEn: 'Only an extension carries a new completion date',
        rule: { code: 'EXTENSION_ONLY_DATE', basis: 'Thời hạn hoàn thành chỉ thay đổi qua yêu cầu gia hạn' },
        details: {},
      };
    }
  } else {
    const after = scheme.endsOn ?? today;
    if (change.newEndsOn === undefined || change.newEndsOn <= after || change.newAllocatedAmount !== undefined) {
      return {
        code: 'EXTENSION_DATE_INVALID',
        messageVi: `Gia hạn cần thời hạn mới sau ngày ${after.split('-').reverse().join('/')} và không đổi kinh phí`,
        messageEn: `An extension needs a new completion date after ${after} and leaves the amount unchanged`,
        rule: { code: 'EXTENSION_AFTER_CURRENT_END', basis: 'Thời hạn gia hạn phải sau thời hạn hiện tại', cap: { after } },
        details: {},
      };
    }
  }
  if (change.newAllocatedAmount === undefined) return null;
  if (change.changeKind === 'suspend' || change.changeKind === 'cancel' || change.newAllocatedAmount > scheme.allocation) {
    return {
      code: 'CHANGE_AMOUNT_NOT_ALLOWED',
      messageVi: 'Điều chỉnh, bổ sung chỉ được giảm kinh phí đã thẩm định; tăng kinh phí cần thẩm định lại',
      messageEn: 'An adjustment may only lower the appraised amount; raising it needs a new appraisal',
      rule: { code: 'CHANGE_LE_APPRAISED', basis: 'Kinh phí sau điều chỉnh không vượt kinh phí đã thẩm định', cap: { allocation: scheme.allocation } },
      details: {},
    };
  }
  return null;
}

// ------------------------------------------------------------------------------------- registration deadline

/** A scheme rule of kind `registration_deadline`: the month-day of the deadline and the year it falls in. */
export interface DeadlineRuleData extends DatedRule {
  /** "05-20". */
  deadlineMonthDay: string | null;
  /** 0: the plan year itself; -1: the year before. */
  deadlineYearOffset: number | null;
}

export interface DeadlineRule {
  code: string;
  citation: string;
  basis: string;
  article: string | null;
  /** yyyy-mm-dd. */
  deadline: string;
}

/** The registration deadline of a scheme of `year` by the rule in force on the scope's date, or null when none sets one. */
export function registrationDeadlineOn(rules: readonly DeadlineRuleData[], scope: RuleScope, year: number): DeadlineRule | null {
  const [rule] = rulesInForce(rules, scope);
  if (!rule?.deadlineMonthDay) return null;
  const deadlineYear = year + (rule.deadlineYearOffset ?? 0);
  return {
    code: rule.code,
    citation: citation(rule.basis, rule.article),
    basis: rule.basis,
    article: rule.article,
    deadline: `${deadlineYear}-${rule.deadlineMonthDay}`,
  };
}

/** Registration (submit) after the deadline is refused, naming the rule and its instrument; no rule, no deadline. */
export function registrationRefusal(rule: DeadlineRule | null, year: number, today: string): MoneyRefusal | null {
  if (!rule || today <= rule.deadline) return null;
  return {
    code: 'REGISTRATION_DEADLINE_PASSED',
    messageVi: `Đã quá hạn đăng ký đề án năm ${year} (${rule.deadline}) theo ${rule.citation}`,
    messageEn: `The registration deadline of ${year} has passed (${rule.deadline}) under ${rule.citation}`,
    rule: { code: rule.code, basis: rule.basis, article: rule.article, citation: rule.citation, cap: { deadline: rule.deadline } },
    details: {},
  };
}
