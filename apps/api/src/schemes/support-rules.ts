import { checkBudgetLineCaps, type BudgetLineInput } from '@khuyencong/domain';
import { MoneyRuleStore } from '@khuyencong/persistence';
import { type EntityManager } from 'typeorm';
import { subActivity } from './activities.js';
import { refuseWith } from './rule-errors.js';

export { type BudgetLineInput } from '@khuyencong/domain';

const store = new MoneyRuleStore();

/**
 * Checks each budget line against the support rule in force on `date` (THE SCHEME'S DATE, see dated-rules.ts) for
 * its activity, funding source and province (the domain's `checkBudgetLineCaps`). Returns the rule code applied per
 * line (null when no rule caps the activity); throws a 422 naming the first rule a line breaks, with its instrument
 * and article.
 */
export async function checkBudgetLines(
  manager: EntityManager,
  scope: { fundingSource: string; provinceCode: string; date: string },
  lines: readonly BudgetLineInput[],
): Promise<(string | null)[]> {
  const rules = (await store.supportRules(manager, scope.fundingSource, scope.provinceCode)).map((rule) => ({
    ...rule,
    activityLabel: subActivity(rule.activityCode)?.name ?? rule.activityName,
  }));
  const checked = checkBudgetLineCaps(rules, scope, lines);
  if ('refusal' in checked) refuseWith(checked.refusal);
  return checked.applied;
}
