// The dated rule data the money rules read, and the refusal they answer (see money-rules.ts).

/** The rule a refusal names: its legal basis, the activity it caps and the cap. */
export interface NamedRule {
  code: string;
  basis: string;
  /** The article of `basis` that sets the rule (null while not verified), and both as one citation. */
  article?: string | null;
  citation?: string;
  activity?: string;
  cap?: Record<string, number | string | null>;
}

export type MoneyRefusalCode =
  | 'SUPPORT_ABOVE_COST'
  | 'SUPPORT_RULE_VIOLATED'
  | 'ADVANCE_RULE_VIOLATED'
  | 'DISBURSEMENT_ABOVE_ALLOCATION'
  | 'SETTLEMENT_ABOVE_ALLOCATION'
  | 'CHANGE_AMOUNT_NOT_ALLOWED'
  | 'CHANGE_DATE_NOT_ALLOWED'
  | 'EXTENSION_DATE_INVALID'
  | 'REGISTRATION_DEADLINE_PASSED';

/** Why a money rule refuses: the code, the message in Vietnamese and English, the rule it names and the figures. */
export interface MoneyRefusal {
  code: MoneyRefusalCode;
  messageVi: string;
  messageEn: string;
  rule: NamedRule;
  details: Record<string, unknown>;
}

/** A rule row with the dates and the scope it applies in (null: every funding source, every province). */
export interface DatedRule {
  code: string;
  basis: string;
  article: string | null;
  fundingSourceCode: string | null;
  provinceCode: string | null;
  /** ISO dates (yyyy-mm-dd); `validTo` null while in force. */
  validFrom: string;
  validTo: string | null;
}

/** Where and when a scheme's rules are looked up: its funding source, its province and THE SCHEME'S DATE. */
export interface RuleScope {
  fundingSource: string;
  provinceCode: string;
  date: string;
}

/** "TT 28/2018/TT-BTC, khoản 4 Điều 8" — the instrument and, when verified, its article. */
export function citation(basis: string, article: string | null): string {
  return article ? `${basis}, ${article}` : basis;
}

/**
 * The rules in force on the scope's date for its source and province, the one that applies first: a province's own
 * rule before the nationwide one, a source's own before the general one, the newest first.
 */
export function rulesInForce<R extends DatedRule>(rules: readonly R[], scope: RuleScope): R[] {
  const own = (value: string | null) => (value === null ? 1 : 0);
  return rules
    .filter(
      (rule) =>
        (rule.fundingSourceCode === null || rule.fundingSourceCode === scope.fundingSource) &&
        (rule.provinceCode === null || rule.provinceCode === scope.provinceCode) &&
        rule.validFrom <= scope.date &&
        (rule.validTo === null || rule.validTo >= scope.date),
    )
    .sort(
      (a, b) =>
        own(a.provinceCode) - own(b.provinceCode) ||
        own(a.fundingSourceCode) - own(b.fundingSourceCode) ||
        (a.validFrom < b.validFrom ? 1 : a.validFrom > b.validFrom ? -1 : 0),
    );
}
