import { type EntityManager } from 'typeorm';
import { type SchemeView } from './dto.js';

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

export const SCHEME_SELECT = `
  SELECT s.id, s.instance_id, i.establishment_id AS implementing_unit_id, i.version, s.revision, s.code, s.title, s.implementing_unit, s.programme_code, s.content_group_code, s.sub_activity,
         s.funding_source_code, s.year, s.province_code, s.region_code, s.location, COALESCE(i.stage, s.stage) AS stage,
         s.requested_amount::text, s.allocated_amount::text,
         (SELECT COALESCE(SUM(d.amount), 0) FROM disbursements d WHERE d.scheme_id = s.id)::text AS disbursed_amount,
         s.progress_percent, s.contract_number, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on
    FROM schemes s LEFT JOIN workflow_instances i ON i.id = s.instance_id`;

export function summaryView(row: SchemeRow) {
  return {
    id: row.id,
    instanceId: row.instance_id,
    version: row.version,
    revision: row.revision,
    code: row.code,
    title: row.title,
    implementingUnit: row.implementing_unit,
    implementingUnitId: row.implementing_unit_id,
    programmeCode: row.programme_code,
    contentGroupCode: row.content_group_code,
    subActivity: row.sub_activity,
    fundingSource: row.funding_source_code,
    year: row.year,
    provinceCode: row.province_code,
    regionCode: row.region_code,
    location: row.location,
    stage: row.stage,
    requestedAmount: Number(row.requested_amount),
    allocatedAmount: row.allocated_amount === null ? null : Number(row.allocated_amount),
    disbursedAmount: Number(row.disbursed_amount),
    progressPercent: row.progress_percent,
    contractNumber: row.contract_number,
    endsOn: row.ends_on,
  };
}

/** The full view: the scheme with its beneficiaries, lines, money movements, changes, acceptances and settlement. */
export async function detailView(manager: EntityManager, row: SchemeRow): Promise<SchemeView> {
  // One after another: the manager may be a transaction's single connection (no concurrent queries on one client).
  const beneficiaries = await manager.query<{ name: string; organisation_id: string | null; support: string; co: string }[]>(
      `SELECT name, organisation_id, support_amount::text AS support, co_funding_amount::text AS co FROM scheme_beneficiaries WHERE scheme_id = $1 ORDER BY name`,
      [row.id],
    );
  const budgetLines = await manager.query<{ position: number; activity_code: string; description: string; cost: string; support: string; rule_code: string | null; establishment_id: string | null; technology_line: boolean }[]>(
      `SELECT position, activity_code, description, eligible_cost::text AS cost, support_amount::text AS support, rule_code, establishment_id, technology_line
         FROM scheme_budget_lines WHERE scheme_id = $1 ORDER BY position`,
      [row.id],
    );
  const disbursements = await manager.query<{ kind: string; amount: string; paid_on: string; period: string }[]>(
      `SELECT kind, amount::text, to_char(paid_on, 'YYYY-MM-DD') AS paid_on, period FROM disbursements WHERE scheme_id = $1 ORDER BY paid_on, created_at`,
      [row.id],
    );
  const changes = await manager.query<{ id: string; kind: string; reason: string; amount: string | null; ends_on: string | null; status: string }[]>(
      `SELECT id, kind, reason, new_allocated_amount::text AS amount, to_char(new_ends_on, 'YYYY-MM-DD') AS ends_on, status FROM scheme_changes WHERE scheme_id = $1 ORDER BY requested_at`,
      [row.id],
    );
  const acceptances = await manager.query<{ attempt: number; outcome: string; conditions: string | null }[]>(`SELECT attempt, outcome, conditions FROM acceptances WHERE scheme_id = $1 ORDER BY attempt`, [row.id]);
  const settlements = await manager.query<{ amount: string; settled_on: string; recorded_against: string; budget_code: string }[]>(
      `SELECT settled_amount::text AS amount, to_char(settled_on, 'YYYY-MM-DD') AS settled_on, recorded_against, budget_code FROM settlements WHERE scheme_id = $1`,
      [row.id],
    );
  const documents = await manager.query<{ id: string; kind: SchemeView['documents'][number]['kind']; file_name: string; mime_type: string; size_bytes: string; added_at: Date; added_by: string | null; added_by_id: string | null }[]>(
      `SELECT d.id, sd.kind, d.original_name AS file_name, d.mime_type, d.size_bytes::text, sd.added_at, u.display_name AS added_by, sd.added_by AS added_by_id
         FROM scheme_documents sd JOIN documents d ON d.id = sd.document_id LEFT JOIN users u ON u.id = sd.added_by
        WHERE sd.scheme_id = $1 ORDER BY sd.added_at, d.id`,
      [row.id],
    );
  const settlement = settlements[0];
  return {
    ...summaryView(row),
    beneficiaries: beneficiaries.map((item) => ({ name: item.name, organisationId: item.organisation_id, supportAmount: Number(item.support), coFundingAmount: Number(item.co) })),
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
    changes: changes.map((item) => ({ id: item.id, kind: item.kind, reason: item.reason, newAllocatedAmount: item.amount === null ? null : Number(item.amount), newEndsOn: item.ends_on, status: item.status })),
    acceptances,
    settlement: settlement
      ? { settledAmount: Number(settlement.amount), settledOn: settlement.settled_on, recordedAgainst: settlement.recorded_against, budgetCode: settlement.budget_code }
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
