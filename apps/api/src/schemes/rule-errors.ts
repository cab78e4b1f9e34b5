import { UnprocessableEntityException } from '@nestjs/common';

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

/** A 422 naming the rule that refused the request; nothing was written (the transaction rolls back). */
export function ruleViolation(code: string, messageVi: string, messageEn: string, rule: NamedRule, details: Record<string, unknown> = {}) {
  return new UnprocessableEntityException({ statusCode: 422, code, message: `${messageVi} / ${messageEn}`, messageVi, messageEn, rule, details });
}
