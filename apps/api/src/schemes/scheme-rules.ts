import { advanceRefusal, changeRefusal, disbursementRefusal, registrationRefusal, settlementRefusal } from '@khuyencong/domain';
import { MoneyRuleStore } from '@khuyencong/persistence';
import { type EntityManager } from 'typeorm';
import { advanceRuleFor, registrationDeadlineFor, schemeDateOf } from './dated-rules.js';
import { type SchemePayload } from './dto.js';
import { refuse } from './rule-errors.js';
import { type SchemeRow } from './scheme-views.js';
import { checkBudgetLines } from './support-rules.js';

/**
 * The money rules of scheme commands: each loads the rule data and figures it needs and asks the domain's pure
 * check (packages/domain/src/finance/money-rules.ts); a refusal becomes a 422 naming the rule.
 */
const store = new MoneyRuleStore();

/** Today in Vietnam (UTC+7, no DST): the day a submission is made (compared with the deadline), never a rule's date. */
export const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const allocationOf = (scheme: SchemeRow) => Number(scheme.allocated_amount ?? 0);

/** Registration (submit) after the deadline set by the rule in force on the scheme's date is refused; local funds have none. */
export async function checkRegistrationDeadline(manager: EntityManager, scheme: SchemeRow, today = vietnamToday()): Promise<void> {
  const rule = await registrationDeadlineFor(manager, { fundingSource: scheme.funding_source_code, provinceCode: scheme.province_code, year: scheme.year });
  refuse(registrationRefusal(rule, scheme.year, today));
}

/** Budget lines are checked again at submission and at appraisal, against the rules in force on the scheme's date. */
export async function recheckBudgetLines(manager: EntityManager, scheme: SchemeRow): Promise<void> {
  await checkBudgetLines(
    manager,
    { fundingSource: scheme.funding_source_code, provinceCode: scheme.province_code, date: await schemeDateOf(manager, scheme.year, scheme.province_code) },
    await store.budgetLines(manager, scheme.id),
  );
}

/** An advance, by the advance rule in force on the scheme's date for its sub-activity, cumulative over its advances. */
export async function checkAdvance(manager: EntityManager, scheme: SchemeRow, payload: SchemePayload): Promise<void> {
  if (payload.kind !== 'advance') return;
  const date = await schemeDateOf(manager, scheme.year, scheme.province_code);
  const rule = await advanceRuleFor(manager, { fundingSource: scheme.funding_source_code, provinceCode: scheme.province_code, date }, scheme.sub_activity);
  refuse(
    advanceRefusal({
      rule,
      activity: scheme.sub_activity,
      allocation: allocationOf(scheme),
      progressPercent: scheme.progress_percent,
      advancedBefore: await store.disbursedTotal(manager, scheme.id, 'advance'),
      amount: payload.amount ?? 0,
    }),
  );
}

/** Every disbursement keeps the cumulative total within the CURRENT allocation (the one an approved change lowered). */
export async function checkDisbursement(manager: EntityManager, scheme: SchemeRow, payload: SchemePayload): Promise<void> {
  refuse(
    disbursementRefusal({ allocation: allocationOf(scheme), disbursedBefore: await store.disbursedTotal(manager, scheme.id), amount: payload.amount ?? 0 }),
  );
}

/** The settled amount never exceeds the allocation. */
export function checkSettlement(scheme: SchemeRow, payload: SchemePayload): void {
  refuse(settlementRefusal({ allocation: allocationOf(scheme), settledAmount: payload.settledAmount ?? 0 }));
}

/** Change requests may lower an allocation; only an extension carries a new, later completion date. */
export function checkChange(scheme: SchemeRow, payload: SchemePayload, today = vietnamToday()): void {
  refuse(
    changeRefusal(
      { allocation: allocationOf(scheme), endsOn: scheme.ends_on },
      {
        ...(payload.changeKind === undefined ? {} : { changeKind: payload.changeKind }),
        ...(payload.newAllocatedAmount === undefined ? {} : { newAllocatedAmount: payload.newAllocatedAmount }),
        ...(payload.newEndsOn === undefined ? {} : { newEndsOn: payload.newEndsOn }),
      },
      today,
    ),
  );
}
