import { type EntityManager } from 'typeorm';
import { containsPattern, fold } from '../../fold.js';
import { cappedCountSql, orderBy } from '../../list-sql.js';

/** A scheme row joined with its instance (stage and version come from the workflow when there is one). */
export interface SchemeRow {
  id: string;
  instance_id: string | null;
  implementing_unit_id: string | null;
  version: number | null;
  revision: number;
  code: string;
  title: string;
  implementing_unit: string;
  programme_code: string;
  content_group_code: string;
  sub_activity: string;
  funding_source_code: string;
  year: number;
  province_code: string;
  region_code: string | null;
  location: string;
  stage: string;
  requested_amount: string;
  allocated_amount: string | null;
  disbursed_amount: string;
  progress_percent: number;
  contract_number: string | null;
  ends_on: string | null;
}

const SCHEME_SELECT = `
  SELECT s.id, s.instance_id, i.establishment_id AS implementing_unit_id, i.version, s.revision, s.code, s.title, s.implementing_unit, s.programme_code, s.content_group_code, s.sub_activity,
         s.funding_source_code, s.year, s.province_code, s.region_code, s.location, COALESCE(i.stage, s.stage) AS stage,
         s.requested_amount::text, s.allocated_amount::text,
         (SELECT COALESCE(SUM(d.amount), 0) FROM disbursements d WHERE d.scheme_id = s.id)::text AS disbursed_amount,
         s.progress_percent, s.contract_number, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on
    FROM schemes s LEFT JOIN workflow_instances i ON i.id = s.instance_id`;

/**
 * One way an actor sees schemes (the API decides which grants give which): every scheme, those of these provinces or
 * regions, or those whose acceptance council names the user.
 */
export type SchemeCoverageClause =
  { kind: 'national' } | { kind: 'province'; codes: readonly string[] } | { kind: 'region'; codes: readonly string[] } | { kind: 'council'; userId: string };

/** SQL "the actor may see scheme s" (aliases s = schemes, i = workflow_instances), parameters from `$first`; no clause sees nothing. */
function coverageSql(coverage: readonly SchemeCoverageClause[], first: number): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const clause of coverage) {
    if (clause.kind === 'national') clauses.push('TRUE');
    else if (clause.kind === 'province' || clause.kind === 'region') {
      params.push([...clause.codes]);
      clauses.push(`${clause.kind === 'province' ? 's.province_code' : 's.region_code'} = ANY($${first + params.length - 1}::text[])`);
    } else {
      params.push(clause.userId);
      clauses.push(`(i.state -> 'council' -> 'members') @> jsonb_build_array($${first + params.length - 1}::text)`);
    }
  }
  return { sql: clauses.length > 0 ? `(${clauses.join(' OR ')})` : 'FALSE', params };
}

// The sort columns GET /api/schemes accepts and their SQL; year then code is the list's habitual order.
const SCHEME_ORDER = {
  year: { sql: 's.year', order: 'desc' },
  code: { sql: 's.code', order: 'asc' },
  title: { sql: 's.title', order: 'asc' },
  province: { sql: 's.province_code', order: 'asc' },
  // schemes.stage is written with the instance's stage in the same transaction (the API's scheme commands; the
  // generic command route refuses schemes), so the list filters and sorts on it without reading the instances.
  stage: { sql: 's.stage', order: 'asc' },
  requested: { sql: 's.requested_amount', order: 'desc' },
  allocated: { sql: 's.allocated_amount', order: 'desc', nulls: 'last' },
} as const;

export type SchemeSortKey = keyof typeof SCHEME_ORDER;

/** The filters, order and page of the scheme list. */
export interface SchemeListFilter {
  year?: number | undefined;
  provinceCode?: string | undefined;
  fundingSource?: string | undefined;
  contentGroupCode?: string | undefined;
  stage?: string | undefined;
  /** Code or title, accent-insensitive. */
  q?: string | undefined;
  sort?: SchemeSortKey | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit: number;
  offset: number;
}

/** A page of schemes and the capped count of all matches (undefined when the count found no row). */
export interface SchemePage {
  rows: SchemeRow[];
  total: number | undefined;
}

/** What a new scheme is registered with (the code and stage are decided by the API and the engine). */
export interface SchemeInsert {
  instanceId: string;
  code: string;
  title: string;
  implementingUnit: string;
  programmeCode: string;
  contentGroupCode: string;
  subActivity: string;
  fundingSource: string;
  year: number;
  provinceCode: string;
  regionCode: string;
  location: string;
  requestedAmount: number;
  stage: string;
  createdBy: string;
  endsOn: string | null;
}

/** The part of a draft an edit rewrites. */
export interface SchemeDraftUpdate {
  title: string;
  implementingUnit: string;
  contentGroupCode: string;
  subActivity: string;
  location: string;
  requestedAmount: number;
  endsOn: string | null;
}

/** A budget line as written, with its position and the rule that capped it. */
export interface SchemeBudgetLineInsert {
  position: number;
  activityCode: string;
  description: string;
  eligibleCost: number;
  supportAmount: number;
  ruleCode: string | null;
  establishmentId: string | null;
  technologyLine: boolean;
}

export interface SchemeBeneficiaryInsert {
  organisationId: string | null;
  name: string;
  supportAmount: number;
  coFundingAmount: number;
}

/** The part of a scheme's workflow instance an edit reads (the stage under the row lock). */
export interface SchemeInstanceState {
  stage: string;
}

/** The instance's subject and requested amount, rewritten with an edit. */
export interface SchemeInstanceSubject {
  establishmentId: string;
  communeCode: string;
  requestedAmount: number;
}

/** The kinds of a scheme's document (the table's check constraint ck_scheme_documents_kind). */
export type SchemeDocumentKind = 'proposal' | 'estimate' | 'contract' | 'progress_report' | 'acceptance_minutes' | 'settlement' | 'other';

/** Everything of a scheme beyond its row: beneficiaries, lines, money movements, changes, acceptances, settlement, documents. */
export interface SchemeDetailParts {
  beneficiaries: { name: string; organisationId: string | null; supportAmount: number; coFundingAmount: number }[];
  budgetLines: {
    position: number;
    activityCode: string;
    description: string;
    eligibleCost: number;
    supportAmount: number;
    ruleCode: string | null;
    establishmentId: string | null;
    technologyLine: boolean;
  }[];
  disbursements: { kind: string; amount: number; paidOn: string; period: string }[];
  changes: { id: string; kind: string; reason: string; newAllocatedAmount: number | null; newEndsOn: string | null; status: string }[];
  acceptances: { attempt: number; outcome: string; conditions: string | null }[];
  settlement: { settledAmount: number; settledOn: string; recordedAgainst: string; budgetCode: string } | null;
  documents: {
    id: string;
    kind: SchemeDocumentKind;
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    addedAt: string;
    addedBy: string | null;
    addedById: string | null;
  }[];
}

/**
 * Schemes: their rows (with the instance's stage and version), the list, the row locks the edits and commands take,
 * their budget lines and beneficiaries, and the instance subject an edit rewrites.
 */
export class SchemeStore {
  /** The scheme when the coverage sees it (by province, region, nationally or as council member); undefined otherwise. */
  async findVisible(manager: EntityManager, id: string, coverage: readonly SchemeCoverageClause[]): Promise<SchemeRow | undefined> {
    const visible = coverageSql(coverage, 2);
    const [row] = await manager.query<SchemeRow[]>(`${SCHEME_SELECT} WHERE s.id = $1 AND ${visible.sql}`, [id, ...visible.params]);
    return row;
  }

  /**
   * A page of the schemes the coverage sees, with the capped count of all matches; both queries run at once, so pass
   * a manager that is not a transaction's single connection.
   */
  async listVisible(manager: EntityManager, coverage: readonly SchemeCoverageClause[], filter: SchemeListFilter): Promise<SchemePage> {
    const visible = coverageSql(coverage, 1);
    const params: unknown[] = [...visible.params];
    const where = [visible.sql];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.year !== undefined) add('s.year = ?', filter.year);
    if (filter.provinceCode) add('s.province_code = ?', filter.provinceCode);
    if (filter.fundingSource) add('s.funding_source_code = ?', filter.fundingSource);
    if (filter.contentGroupCode) add('s.content_group_code = ?', filter.contentGroupCode);
    if (filter.stage) add('s.stage = ?', filter.stage);
    if (filter.q) {
      // Two trigram indexes (ix_schemes_title_search, ix_schemes_code_search) answer the two halves of the OR.
      params.push(containsPattern(fold(filter.q)), containsPattern(filter.q.toLowerCase()));
      where.push(`(s.title_search LIKE $${params.length - 1} OR lower(s.code) LIKE $${params.length})`);
    }
    // Counted without the instance when no condition needs it: then the count is an index-only scan of
    // ix_schemes_province_year_code (PostgreSQL removes an unused LEFT JOIN, but still plans as if s.instance_id were read).
    const order = orderBy(SCHEME_ORDER, filter.sort ?? 'year', filter.order, 's.code');
    const from = where.some((sql) => /\bi\./.test(sql)) ? 'schemes s LEFT JOIN workflow_instances i ON i.id = s.instance_id' : 'schemes s';
    const [[count], rows] = await Promise.all([
      manager.query<{ total: number }[]>(cappedCountSql(from, where.join(' AND ')), params),
      // The page's ids first (only the tables the filter and order read), then the twenty rows with their sums.
      manager.query<SchemeRow[]>(
        `${SCHEME_SELECT} JOIN (SELECT s.id FROM ${from} WHERE ${where.join(' AND ')} ${order} LIMIT ${filter.limit} OFFSET ${filter.offset}) page ON page.id = s.id ${order}`,
        params,
      ),
    ]);
    return { rows, total: count?.total };
  }

  /** Locks the scheme row (FOR UPDATE), the first lock a command or a document change takes. */
  async lockForUpdate(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`SELECT id FROM schemes WHERE id = $1 FOR UPDATE`, [id]);
  }

  /** Locks the scheme row and returns its revision (undefined when there is no such scheme). */
  async lockRevision(manager: EntityManager, id: string): Promise<number | undefined> {
    const [current] = await manager.query<{ revision: number }[]>(`SELECT revision FROM schemes WHERE id = $1 FOR UPDATE`, [id]);
    return current?.revision;
  }

  /** Locks the scheme's workflow instance (after the scheme row, the order the commands lock them) and returns its state. */
  async lockInstanceState(manager: EntityManager, instanceId: string): Promise<SchemeInstanceState | undefined> {
    const [locked] = await manager.query<{ state: SchemeInstanceState }[]>(`SELECT state FROM workflow_instances WHERE id = $1 FOR NO KEY UPDATE`, [
      instanceId,
    ]);
    return locked?.state;
  }

  /** Inserts the scheme row; returns its id. */
  async insertScheme(manager: EntityManager, scheme: SchemeInsert): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO schemes (instance_id, code, title, implementing_unit, programme_code, content_group_code, sub_activity, funding_source_code, year,
                           province_code, region_code, location, requested_amount, stage, created_by, ends_on)
       VALUES ($1, $2, $3, $4, $15, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $16) RETURNING id`,
      [
        scheme.instanceId,
        scheme.code,
        scheme.title,
        scheme.implementingUnit,
        scheme.contentGroupCode,
        scheme.subActivity,
        scheme.fundingSource,
        scheme.year,
        scheme.provinceCode,
        scheme.regionCode,
        scheme.location,
        scheme.requestedAmount,
        scheme.stage,
        scheme.createdBy,
        scheme.programmeCode,
        scheme.endsOn,
      ],
    );
    return row!.id;
  }

  /** Rewrites a draft's editable part and moves its revision on by one. */
  async updateDraft(manager: EntityManager, id: string, draft: SchemeDraftUpdate): Promise<void> {
    await manager.query(
      `UPDATE schemes SET title = $2, implementing_unit = $3, content_group_code = $4, sub_activity = $5, location = $6, requested_amount = $7, ends_on = $8,
              revision = revision + 1
        WHERE id = $1`,
      [id, draft.title, draft.implementingUnit, draft.contentGroupCode, draft.subActivity, draft.location, draft.requestedAmount, draft.endsOn],
    );
  }

  /** Deletes the scheme's budget lines, then its beneficiaries (an edit writes them anew). */
  async deleteLinesAndBeneficiaries(manager: EntityManager, schemeId: string): Promise<void> {
    await manager.query(`DELETE FROM scheme_budget_lines WHERE scheme_id = $1`, [schemeId]);
    await manager.query(`DELETE FROM scheme_beneficiaries WHERE scheme_id = $1`, [schemeId]);
  }

  /** Inserts the budget lines one after another, in the order given. */
  async insertBudgetLines(manager: EntityManager, schemeId: string, lines: readonly SchemeBudgetLineInsert[]): Promise<void> {
    for (const line of lines) {
      await manager.query(
        `INSERT INTO scheme_budget_lines (scheme_id, position, activity_code, description, eligible_cost, support_amount, rule_code, establishment_id, technology_line)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          schemeId,
          line.position,
          line.activityCode,
          line.description,
          line.eligibleCost,
          line.supportAmount,
          line.ruleCode,
          line.establishmentId,
          line.technologyLine,
        ],
      );
    }
  }

  /** Inserts the beneficiaries one after another, in the order given. */
  async insertBeneficiaries(manager: EntityManager, schemeId: string, beneficiaries: readonly SchemeBeneficiaryInsert[]): Promise<void> {
    for (const beneficiary of beneficiaries) {
      await manager.query(
        `INSERT INTO scheme_beneficiaries (scheme_id, organisation_id, name, support_amount, co_funding_amount) VALUES ($1, $2, $3, $4, $5)`,
        [schemeId, beneficiary.organisationId, beneficiary.name, beneficiary.supportAmount, beneficiary.coFundingAmount],
      );
    }
  }

  /**
   * Rewrites the instance's subject (establishment, commune) and requested amount, in its columns and in its state:
   * the engine reads only these of an edit, which writes no event.
   */
  async updateInstanceSubject(manager: EntityManager, instanceId: string, subject: SchemeInstanceSubject): Promise<void> {
    await manager.query(
      `UPDATE workflow_instances SET establishment_id = $2, commune_code = $3,
              state = jsonb_set(jsonb_set(jsonb_set(state, '{attributes,requestedAmount}', to_jsonb($4::bigint)),
                                          '{subject,establishmentId}', to_jsonb($5::text)), '{subject,communeCode}', to_jsonb($6::text))
        WHERE id = $1`,
      [instanceId, subject.establishmentId, subject.communeCode, subject.requestedAmount, subject.establishmentId, subject.communeCode],
    );
  }

  /** Copies the instance's stage onto the scheme row (the list filters and sorts on it). */
  async setStage(manager: EntityManager, id: string, stage: string): Promise<void> {
    await manager.query(`UPDATE schemes SET stage = $2, updated_at = now() WHERE id = $1`, [id, stage]);
  }

  /** The stage and the allocation at once (a local plan's approval). */
  async setStageAndAllocation(manager: EntityManager, id: string, stage: string, allocatedAmount: number | null): Promise<void> {
    await manager.query(`UPDATE schemes SET stage = $2, allocated_amount = $3, updated_at = now() WHERE id = $1`, [id, stage, allocatedAmount]);
  }

  async setAllocation(manager: EntityManager, id: string, allocatedAmount: number | string | null): Promise<void> {
    await manager.query(`UPDATE schemes SET allocated_amount = $2 WHERE id = $1`, [id, allocatedAmount]);
  }

  async setContractNumber(manager: EntityManager, id: string, contractNumber: string | null): Promise<void> {
    await manager.query(`UPDATE schemes SET contract_number = $2 WHERE id = $1`, [id, contractNumber]);
  }

  async setProgress(manager: EntityManager, id: string, progressPercent: number): Promise<void> {
    await manager.query(`UPDATE schemes SET progress_percent = $2 WHERE id = $1`, [id, progressPercent]);
  }

  async setEndsOn(manager: EntityManager, id: string, endsOn: string): Promise<void> {
    await manager.query(`UPDATE schemes SET ends_on = $2 WHERE id = $1`, [id, endsOn]);
  }

  /** The scheme's beneficiaries, budget lines, disbursements, changes, acceptances, settlement and documents. */
  async detailParts(manager: EntityManager, schemeId: string): Promise<SchemeDetailParts> {
    // One after another: the manager may be a transaction's single connection (no concurrent queries on one client).
    const beneficiaries = await manager.query<{ name: string; organisation_id: string | null; support: string; co: string }[]>(
      `SELECT name, organisation_id, support_amount::text AS support, co_funding_amount::text AS co FROM scheme_beneficiaries WHERE scheme_id = $1 ORDER BY name`,
      [schemeId],
    );
    const budgetLines = await manager.query<
      {
        position: number;
        activity_code: string;
        description: string;
        cost: string;
        support: string;
        rule_code: string | null;
        establishment_id: string | null;
        technology_line: boolean;
      }[]
    >(
      `SELECT position, activity_code, description, eligible_cost::text AS cost, support_amount::text AS support, rule_code, establishment_id, technology_line
         FROM scheme_budget_lines WHERE scheme_id = $1 ORDER BY position`,
      [schemeId],
    );
    const disbursements = await manager.query<{ kind: string; amount: string; paid_on: string; period: string }[]>(
      `SELECT kind, amount::text, to_char(paid_on, 'YYYY-MM-DD') AS paid_on, period FROM disbursements WHERE scheme_id = $1 ORDER BY paid_on, created_at`,
      [schemeId],
    );
    const changes = await manager.query<{ id: string; kind: string; reason: string; amount: string | null; ends_on: string | null; status: string }[]>(
      `SELECT id, kind, reason, new_allocated_amount::text AS amount, to_char(new_ends_on, 'YYYY-MM-DD') AS ends_on, status FROM scheme_changes WHERE scheme_id = $1 ORDER BY requested_at`,
      [schemeId],
    );
    const acceptances = await manager.query<{ attempt: number; outcome: string; conditions: string | null }[]>(
      `SELECT attempt, outcome, conditions FROM acceptances WHERE scheme_id = $1 ORDER BY attempt`,
      [schemeId],
    );
    const settlements = await manager.query<{ amount: string; settled_on: string; recorded_against: string; budget_code: string }[]>(
      `SELECT settled_amount::text AS amount, to_char(settled_on, 'YYYY-MM-DD') AS settled_on, recorded_against, budget_code FROM settlements WHERE scheme_id = $1`,
      [schemeId],
    );
    const documents = await manager.query<
      {
        id: string;
        kind: SchemeDocumentKind;
        file_name: string;
        mime_type: string;
        size_bytes: string;
        added_at: Date;
        added_by: string | null;
        added_by_id: string | null;
      }[]
    >(
      `SELECT d.id, sd.kind, d.original_name AS file_name, d.mime_type, d.size_bytes::text, sd.added_at, u.display_name AS added_by, sd.added_by AS added_by_id
         FROM scheme_documents sd JOIN documents d ON d.id = sd.document_id LEFT JOIN users u ON u.id = sd.added_by
        WHERE sd.scheme_id = $1 ORDER BY sd.added_at, d.id`,
      [schemeId],
    );
    const settlement = settlements[0];
    return {
      beneficiaries: beneficiaries.map((item) => ({
        name: item.name,
        organisationId: item.organisation_id,
        supportAmount: Number(item.support),
        coFundingAmount: Number(item.co),
      })),
      budgetLines: budgetLines.map((line) => ({
        position: line.position,
        activityCode: line.activity_code,
        description: line.description,
        eligibleCost: Number(line.cost),
        supportAmount: Number(line.support),
        ruleCode: line.rule_code,
        establishmentId: line.establishment_id,
        technologyLine: line.technology_line,
      })),
      disbursements: disbursements.map((item) => ({ kind: item.kind, amount: Number(item.amount), paidOn: item.paid_on, period: item.period })),
      changes: changes.map((item) => ({
        id: item.id,
        kind: item.kind,
        reason: item.reason,
        newAllocatedAmount: item.amount === null ? null : Number(item.amount),
        newEndsOn: item.ends_on,
        status: item.status,
      })),
      acceptances,
      settlement: settlement
        ? {
            settledAmount: Number(settlement.amount),
            settledOn: settlement.settled_on,
            recordedAgainst: settlement.recorded_against,
            budgetCode: settlement.budget_code,
          }
        : null,
      documents: documents.map((item) => ({
        id: item.id,
        kind: item.kind,
        fileName: item.file_name,
        mimeType: item.mime_type,
        sizeBytes: Number(item.size_bytes),
        addedAt: item.added_at.toISOString(),
        addedBy: item.added_by,
        addedById: item.added_by_id,
      })),
    };
  }
}
