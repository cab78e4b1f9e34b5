import { type EntityManager } from 'typeorm';
import { advanceRuleFor, registrationDeadlineFor, schemeDateOf } from './dated-rules.js';
import { type SchemePayload } from './dto.js';
import { ruleViolation } from './rule-errors.js';
import { type SchemeRow } from './scheme-views.js';
import { checkBudgetLines } from './support-rules.js';

/** Today in Vietnam (UTC+7, no DST): the day a submission is made (compared with the deadline), never a rule's date. */
export const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * Registration (submit) after the deadline set by the rule in force on the scheme's date is refused, naming the
 * rule and its instrument; no rule (local funds) means no deadline.
 */
export async function checkRegistrationDeadline(manager: EntityManager, scheme: SchemeRow, today = vietnamToday()): Promise<void> {
  const rule = await registrationDeadlineFor(manager, { fundingSource: scheme.funding_source_code, provinceCode: scheme.province_code, year: scheme.year });
  if (!rule || today <= rule.deadline) return;
  throw ruleViolation(
    'REGISTRATION_DEADLINE_PASSED',
    `Đã quá hạn đăng ký đề án năm ${scheme.year} (${rule.deadline}) theo ${rule.citation}`,
    `The registration deadline of ${scheme.year} has passed (${rule.deadline}) under ${rule.citation}`,
    { code: rule.code, basis: rule.basis, article: rule.article, citation: rule.citation, cap: { deadline: rule.deadline } },
  );
}

/** Budget lines are checked again at submission and at appraisal, against the rules in force on the scheme's date. */
export async function recheckBudgetLines(manager: EntityManager, scheme: SchemeRow): Promise<void> {
  const lines = await manager.query<{ activity_code: string; cost: string; support: string; establishment_id: string | null; technology_line: boolean }[]>(
    `SELECT activity_code, eligible_cost::text AS cost, support_amount::text AS support, establishment_id, technology_line
       FROM scheme_budget_lines WHERE scheme_id = $1 ORDER BY position`,
    [scheme.id],
  );
  await checkBudgetLines(
    manager,
    { fundingSource: scheme.funding_source_code, provinceCode: scheme.province_code, date: await schemeDateOf(manager, scheme.year, scheme.province_code) },
    lines.map((line) => ({
      activityCode: line.activity_code,
      eligibleCost: Number(line.cost),
      supportAmount: Number(line.support),
      establishmentId: line.establishment_id,
      technologyLine: line.technology_line,
    })),
  );
}

/**
 * Advances, by the advance rule in force on the scheme's date for its sub-activity (scheme_rules): e.g. 70 % of the
 * allocation for training, consulting and events; 30 % for industrial-cluster works and only after more than 50 %
 * of the work is done; none when no rule names the activity. Cumulative over the scheme's advances.
 */
export async function checkAdvance(manager: EntityManager, scheme: SchemeRow, payload: SchemePayload): Promise<void> {
  if (payload.kind !== 'advance') return;
  const rule = await advanceRuleFor(manager, { fundingSource: scheme.funding_source_code, provinceCode: scheme.province_code, date: await schemeDateOf(manager, scheme.year, scheme.province_code) }, scheme.sub_activity);
  const allocation = Number(scheme.allocated_amount ?? 0);
  const named = {
    code: rule.code,
    basis: rule.basis,
    article: rule.article,
    citation: rule.citation,
    activity: scheme.sub_activity,
    cap: { maxPercent: rule.maxPercent, progressAbove: rule.progressAbove },
  };
  if (rule.progressAbove !== null && scheme.progress_percent <= rule.progressAbove) {
    throw ruleViolation(
      'ADVANCE_RULE_VIOLATED',
      `Chỉ được tạm ứng khi đã thực hiện trên ${rule.progressAbove} % khối lượng (hiện ${scheme.progress_percent} %) theo ${rule.citation}`,
      `An advance needs more than ${rule.progressAbove} % progress (now ${scheme.progress_percent} %) under ${rule.citation}`,
      named,
    );
  }
  const [advanced] = await manager.query<{ total: string }[]>(`SELECT COALESCE(SUM(amount), 0)::text AS total FROM disbursements WHERE scheme_id = $1 AND kind = 'advance'`, [scheme.id]);
  const total = Number(advanced?.total ?? 0) + (payload.amount ?? 0);
  // Integer comparison in hundredths of a percent: total × 10 000 ≤ percent × 100 × allocation.
  if (BigInt(total) * 10_000n > BigInt(Math.round(rule.maxPercent * 100)) * BigInt(allocation)) {
    throw ruleViolation(
      'ADVANCE_RULE_VIOLATED',
      `Tổng tạm ứng ${total} đồng vượt ${rule.maxPercent} % kinh phí được phân bổ (${allocation} đồng) theo ${rule.citation}`,
      `Advances of ${total} VND exceed ${rule.maxPercent} % of the allocation (${allocation} VND) under ${rule.citation}`,
      named,
      { advances: total, allocation },
    );
  }
}

/**
 * Every disbursement (advance or payment) keeps the cumulative total within the CURRENT allocation — the one an
 * approved change lowered, kept on the scheme row. The engine only caps at the appraised amount it recorded.
 */
export async function checkDisbursement(manager: EntityManager, scheme: SchemeRow, payload: SchemePayload): Promise<void> {
  const allocation = Number(scheme.allocated_amount ?? 0);
  const [paid] = await manager.query<{ total: string }[]>(`SELECT COALESCE(SUM(amount), 0)::text AS total FROM disbursements WHERE scheme_id = $1`, [scheme.id]);
  const total = Number(paid?.total ?? 0) + (payload.amount ?? 0);
  if (total > allocation) {
    throw ruleViolation(
      'DISBURSEMENT_ABOVE_ALLOCATION',
      `Tổng giải ngân ${total} đồng vượt kinh phí được phân bổ hiện hành ${allocation} đồng`,
      `Disbursements of ${total} VND exceed the current allocation of ${allocation} VND`,
      { code: 'DISBURSEMENTS_LE_ALLOCATION', basis: 'TT 28/2018/TT-BTC: giải ngân không vượt kinh phí được giao (sau điều chỉnh)', cap: { allocation } },
      { disbursed: total, allocation },
    );
  }
}

/** The settled amount never exceeds the allocation (the ministry or the province settles at most what it allocated). */
export function checkSettlement(scheme: SchemeRow, payload: SchemePayload): void {
  const allocation = Number(scheme.allocated_amount ?? 0);
  if ((payload.settledAmount ?? 0) > allocation) {
    throw ruleViolation(
      'SETTLEMENT_ABOVE_ALLOCATION',
      `Số quyết toán ${payload.settledAmount} đồng vượt kinh phí được phân bổ ${allocation} đồng`,
      `The settlement of ${payload.settledAmount} VND exceeds the allocation of ${allocation} VND`,
      { code: 'SETTLEMENT_LE_ALLOCATION', basis: 'TT 28/2018/TT-BTC: quyết toán không vượt kinh phí được giao', cap: { allocation } },
    );
  }
}

/** Change requests may lower an allocation; raising it needs a new appraisal (payments are then capped by checkDisbursement). */
export function checkChange(scheme: SchemeRow, payload: SchemePayload, today = vietnamToday()): void {
  checkExtension(scheme, payload, today);
  if (payload.newAllocatedAmount === undefined) return;
  const allocation = Number(scheme.allocated_amount ?? 0);
  if (payload.changeKind === 'suspend' || payload.changeKind === 'cancel' || payload.newAllocatedAmount > allocation) {
    throw ruleViolation(
      'CHANGE_AMOUNT_NOT_ALLOWED',
      'Điều chỉnh, bổ sung chỉ được giảm kinh phí đã thẩm định; tăng kinh phí cần thẩm định lại',
      'An adjustment may only lower the appraised amount; raising it needs a new appraisal',
      { code: 'CHANGE_LE_APPRAISED', basis: 'Kinh phí sau điều chỉnh không vượt kinh phí đã thẩm định', cap: { allocation } },
    );
  }
}

/**
 * An extension names its new completion date, later than the date it replaces (or than today when the scheme had
 * none); no other kind of change carries a date.
 */
function checkExtension(scheme: SchemeRow, payload: SchemePayload, today: string): void {
  if (payload.changeKind !== 'extend') {
    if (payload.newEndsOn !== undefined) {
      throw ruleViolation('CHANGE_DATE_NOT_ALLOWED', 'Chỉ yêu cầu gia hạn mới có thời hạn mới', 'Only an extension carries a new completion date', {
        code: 'EXTENSION_ONLY_DATE',
        basis: 'Thời hạn hoàn thành chỉ thay đổi qua yêu cầu gia hạn',
      });
    }
    return;
  }
  const after = scheme.ends_on ?? today;
  if (payload.newEndsOn === undefined || payload.newEndsOn <= after || payload.newAllocatedAmount !== undefined) {
    throw ruleViolation(
      'EXTENSION_DATE_INVALID',
      `Gia hạn cần thời hạn mới sau ngày ${after.split('-').reverse().join('/')} và không đổi kinh phí`,
      `An extension needs a new completion date after ${after} and leaves the amount unchanged`,
      { code: 'EXTENSION_AFTER_CURRENT_END', basis: 'Thời hạn gia hạn phải sau thời hạn hiện tại', cap: { after } },
    );
  }
}
