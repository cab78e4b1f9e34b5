import { UnprocessableEntityException } from '@nestjs/common';

/** The rule a refusal names: its legal basis, the activity it caps and the cap. */
export interface NamedRule {
  code: string;
  basis: string;
  activity?: string;
  cap?: Record<string, number | string | null>;
}

/** A 422 naming the rule that refused the request; nothing was written (the transaction rolls back). */
export function ruleViolation(code: string, messageVi: string, messageEn: string, rule: NamedRule, details: Record<string, unknown> = {}) {
  return new UnprocessableEntityException({ statusCode: 422, code, message: `${messageVi} / ${messageEn}`, messageVi, messageEn, rule, details });
}

/** Registration for national funds closes on this day of the year before the plan year (TT 28/2018/TT-BTC). */
export const NATIONAL_REGISTRATION_DEADLINE = { monthDay: '05-20', basis: 'TT 28/2018/TT-BTC: hồ sơ đề án khuyến công quốc gia gửi trước ngày 20/5 năm trước năm kế hoạch' };

/** The deadline of a national scheme of plan year `year` (configurable month-day). */
export function registrationDeadline(year: number, monthDay = NATIONAL_REGISTRATION_DEADLINE.monthDay): string {
  return `${year - 1}-${monthDay}`;
}
