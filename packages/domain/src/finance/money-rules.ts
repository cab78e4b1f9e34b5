/**
 * The money rules of a khuyến công scheme, as pure functions over dated rule data: which rule is in force on the
 * scheme's date, the support caps of budget lines, advances, disbursements, settlement, changes and the
 * registration deadline. Callers load the rules and figures (persistence) and turn a refusal into an answer (the
 * API's 422 naming the rule); nothing here reads a clock or a database. Amounts are whole đồng; caps compare
 * integers (BigInt) so no rounding can let an amount through.
 */

import { citation, rulesInForce, type DatedRule, type MoneyRefusal, type NamedRule, type RuleScope } from './dated-rules.js';

export * from './dated-rules.js';
export * from './support-caps.js';

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
 * The most that may be advanced in total: `maxPercent` of the allocation, in whole đồng rounded down (computed in
 * hundredths of a percent, exactly). The form shows it; {@link advanceRefusal} refuses above it.
 */
export function advanceCap(maxPercent: number, allocation: number): number {
  return Number((BigInt(Math.round(maxPercent * 100)) * BigInt(allocation)) / 10_000n);
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
  if (total > advanceCap(rule.maxPercent, allocation)) {
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
