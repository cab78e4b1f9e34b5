import { type EntityManager } from 'typeorm';

/** The dates and scope of a rule row, as ISO dates (the domain picks the one in force). */
interface DatedRuleRecord {
  code: string;
  basis: string;
  article: string | null;
  fundingSourceCode: string | null;
  provinceCode: string | null;
  validFrom: string;
  validTo: string | null;
}

/** A support rule (cap of one activity) as the domain's `SupportRuleData` reads it. */
export interface SupportRuleRecord extends DatedRuleRecord {
  activityCode: string;
  activityName: string;
  maxPercent: number | null;
  maxAmount: number | null;
  per: string | null;
  technologyLineMultiplier?: number;
}

/** A scheme rule of kind `advance` (the domain's `AdvanceRuleData`). */
export interface AdvanceRuleRecord extends DatedRuleRecord {
  activityCodes: string[];
  maxPercent: number | null;
  progressAbove: number | null;
}

/** A scheme rule of kind `registration_deadline` (the domain's `DeadlineRuleData`). */
export interface DeadlineRuleRecord extends DatedRuleRecord {
  deadlineMonthDay: string | null;
  deadlineYearOffset: number | null;
}

/** A budget line of a scheme, as the caps read it. */
export interface SchemeBudgetLineRecord {
  activityCode: string;
  eligibleCost: number;
  supportAmount: number;
  establishmentId: string | null;
  technologyLine: boolean;
}

interface SchemeRuleRow {
  code: string;
  basis: string;
  article: string | null;
  funding_source_code: string | null;
  province_code: string | null;
  valid_from: string;
  valid_to: string | null;
  activity_codes: string[];
  max_percent: string | null;
  progress_above: string | null;
  deadline_month_day: string | null;
  deadline_year_offset: number | null;
}

const number = (text: string | null) => (text === null ? null : Number(text));

/**
 * The data the money rules of schemes read: the dated rules (support caps, advances, registration deadlines) of a
 * funding source and province — every version, the domain picks the one in force on THE SCHEME'S DATE — and the
 * figures they cap (budget lines, disbursements so far).
 */
export class MoneyRuleStore {
  /**
   * THE SCHEME'S DATE: the first day of its plan year on which its province is in force (1 January, or the day a
   * unit created mid-year came into force, e.g. 2025-07-01 for the provinces of the 2025 reform).
   */
  async schemeDate(manager: EntityManager, year: number, provinceCode: string): Promise<string> {
    const [row] = await manager.query<{ on: string }[]>(
      `SELECT GREATEST(make_date($1::int, 1, 1), u.valid_from)::text AS "on" FROM administrative_units u WHERE u.code = $2`,
      [year, provinceCode],
    );
    return row?.on ?? `${String(year).padStart(4, '0')}-01-01`;
  }

  /** The programme (national khuyến công programme by period) covering `year`, the newest first; null when none. */
  async programmeCovering(manager: EntityManager, year: number): Promise<string | null> {
    const [row] = await manager.query<{ code: string }[]>(
      `SELECT code FROM programmes WHERE period_start_year <= $1 AND period_end_year >= $1 ORDER BY period_start_year DESC LIMIT 1`,
      [year],
    );
    return row?.code ?? null;
  }

  /** Every version of the support rules of a funding source that can apply in the province. */
  async supportRules(manager: EntityManager, fundingSource: string, provinceCode: string): Promise<SupportRuleRecord[]> {
    const rows = await manager.query<
      (Omit<SchemeRuleRow, 'activity_codes' | 'progress_above' | 'deadline_month_day' | 'deadline_year_offset'> & {
        activity_code: string;
        activity_name: string;
        max_amount: string | null;
        per: string | null;
        conditions: { technologyLineMultiplier?: number } | null;
      })[]
    >(
      `SELECT code, basis, article, funding_source_code, province_code, valid_from::text, valid_to::text,
              activity_code, activity_name, max_percent::text, max_amount::text, per, conditions
         FROM support_rules
        WHERE funding_source_code = $1 AND (province_code IS NULL OR province_code = $2)`,
      [fundingSource, provinceCode],
    );
    return rows.map((row) => ({
      ...dated(row),
      activityCode: row.activity_code,
      activityName: row.activity_name,
      maxPercent: number(row.max_percent),
      maxAmount: number(row.max_amount),
      per: row.per,
      ...(row.conditions?.technologyLineMultiplier === undefined ? {} : { technologyLineMultiplier: row.conditions.technologyLineMultiplier }),
    }));
  }

  /** Every version of the advance rules that can apply to a scheme of the source and province. */
  async advanceRules(manager: EntityManager, fundingSource: string, provinceCode: string): Promise<AdvanceRuleRecord[]> {
    const rows = await this.schemeRules(manager, 'advance', fundingSource, provinceCode);
    return rows.map((row) => ({
      ...dated(row),
      activityCodes: row.activity_codes,
      maxPercent: number(row.max_percent),
      progressAbove: number(row.progress_above),
    }));
  }

  /** Every version of the registration deadline rules that can apply to a scheme of the source and province. */
  async deadlineRules(manager: EntityManager, fundingSource: string, provinceCode: string): Promise<DeadlineRuleRecord[]> {
    const rows = await this.schemeRules(manager, 'registration_deadline', fundingSource, provinceCode);
    return rows.map((row) => ({ ...dated(row), deadlineMonthDay: row.deadline_month_day, deadlineYearOffset: row.deadline_year_offset }));
  }

  /** A scheme's budget lines in their order. */
  async budgetLines(manager: EntityManager, schemeId: string): Promise<SchemeBudgetLineRecord[]> {
    const rows = await manager.query<{ activity_code: string; cost: string; support: string; establishment_id: string | null; technology_line: boolean }[]>(
      `SELECT activity_code, eligible_cost::text AS cost, support_amount::text AS support, establishment_id, technology_line
         FROM scheme_budget_lines WHERE scheme_id = $1 ORDER BY position`,
      [schemeId],
    );
    return rows.map((line) => ({
      activityCode: line.activity_code,
      eligibleCost: Number(line.cost),
      supportAmount: Number(line.support),
      establishmentId: line.establishment_id,
      technologyLine: line.technology_line,
    }));
  }

  /** What has been disbursed to a scheme so far, all kinds or one (`advance`, `payment`). */
  async disbursedTotal(manager: EntityManager, schemeId: string, kind?: string): Promise<number> {
    const [row] = await manager.query<{ total: string }[]>(
      `SELECT COALESCE(SUM(amount), 0)::text AS total FROM disbursements WHERE scheme_id = $1 AND ($2::text IS NULL OR kind = $2::text)`,
      [schemeId, kind ?? null],
    );
    return Number(row?.total ?? 0);
  }

  private schemeRules(manager: EntityManager, kind: string, fundingSource: string, provinceCode: string): Promise<SchemeRuleRow[]> {
    return manager.query<SchemeRuleRow[]>(
      `SELECT code, basis, article, funding_source_code, province_code, valid_from::text, valid_to::text, activity_codes,
              max_percent::text, progress_above::text, deadline_month_day, deadline_year_offset
         FROM scheme_rules
        WHERE kind = $1 AND (funding_source_code IS NULL OR funding_source_code = $2) AND (province_code IS NULL OR province_code = $3)`,
      [kind, fundingSource, provinceCode],
    );
  }
}

function dated(row: Pick<SchemeRuleRow, 'code' | 'basis' | 'article' | 'funding_source_code' | 'province_code' | 'valid_from' | 'valid_to'>): DatedRuleRecord {
  return {
    code: row.code,
    basis: row.basis,
    article: row.article,
    fundingSourceCode: row.funding_source_code,
    provinceCode: row.province_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
}
