import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type ValueTransformer } from 'typeorm';

/** numeric columns come back as strings; scores and thresholds are small decimals, safe as numbers. */
const decimal: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null): number | null => (value === null ? null : Number(value)),
};

/**
 * A selection round (đợt bình chọn): one level, year and unit, with its registration window and the jury rules
 * its entries carry into the engine (DESIGN.md §4).
 */
@Entity({ name: 'rounds' })
export class RoundEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) name: string;
  /** commune | province | region | national */
  @Column({ type: 'text' }) level: string;
  @Column({ type: 'integer' }) year: number;
  @Column({ name: 'scope_type', type: 'text' }) scopeType: string;
  /** Commune or province code, region code, or `VN` for a national round. */
  @Column({ name: 'scope_code', type: 'text' }) scopeCode: string;
  /** planned → open → closed → judging → decided → archived */
  @Column({ type: 'text', default: 'planned' }) status: string;
  @Column({ name: 'registration_opens_at', type: 'timestamptz' }) registrationOpensAt: Date;
  @Column({ name: 'registration_closes_at', type: 'timestamptz' }) registrationClosesAt: Date;
  @Column({ name: 'criteria_set_code', type: 'text', default: 'TT26-PL4' }) criteriaSetCode: string;
  @Column({ name: 'pass_threshold', type: 'numeric', precision: 5, scale: 2, default: 70, transformer: decimal }) passThreshold: number;
  /** How many recognised entries one province may nominate from this round to the next level. */
  @Column({ name: 'nomination_quota', type: 'integer', nullable: true }) nominationQuota: number | null;
  /** Share of non-recused judges needed to close the jury; null = the definition's default (2/3). */
  @Column({ name: 'quorum_ratio', type: 'numeric', precision: 4, scale: 3, nullable: true, transformer: decimal }) quorumRatio: number | null;
  /** Largest allowed gap between judges' totals before re-scoring; null = the definition's default. */
  @Column({ name: 'spread_limit', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: decimal }) spreadLimit: number | null;
  @Column({ name: 'screening_working_days', type: 'integer', default: 10 }) screeningWorkingDays: number;
  /** Judges per product group (`*` for every group): `{ "*": [userId, …], "HANDICRAFT": [...] }`. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) jury: Record<string, string[]>;
  /** The council that reviews the round's list: `{ members: [userId, …], chair: userId | null }`. */
  @Column({ type: 'jsonb', nullable: true }) council: { members: string[]; chair: string | null } | null;
  @Column({ name: 'organiser_user_id', type: 'uuid', nullable: true }) organiserUserId: string | null;
  /** Whom applicants contact about the round: the office or person (null: the organiser by level is named). */
  @Column({ name: 'contact_name', type: 'text', nullable: true }) contactName: string | null;
  /** Digits, spaces and + . - ( ), 8–20 characters. */
  @Column({ name: 'contact_phone', type: 'text', nullable: true }) contactPhone: string | null;
  @Column({ name: 'contact_email', type: 'text', nullable: true }) contactEmail: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One product (or product set) of one establishment in one round; its workflow lives in `workflow_instances`. */
@Entity({ name: 'entries' })
export class EntryEntity {
  @PrimaryColumn({ name: 'instance_id', type: 'uuid' }) instanceId: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  /** The tracking code (round code and sequence, e.g. 2026-T-66-0012), assigned by tr_entries_code on insert. */
  @Column({ type: 'text', insert: false, update: false }) code: string;
  @Column({ name: 'establishment_id', type: 'uuid' }) establishmentId: string;
  @Column({ name: 'product_name', type: 'text' }) productName: string;
  @Column({ name: 'product_group', type: 'text' }) productGroup: string;
  /** Document ids per dossier part: registrationForm, businessRegistration, productDescription, photos[], others[]. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) dossier: Record<string, unknown>;
  /** The lower-level entry this one was nominated from (its dossier is reused). */
  @Column({ name: 'nominated_from', type: 'uuid', nullable: true }) nominatedFrom: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The one recognition decision of a round (quyết định công nhận): number, date, signer; its list is the certificates. */
@Entity({ name: 'recognition_decisions' })
export class RecognitionDecisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Column({ type: 'text' }) number: string;
  @Column({ name: 'decided_on', type: 'date' }) decidedOn: string;
  @Column({ name: 'signer_user_id', type: 'uuid', nullable: true }) signerUserId: string | null;
  /** The issuing body as printed on certificates. */
  @Column({ type: 'text' }) issuer: string;
  @Column({ name: 'entry_count', type: 'integer' }) entryCount: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** The last certificate sequence used per (series, year), e.g. `T-GL` 2026; advanced inside the decision. */
@Entity({ name: 'certificate_counters' })
export class CertificateCounterEntity {
  @PrimaryColumn({ type: 'text' }) series: string;
  @PrimaryColumn({ type: 'integer' }) year: number;
  @Column({ type: 'text' }) level: string;
  @Column({ name: 'last_value', type: 'integer', default: 0 }) lastValue: number;
}

/** A recognition certificate. `status` follows the entry's workflow (trigger on `workflow_instances`). */
@Entity({ name: 'certificates' })
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'text' }) level: string;
  @Column({ type: 'integer' }) year: number;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId: string;
  @Column({ name: 'decision_id', type: 'uuid' }) decisionId: string;
  @Column({ name: 'round_id', type: 'uuid' }) roundId: string;
  @Column({ name: 'establishment_id', type: 'uuid' }) establishmentId: string;
  @Column({ name: 'product_name', type: 'text' }) productName: string;
  @Column({ name: 'issued_on', type: 'date' }) issuedOn: string;
  /** 31 December of the 4th year counting the year of issue. */
  @Column({ name: 'valid_until', type: 'date' }) validUntil: string;
  /** valid | expired | revoked */
  @Column({ type: 'text', default: 'valid' }) status: string;
  @Column({ name: 'revocation_reason', type: 'text', nullable: true }) revocationReason: string | null;
  @Column({ name: 'revocation_decision_ref', type: 'text', nullable: true }) revocationDecisionRef: string | null;
  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true }) statusChangedAt: Date | null;
  /** Set by the worker once the PDF is stored in `certificate_pdfs`. */
  @Column({ name: 'pdf_rendered_at', type: 'timestamptz', nullable: true }) pdfRenderedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** The rendered PDF of a certificate (kept in PostgreSQL so the worker needs no shared file storage). */
@Entity({ name: 'certificate_pdfs' })
export class CertificatePdfEntity {
  @PrimaryColumn({ name: 'certificate_id', type: 'uuid' }) certificateId: string;
  @Column({ type: 'bytea' }) content: Buffer;
  @Column({ type: 'text' }) sha256: string;
  @Column({ name: 'size_bytes', type: 'integer' }) sizeBytes: number;
  @Column({ name: 'rendered_at', type: 'timestamptz' }) renderedAt: Date;
}

/** The selection tables' entities, spread into `ENTITIES`. */
export const SELECTION_ENTITIES = [RoundEntity, EntryEntity, RecognitionDecisionEntity, CertificateCounterEntity, CertificateEntity, CertificatePdfEntity];
