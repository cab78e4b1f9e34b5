import { type EntityManager } from 'typeorm';
import { ruleViolation } from './rule-errors.js';

/**
 * THE SCHEME'S DATE — the one date every rule of a scheme is looked up on: the first day of its plan year on which its
 * province is in force (1 January, or the day a unit created mid-year came into force, e.g. 2025-07-01 for the
 * provinces of the 2025 reform). A scheme is registered, appraised and funded for its plan year, so the caps, the
 * advance rule, the registration deadline and the programme that apply are those in force when that year starts for
 * its province; the date depends on the scheme's year and province only, so it is the same at creation, submission,
 * appraisal and disbursement (never today's date).
 */
export async function schemeDateOf(manager: EntityManager, year: number, provinceCode: string): Promise<string> {
  const [row] = await manager.query<{ on: string }[]>(
    `SELECT GREATEST(make_date($1::int, 1, 1), u.valid_from)::text AS "on" FROM administrative_units u WHERE u.code = $2`,
    [year, provinceCode],
  );
  return row?.on ?? `${String(year).padStart(4, '0')}-01-01`;
}

/** "TT 28/2018/TT-BTC, khoản 4 Điều 8" — the instrument and, when verified, its article. */
export function citation(basis: string, article: string | null): string {
  return article ? `${basis}, ${article}` : basis;
}

/** The programme (national khuyến công programme by period) a scheme of `year` belongs to; 422 when none covers it. */
export async function programmeFor(manager: EntityManager, year: number): Promise<string> {
  const [row] = await manager.query<{ code: string }[]>(
    `SELECT code FROM programmes WHERE period_start_year <= $1 AND period_end_year >= $1 ORDER BY period_start_year DESC LIMIT 1`,
    [year],
  );
  if (!row) {
    throw ruleViolation('NO_PROGRAMME_FOR_YEAR', `Không có chương trình khuyến công nào cho năm ${year}`, `No khuyến công programme covers ${year}`, {
      code: 'PROGRAMME_BY_PERIOD',
      basis: 'Chương trình khuyến công theo giai đoạn',
      cap: { year },
    });
  }
  return row.code;
}

export interface AdvanceRule {
  code: string;
  citation: string;
  basis: string;
  article: string | null;
  maxPercent: number;
  progressAbove: number | null;
}

interface SchemeRuleRow {
  code: string;
  basis: string;
  article: string | null;
  max_percent: string | null;
  progress_above: string | null;
  deadline_month_day: string | null;
  deadline_year_offset: number | null;
}

/** Rows of one kind in force on `date` for the source and province; the province's own first, the newest first. */
async function schemeRulesOn(manager: EntityManager, kind: string, scope: { fundingSource: string; provinceCode: string; date: string }, activity?: string): Promise<SchemeRuleRow[]> {
  return manager.query<SchemeRuleRow[]>(
    `SELECT code, basis, article, max_percent::text, progress_above::text, deadline_month_day, deadline_year_offset
       FROM scheme_rules
      WHERE kind = $1 AND (funding_source_code IS NULL OR funding_source_code = $2) AND (province_code IS NULL OR province_code = $3)
        AND valid_from <= $4::date AND (valid_to IS NULL OR valid_to >= $4::date)
        AND ($5::text IS NULL OR $5::text = ANY (activity_codes))
      ORDER BY province_code NULLS LAST, funding_source_code NULLS LAST, valid_from DESC`,
    [kind, scope.fundingSource, scope.provinceCode, scope.date, activity ?? null],
  );
}

/**
 * The advance rule for a sub-activity on the scheme's date, or a "no advance" rule when none names the activity
 * (equipment and models are paid against accepted work).
 */
export async function advanceRuleFor(manager: EntityManager, scope: { fundingSource: string; provinceCode: string; date: string }, activity: string): Promise<AdvanceRule> {
  const [row] = await schemeRulesOn(manager, 'advance', scope, activity);
  if (!row) {
    const basis = 'Không có quy định tạm ứng cho hoạt động này: thanh toán theo khối lượng nghiệm thu';
    return { code: 'ADVANCE_NONE', citation: basis, basis, article: null, maxPercent: 0, progressAbove: null };
  }
  return {
    code: row.code,
    citation: citation(row.basis, row.article),
    basis: row.basis,
    article: row.article,
    maxPercent: Number(row.max_percent ?? 0),
    progressAbove: row.progress_above === null ? null : Number(row.progress_above),
  };
}

export interface DeadlineRule {
  code: string;
  citation: string;
  basis: string;
  article: string | null;
  deadline: string;
}

/** The registration deadline of a scheme (by the rule in force on its date), or null when no rule sets one. */
export async function registrationDeadlineFor(manager: EntityManager, scope: { fundingSource: string; provinceCode: string; year: number }): Promise<DeadlineRule | null> {
  const [row] = await schemeRulesOn(manager, 'registration_deadline', { ...scope, date: await schemeDateOf(manager, scope.year, scope.provinceCode) });
  if (!row?.deadline_month_day) return null;
  const year = scope.year + (row.deadline_year_offset ?? 0);
  return { code: row.code, citation: citation(row.basis, row.article), basis: row.basis, article: row.article, deadline: `${year}-${row.deadline_month_day}` };
}
