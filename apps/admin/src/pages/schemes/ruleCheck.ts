// The support caps as the user types: the domain's own check (assessBudgetLines, the one the API refuses a scheme
// by), over the caps in force the API answered for the scheme's date. The server checks again on saving; this only
// tells the user early. No rule is written here.
import { assessBudgetLines, type BudgetLineProblem } from '@khuyencong/domain/money-rules';
import type { SupportRule } from './queries.js';

export interface LineInput {
  activityCode?: string;
  eligibleCost?: number | null;
  supportAmount?: number | null;
  technologyLine?: boolean;
  /** The beneficiary the line supports (its name on the form); caps per establishment sum its lines. */
  beneficiary?: string;
}

/** A line's problem with the cap that sets it (for the message: its percent and citation). */
export type LineProblem = { kind: 'overCost' } | (Exclude<BudgetLineProblem, { kind: 'overCost' }> & { rule: SupportRule });

export interface LineCheck {
  rule: SupportRule | null;
  /** The amount cap of the line (× the technology-line multiplier when it applies). */
  effectiveMax: number | null;
  problem: LineProblem | null;
}

export function checkLines(lines: readonly LineInput[], rules: readonly SupportRule[]): LineCheck[] {
  const assessed = assessBudgetLines(
    rules,
    lines.map((line) => ({
      activityCode: line.activityCode ?? '',
      eligibleCost: line.eligibleCost ?? 0,
      supportAmount: line.supportAmount ?? 0,
      technologyLine: line.technologyLine === true,
      establishmentId: line.beneficiary ?? null,
    })),
  );
  return assessed.map(({ cap, effectiveMax, problem }) => ({
    rule: cap,
    effectiveMax,
    problem: problem === null ? null : problem.kind === 'overCost' || cap === null ? { kind: 'overCost' } : { ...problem, rule: cap },
  }));
}
