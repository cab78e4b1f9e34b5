import { type EntityManager } from 'typeorm';
import { ruleViolation } from './rule-errors.js';

export interface BudgetLineInput {
  activityCode: string;
  eligibleCost: number;
  supportAmount: number;
}

interface RuleRow {
  code: string;
  basis: string;
  activity_code: string;
  activity_name: string;
  province_code: string | null;
  max_percent: string | null;
  max_amount: string | null;
  per: string | null;
}

/**
 * Checks each budget line against the support rule valid on `date` for its activity, funding source and province
 * (a province's own rule wins over the nationwide one). Returns the rule code applied per line (null when no rule
 * caps the activity); throws a 422 naming the first rule a line breaks. Caps compare integers: support × 100 ≤
 * percent × cost, support ≤ amount (per model / establishment = per line).
 */
export async function checkBudgetLines(
  manager: EntityManager,
  scope: { fundingSource: string; provinceCode: string; date: string },
  lines: readonly BudgetLineInput[],
): Promise<(string | null)[]> {
  const rules = await manager.query<RuleRow[]>(
    `SELECT code, basis, activity_code, activity_name, province_code, max_percent::text, max_amount::text, per
       FROM support_rules
      WHERE funding_source_code = $1 AND (province_code IS NULL OR province_code = $2)
        AND valid_from <= $3::date AND (valid_to IS NULL OR valid_to >= $3::date)
      ORDER BY province_code NULLS LAST, valid_from DESC`,
    [scope.fundingSource, scope.provinceCode, scope.date],
  );
  return lines.map((line, index) => {
    if (line.supportAmount > line.eligibleCost) {
      throw ruleViolation('SUPPORT_ABOVE_COST', `Dòng ${index + 1}: mức hỗ trợ vượt chi phí`, `Line ${index + 1}: support exceeds the eligible cost`, {
        code: 'SUPPORT_LE_COST',
        basis: 'Mức hỗ trợ không vượt chi phí hợp lệ',
        activity: line.activityCode,
      });
    }
    const rule = rules.find((candidate) => candidate.activity_code === line.activityCode);
    if (!rule) return null;
    // numeric(5,2) as text: "30.00" → 3000 hundredths.
    const percentHundredths = rule.max_percent === null ? null : Math.round(Number(rule.max_percent) * 100);
    const maxAmount = rule.max_amount === null ? null : Number(rule.max_amount);
    const overPercent = percentHundredths !== null && BigInt(line.supportAmount) * 10_000n > BigInt(percentHundredths) * BigInt(line.eligibleCost);
    const overAmount = maxAmount !== null && line.supportAmount > maxAmount;
    if (overPercent || overAmount) {
      const cap = { maxPercent: percentHundredths === null ? null : percentHundredths / 100, maxAmount, per: rule.per };
      throw ruleViolation(
        'SUPPORT_RULE_VIOLATED',
        `Dòng ${index + 1} vượt mức hỗ trợ tối đa theo ${rule.basis} (${rule.activity_name})`,
        `Line ${index + 1} exceeds the support cap of ${rule.basis} (${rule.activity_name})`,
        { code: rule.code, basis: rule.basis, activity: rule.activity_code, cap },
        { line: index + 1, supportAmount: line.supportAmount, eligibleCost: line.eligibleCost, exceeds: overPercent ? 'percent' : 'amount' },
      );
    }
    return rule.code;
  });
}
