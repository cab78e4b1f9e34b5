import { advanceRuleOn, registrationDeadlineOn, type AdvanceRule, type DeadlineRule } from '@khuyencong/domain';
import { MoneyRuleStore } from '@khuyencong/persistence';
import { type EntityManager } from 'typeorm';
import { ruleViolation } from './rule-errors.js';

export { citation, type AdvanceRule, type DeadlineRule } from '@khuyencong/domain';

const store = new MoneyRuleStore();

/**
 * THE SCHEME'S DATE — the one date every rule of a scheme is looked up on: the first day of its plan year on which its
 * province is in force (1 January, or the day a unit created mid-year came into force, e.g. 2025-07-01 for the
 * provinces of the 2025 reform). A scheme is registered, appraised and funded for its plan year, so the caps, the
 * advance rule, the registration deadline and the programme that apply are those in force when that year starts for
 * its province; the date depends on the scheme's year and province only, so it is the same at creation, submission,
 * appraisal and disbursement (never today's date).
 */
export function schemeDateOf(manager: EntityManager, year: number, provinceCode: string): Promise<string> {
  return store.schemeDate(manager, year, provinceCode);
}

/** The programme (national khuyến công programme by period) a scheme of `year` belongs to; 422 when none covers it. */
export async function programmeFor(manager: EntityManager, year: number): Promise<string> {
  const code = await store.programmeCovering(manager, year);
  if (code === null) {
    throw ruleViolation('NO_PROGRAMME_FOR_YEAR', `Không có chương trình khuyến công nào cho năm ${year}`, `No khuyến công programme covers ${year}`, {
      code: 'PROGRAMME_BY_PERIOD',
      basis: 'Chương trình khuyến công theo giai đoạn',
      cap: { year },
    });
  }
  return code;
}

/** The advance rule for a sub-activity on the scheme's date (the domain's `advanceRuleOn` over the stored versions). */
export async function advanceRuleFor(
  manager: EntityManager,
  scope: { fundingSource: string; provinceCode: string; date: string },
  activity: string,
): Promise<AdvanceRule> {
  return advanceRuleOn(await store.advanceRules(manager, scope.fundingSource, scope.provinceCode), scope, activity);
}

/** The registration deadline of a scheme (by the rule in force on its date), or null when no rule sets one. */
export async function registrationDeadlineFor(
  manager: EntityManager,
  scope: { fundingSource: string; provinceCode: string; year: number },
): Promise<DeadlineRule | null> {
  const date = await schemeDateOf(manager, scope.year, scope.provinceCode);
  return registrationDeadlineOn(await store.deadlineRules(manager, scope.fundingSource, scope.provinceCode), { ...scope, date }, scope.year);
}
