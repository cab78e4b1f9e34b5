import { type EntityManager } from 'typeorm';
import { subActivity } from './activities.js';
import { citation } from './dated-rules.js';
import { ruleViolation } from './rule-errors.js';

export interface BudgetLineInput {
  activityCode: string;
  eligibleCost: number;
  supportAmount: number;
  /** The establishment the line supports; caps "per establishment" sum the lines of one establishment. */
  establishmentId?: string | null;
  /** A technology line (dây chuyền công nghệ): the cap's `technologyLineMultiplier` applies to its amount cap. */
  technologyLine?: boolean;
}

interface RuleRow {
  code: string;
  basis: string;
  article: string | null;
  activity_code: string;
  activity_name: string;
  max_percent: string | null;
  max_amount: string | null;
  per: string | null;
  conditions: { technologyLineMultiplier?: number };
}

/** Caps counted per establishment (or enterprise): the lines of one establishment share one amount cap. */
const PER_ESTABLISHMENT = new Set(['establishment', 'enterprise']);

/**
 * Checks each budget line against the support rule in force on `date` (THE SCHEME'S DATE, see dated-rules.ts) for
 * its activity, funding source and province (a province's own rule wins over the nationwide one). Returns the rule
 * code applied per line (null when no rule caps the activity); throws a 422 naming the first rule a line breaks,
 * with its instrument and article. Caps compare integers:
 * - support × 100 ≤ percent × cost, per line;
 * - per model (or no unit): support ≤ amount, per line;
 * - per establishment: the lines of one establishment (`establishmentId`, lines without one count as the scheme's
 *   single beneficiary) together ≤ amount; when one of them is a technology line the amount is
 *   amount × technologyLineMultiplier (TT 28/2018/TT-BTC: "không quá 1,5 lần mức hỗ trợ"), computed exactly.
 */
export async function checkBudgetLines(
  manager: EntityManager,
  scope: { fundingSource: string; provinceCode: string; date: string },
  lines: readonly BudgetLineInput[],
): Promise<(string | null)[]> {
  const rules = await manager.query<RuleRow[]>(
    `SELECT code, basis, article, activity_code, activity_name, max_percent::text, max_amount::text, per, conditions
       FROM support_rules
      WHERE funding_source_code = $1 AND (province_code IS NULL OR province_code = $2)
        AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to >= $3::date)
      ORDER BY province_code NULLS LAST, valid_from DESC`,
    [scope.fundingSource, scope.provinceCode, scope.date],
  );
  const ruleOf = (activity: string) => rules.find((candidate) => candidate.activity_code === activity);
  const applied = lines.map((line, index) => {
    if (line.supportAmount > line.eligibleCost) {
      throw ruleViolation('SUPPORT_ABOVE_COST', `Dòng ${index + 1}: mức hỗ trợ vượt chi phí`, `Line ${index + 1}: support exceeds the eligible cost`, {
        code: 'SUPPORT_LE_COST',
        basis: 'Mức hỗ trợ không vượt chi phí hợp lệ',
        activity: line.activityCode,
      }, { line: index + 1, supportAmount: line.supportAmount, eligibleCost: line.eligibleCost, exceeds: 'cost', establishmentId: line.establishmentId ?? null });
    }
    const rule = ruleOf(line.activityCode);
    if (!rule) return null;
    // numeric(5,2) as text: "30.00" → 3000 hundredths.
    const percentHundredths = rule.max_percent === null ? null : Math.round(Number(rule.max_percent) * 100);
    const overPercent = percentHundredths !== null && BigInt(line.supportAmount) * 10_000n > BigInt(percentHundredths) * BigInt(line.eligibleCost);
    const perLine = !PER_ESTABLISHMENT.has(rule.per ?? '');
    const cap = amountCap(rule, line.technologyLine === true);
    const overAmount = perLine && cap !== null && BigInt(line.supportAmount) * cap.denominator > cap.numerator;
    if (overPercent || overAmount) throw violation(rule, index, line, overPercent ? 'percent' : 'amount', line.supportAmount, line.technologyLine === true);
    return rule.code;
  });
  checkPerEstablishment(lines, ruleOf);
  return applied;
}

/** The amount cap as an exact fraction (amount × multiplier), null when the rule has none. */
function amountCap(rule: RuleRow, technologyLine: boolean): { numerator: bigint; denominator: bigint } | null {
  if (rule.max_amount === null) return null;
  const multiplier = technologyLine ? rule.conditions.technologyLineMultiplier : undefined;
  if (multiplier === undefined) return { numerator: BigInt(rule.max_amount), denominator: 1n };
  // 1.5 → 150 / 100: multipliers are held to two decimals.
  return { numerator: BigInt(rule.max_amount) * BigInt(Math.round(multiplier * 100)), denominator: 100n };
}

function checkPerEstablishment(lines: readonly BudgetLineInput[], ruleOf: (activity: string) => RuleRow | undefined): void {
  const groups = new Map<string, { rule: RuleRow; total: number; technologyLine: boolean; last: number; line: BudgetLineInput }>();
  lines.forEach((line, index) => {
    const rule = ruleOf(line.activityCode);
    if (!rule || !PER_ESTABLISHMENT.has(rule.per ?? '')) return;
    const key = `${rule.code}|${line.establishmentId ?? ''}`;
    const group = groups.get(key) ?? { rule, total: 0, technologyLine: false, last: index, line };
    group.total += line.supportAmount;
    group.technologyLine ||= line.technologyLine === true;
    group.last = index;
    group.line = line;
    groups.set(key, group);
  });
  for (const group of groups.values()) {
    const cap = amountCap(group.rule, group.technologyLine);
    if (cap !== null && BigInt(group.total) * cap.denominator > cap.numerator) {
      throw violation(group.rule, group.last, group.line, 'amount', group.total, group.technologyLine);
    }
  }
}

function violation(rule: RuleRow, index: number, line: BudgetLineInput, exceeds: 'percent' | 'amount', supportAmount: number, technologyLine: boolean) {
  const percent = rule.max_percent === null ? null : Math.round(Number(rule.max_percent) * 100) / 100;
  const maxAmount = rule.max_amount === null ? null : Number(rule.max_amount);
  const multiplier = technologyLine ? (rule.conditions.technologyLineMultiplier ?? null) : null;
  const effective = maxAmount === null ? null : multiplier === null ? maxAmount : Math.floor((maxAmount * Math.round(multiplier * 100)) / 100);
  const cited = citation(rule.basis, rule.article);
  return ruleViolation(
    'SUPPORT_RULE_VIOLATED',
    `Dòng ${index + 1} vượt mức hỗ trợ tối đa theo ${cited} (${subActivity(rule.activity_code)?.name ?? rule.activity_name})`,
    `Line ${index + 1} exceeds the support cap of ${cited} (${rule.activity_name})`,
    {
      code: rule.code,
      basis: rule.basis,
      article: rule.article,
      citation: cited,
      activity: rule.activity_code,
      cap: { maxPercent: percent, maxAmount, per: rule.per, technologyLineMultiplier: multiplier, effectiveMaxAmount: effective },
    },
    { line: index + 1, supportAmount, eligibleCost: line.eligibleCost, exceeds, establishmentId: line.establishmentId ?? null },
  );
}
