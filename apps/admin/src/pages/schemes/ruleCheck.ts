// The support-rule check of apps/api/src/schemes/support-rules.ts, run as the user types: the same caps, in the
// same order (support ≤ cost; percent and per-model amount per line; per-establishment amounts over the lines of one
// establishment). The server checks again on saving; this only tells the user early.
import type { SupportRule } from './queries.js';

export interface LineInput {
  activityCode?: string;
  eligibleCost?: number | null;
  supportAmount?: number | null;
  technologyLine?: boolean;
  /** The beneficiary the line supports (its name on the form); caps per establishment sum its lines. */
  beneficiary?: string;
}

export type LineProblem =
  | { kind: 'overCost' }
  | { kind: 'overPercent'; rule: SupportRule; max: number }
  | { kind: 'overAmount'; rule: SupportRule; max: number }
  | { kind: 'overEstablishment'; rule: SupportRule; max: number; total: number };

export interface LineCheck {
  rule: SupportRule | null;
  /** The amount cap of the line (× the technology-line multiplier when it applies). */
  effectiveMax: number | null;
  problem: LineProblem | null;
}

const PER_ESTABLISHMENT = new Set(['establishment', 'enterprise']);

function amountCap(rule: SupportRule, technologyLine: boolean): number | null {
  if (rule.maxAmount === null) return null;
  const multiplier = technologyLine ? rule.technologyLineMultiplier : null;
  return multiplier === null ? rule.maxAmount : Math.floor((rule.maxAmount * Math.round(multiplier * 100)) / 100);
}

export function checkLines(lines: readonly LineInput[], rules: readonly SupportRule[]): LineCheck[] {
  const ruleOf = (activity: string | undefined) => rules.find((rule) => rule.activityCode === activity) ?? null;
  const checks: LineCheck[] = lines.map((line) => {
    const rule = ruleOf(line.activityCode);
    const cost = line.eligibleCost ?? 0;
    const support = line.supportAmount ?? 0;
    const effectiveMax = rule ? amountCap(rule, line.technologyLine === true) : null;
    if (support > cost) return { rule, effectiveMax, problem: { kind: 'overCost' } };
    if (!rule) return { rule, effectiveMax, problem: null };
    if (rule.maxPercent !== null && support * 100 > rule.maxPercent * cost) {
      return { rule, effectiveMax, problem: { kind: 'overPercent', rule, max: Math.floor((rule.maxPercent * cost) / 100) } };
    }
    if (!PER_ESTABLISHMENT.has(rule.per ?? '') && effectiveMax !== null && support > effectiveMax) {
      return { rule, effectiveMax, problem: { kind: 'overAmount', rule, max: effectiveMax } };
    }
    return { rule, effectiveMax, problem: null };
  });
  // Caps per establishment: the lines of one beneficiary share one amount; the last line of the group carries it.
  const groups = new Map<string, { rule: SupportRule; total: number; technologyLine: boolean; last: number }>();
  lines.forEach((line, index) => {
    const rule = ruleOf(line.activityCode);
    if (!rule || !PER_ESTABLISHMENT.has(rule.per ?? '')) return;
    const key = `${rule.code}|${line.beneficiary ?? ''}`;
    const group = groups.get(key) ?? { rule, total: 0, technologyLine: false, last: index };
    group.total += line.supportAmount ?? 0;
    group.technologyLine ||= line.technologyLine === true;
    group.last = index;
    groups.set(key, group);
  });
  for (const group of groups.values()) {
    const max = amountCap(group.rule, group.technologyLine);
    const check = checks[group.last];
    if (max !== null && group.total > max && check && !check.problem) check.problem = { kind: 'overEstablishment', rule: group.rule, max, total: group.total };
  }
  return checks;
}
