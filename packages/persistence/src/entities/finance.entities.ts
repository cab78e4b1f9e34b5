import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from './transformers.js';

/** A khuyến công scheme (đề án): the money side of a `khuyencong-scheme` workflow instance. */
@Entity({ name: 'schemes' })
export class SchemeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Null for schemes imported from the provinces' spreadsheets (history before the platform). */
  @Column({ name: 'instance_id', type: 'uuid', nullable: true }) instanceId: string | null;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'text' }) title: string;
  /** 1 + the edits of the draft or returned scheme: an edit names the revision it was made on (migration SchemeRevision). */
  @Column({ type: 'integer', default: 1 }) revision: number;
  @Column({ name: 'implementing_unit', type: 'text' }) implementingUnit: string;
  @Column({ name: 'programme_code', type: 'text' }) programmeCode: string;
  @Column({ name: 'content_group_code', type: 'text' }) contentGroupCode: string;
  /** The support-rule activity code of the scheme's main line (DEMONSTRATION_MODEL, TRAINING, …). */
  @Column({ name: 'sub_activity', type: 'text' }) subActivity: string;
  @Column({ name: 'funding_source_code', type: 'text' }) fundingSourceCode: string;
  @Column({ type: 'integer' }) year: number;
  @Column({ name: 'province_code', type: 'text' }) provinceCode: string;
  /** The contest region of the province when the scheme was registered (reports group by it). */
  @Column({ name: 'region_code', type: 'text', nullable: true }) regionCode: string | null;
  @Column({ type: 'text' }) location: string;
  /** VND. */
  @Column({ name: 'requested_amount', type: 'bigint', transformer: bigintNumber }) requestedAmount: number;
  /** VND approved at appraisal (and by approved change requests); null until the base appraisal passes. */
  @Column({ name: 'allocated_amount', type: 'bigint', nullable: true, transformer: bigintNumber }) allocatedAmount: number | null;
  @Column({ name: 'progress_percent', type: 'integer', default: 0 }) progressPercent: number;
  @Column({ name: 'contract_number', type: 'text', nullable: true }) contractNumber: string | null;
  /** A copy of the workflow stage, for lists and reports. */
  @Column({ type: 'text', default: 'draft' }) stage: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** An establishment supported by a scheme: the support it gets and what it co-funds itself. */
@Entity({ name: 'scheme_beneficiaries' })
export class SchemeBeneficiaryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'scheme_id', type: 'uuid' }) schemeId: string;
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true }) organisationId: string | null;
  @Column({ type: 'text' }) name: string;
  @Column({ name: 'support_amount', type: 'bigint', transformer: bigintNumber }) supportAmount: number;
  @Column({ name: 'co_funding_amount', type: 'bigint', transformer: bigintNumber }) coFundingAmount: number;
}

/** A document of a scheme (proposal, contract, acceptance minutes, …): migration SchemeDocuments. */
@Entity({ name: 'scheme_documents' })
export class SchemeDocumentEntity {
  @PrimaryColumn({ name: 'scheme_id', type: 'uuid' }) schemeId: string;
  @PrimaryColumn({ name: 'document_id', type: 'uuid' }) documentId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'added_by', type: 'uuid', nullable: true }) addedBy: string | null;
  @Column({ name: 'added_at', type: 'timestamptz', default: () => 'now()' }) addedAt: Date;
}

/** A budget line, checked against the support rule valid on the scheme's date for its activity and source. */
@Entity({ name: 'scheme_budget_lines' })
export class SchemeBudgetLineEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'scheme_id', type: 'uuid' }) schemeId: string;
  @Column({ type: 'integer' }) position: number;
  @Column({ name: 'activity_code', type: 'text' }) activityCode: string;
  @Column({ type: 'text' }) description: string;
  @Column({ name: 'eligible_cost', type: 'bigint', transformer: bigintNumber }) eligibleCost: number;
  @Column({ name: 'support_amount', type: 'bigint', transformer: bigintNumber }) supportAmount: number;
  /** The support rule the line was checked against (null when no rule caps the activity). */
  @Column({ name: 'rule_code', type: 'text', nullable: true }) ruleCode: string | null;
}

/** An annual plan of a province (or the national plan when provinceCode is null) for one source and year. */
@Entity({ name: 'annual_plans' })
export class AnnualPlanEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'province_code', type: 'text', nullable: true }) provinceCode: string | null;
  @Column({ name: 'funding_source_code', type: 'text' }) fundingSourceCode: string;
  @Column({ type: 'integer' }) year: number;
  @Column({ name: 'current_version', type: 'integer', default: 1 }) currentVersion: number;
}

/** One version of a plan's amount: derived from allocations, or an adjustment with a reason. Never updated. */
@Entity({ name: 'annual_plan_versions' })
export class AnnualPlanVersionEntity {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' }) planId: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) amount: number;
  @Column({ type: 'text' }) kind: 'derived' | 'adjustment';
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** Money paid out for a scheme; `period` (YYYY-MM) is the reporting month of `paidOn`. */
@Entity({ name: 'disbursements' })
export class DisbursementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'scheme_id', type: 'uuid' }) schemeId: string;
  @Column({ type: 'text' }) kind: 'advance' | 'payment' | 'settlement';
  @Column({ type: 'bigint', transformer: bigintNumber }) amount: number;
  @Column({ name: 'paid_on', type: 'date' }) paidOn: string;
  @Column({ type: 'text' }) period: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** A change request (adjust, supplement, suspend, cancel) and the appraiser's answer. */
@Entity({ name: 'scheme_changes' })
export class SchemeChangeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'scheme_id', type: 'uuid' }) schemeId: string;
  @Column({ type: 'text' }) kind: 'adjust' | 'supplement' | 'suspend' | 'cancel';
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'new_allocated_amount', type: 'bigint', nullable: true, transformer: bigintNumber }) newAllocatedAmount: number | null;
  @Column({ type: 'text', default: 'pending' }) status: 'pending' | 'approved' | 'rejected';
  @Column({ name: 'requested_by', type: 'uuid', nullable: true }) requestedBy: string | null;
  @Column({ name: 'decided_by', type: 'uuid', nullable: true }) decidedBy: string | null;
  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' }) requestedAt: Date;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
}

/** One acceptance by the council; a failed one sends the scheme back to work and the next is attempt + 1. */
@Entity({ name: 'acceptances' })
export class AcceptanceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'scheme_id', type: 'uuid' }) schemeId: string;
  @Column({ type: 'integer' }) attempt: number;
  @Column({ type: 'text' }) outcome: 'accepted' | 'accepted_with_conditions' | 'failed';
  @Column({ type: 'text', nullable: true }) conditions: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', default: () => 'now()' }) decidedAt: Date;
}

/** The settlement of a scheme (never above its allocation), recorded against the ministry or the province. */
@Entity({ name: 'settlements' })
export class SettlementEntity {
  @PrimaryColumn({ name: 'scheme_id', type: 'uuid' }) schemeId: string;
  @Column({ name: 'settled_amount', type: 'bigint', transformer: bigintNumber }) settledAmount: number;
  @Column({ name: 'settled_on', type: 'date' }) settledOn: string;
  @Column({ name: 'recorded_against', type: 'text' }) recordedAgainst: 'ministry' | 'province';
  /** Budget chapter and item, e.g. "280-309". */
  @Column({ name: 'budget_code', type: 'text' }) budgetCode: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** A consulting contract of a provincial khuyến công centre. */
@Entity({ name: 'consulting_engagements' })
export class ConsultingEngagementEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'province_code', type: 'text' }) provinceCode: string;
  @Column({ name: 'centre_name', type: 'text' }) centreName: string;
  @Column({ name: 'client_name', type: 'text' }) clientName: string;
  @Column({ type: 'text' }) service: string;
  @Column({ name: 'contract_value', type: 'bigint', transformer: bigintNumber }) contractValue: number;
  @Column({ name: 'signed_on', type: 'date' }) signedOn: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
}

/** Revenue of an engagement in one month (YYYY-MM). */
@Entity({ name: 'consulting_revenues' })
export class ConsultingRevenueEntity {
  @PrimaryColumn({ name: 'engagement_id', type: 'uuid' }) engagementId: string;
  @PrimaryColumn({ type: 'text' }) period: string;
  @Column({ type: 'bigint', transformer: bigintNumber }) amount: number;
}

/** The yearly consulting revenue plan of a province's centre. */
@Entity({ name: 'consulting_plans' })
export class ConsultingPlanEntity {
  @PrimaryColumn({ name: 'province_code', type: 'text' }) provinceCode: string;
  @PrimaryColumn({ type: 'integer' }) year: number;
  @Column({ type: 'bigint', transformer: bigintNumber }) amount: number;
}

/** An `.xlsx` export job: the worker builds it, reports progress 0–100 and links the stored document. */
@Entity({ name: 'report_exports' })
export class ReportExportEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'jsonb' }) params: Record<string, unknown>;
  @Column({ type: 'text', default: 'queued' }) status: 'queued' | 'running' | 'done' | 'failed';
  @Column({ type: 'integer', default: 0 }) progress: number;
  @Column({ name: 'document_id', type: 'uuid', nullable: true }) documentId: string | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ name: 'requested_by', type: 'uuid', nullable: true }) requestedBy: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt: Date;
}

/** The finance entities, appended to ENTITIES. */
export const FINANCE_ENTITIES = [
  SchemeEntity,
  SchemeBeneficiaryEntity,
  SchemeBudgetLineEntity,
  SchemeDocumentEntity,
  AnnualPlanEntity,
  AnnualPlanVersionEntity,
  DisbursementEntity,
  SchemeChangeEntity,
  AcceptanceEntity,
  SettlementEntity,
  ConsultingEngagementEntity,
  ConsultingRevenueEntity,
  ConsultingPlanEntity,
  ReportExportEntity,
];
