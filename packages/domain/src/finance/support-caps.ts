import { citation, rulesInForce, type DatedRule, type MoneyRefusal, type RuleScope } from './dated-rules.js';

// The support caps of a scheme's budget lines (see money-rules.ts): the check the API refuses a scheme by and the
// form runs as the user types.

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
