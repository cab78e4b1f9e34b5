import { UnprocessableEntityException } from '@nestjs/common';
import { type MoneyRefusal, type NamedRule } from '@khuyencong/domain';

export { type NamedRule };

/** A 422 naming the rule that refused the request; nothing was written (the transaction rolls back). */
export function ruleViolation(code: string, messageVi: string, messageEn: string, rule: NamedRule, details: Record<string, unknown> = {}) {
  return new UnprocessableEntityException({ statusCode: 422, code, message: `${messageVi} / ${messageEn}`, messageVi, messageEn, rule, details });
}

/** Throws the 422 of a money rule's refusal (the domain's pure checks answer one or null). */
export function refuse(refusal: MoneyRefusal | null): void {
  if (refusal) refuseWith(refusal);
}

/** The 422 of a money rule's refusal. */
export function refuseWith(refusal: MoneyRefusal): never {
  throw ruleViolation(refusal.code, refusal.messageVi, refusal.messageEn, refusal.rule, refusal.details);
}
