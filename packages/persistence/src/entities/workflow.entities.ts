import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A versioned workflow definition; published rows are immutable (a trigger refuses UPDATE and DELETE). */
@Entity({ name: 'workflow_definitions' })
export class WorkflowDefinitionEntity {
  @PrimaryColumn({ type: 'text' }) code: string;
  @PrimaryColumn({ type: 'integer' }) version: number;
  /** draft | published */
  @Column({ type: 'text', default: 'draft' }) status: string;
  /** The definition document, validated by the domain's schema before it is stored. */
  @Column({ type: 'jsonb' }) body: unknown;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/**
 * One running workflow (an entry or a scheme). `state` is the engine's state; the other columns are copies of
 * what lists and the inbox filter on, written in the same transaction as the state.
 */
@Entity({ name: 'workflow_instances' })
export class WorkflowInstanceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'definition_code', type: 'text' }) definitionCode: string;
  @Column({ name: 'definition_version', type: 'integer' }) definitionVersion: number;
  /** Optimistic concurrency version: 1 on creation, +1 per committed decision. */
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ type: 'text' }) stage: string;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'jsonb' }) state: unknown;
  /** entry | scheme */
  @Column({ name: 'subject_kind', type: 'text' }) subjectKind: string;
  @Column({ name: 'establishment_id', type: 'uuid', nullable: true }) establishmentId: string | null;
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode: string | null;
  @Column({ name: 'province_code', type: 'text', nullable: true }) provinceCode: string | null;
  @Column({ name: 'region_code', type: 'text', nullable: true }) regionCode: string | null;
  @Column({ name: 'round_id', type: 'uuid', nullable: true }) roundId: string | null;
  @Column({ type: 'integer', nullable: true }) year: number | null;
  @Column({ type: 'text', nullable: true }) level: string | null;
  @Column({ name: 'product_group', type: 'text', nullable: true }) productGroup: string | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ name: 'sla_state', type: 'text', nullable: true }) slaState: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** One event of an instance's history. Append-only and hash-chained by the database; write through EventStore. */
@Entity({ name: 'workflow_events' })
export class WorkflowEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId: string;
  /** 1..n per instance, assigned by the insert trigger. */
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'text' }) type: string;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ type: 'jsonb' }) data: unknown;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Column({ name: 'prev_hash', type: 'text' }) prevHash: string;
  @Column({ type: 'text' }) hash: string;
}

/** An inbox row: a task someone may act on now. Replaced wholesale by every committed decision. */
@Entity({ name: 'open_tasks' })
export class OpenTaskEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId: string;
  @Column({ type: 'text' }) stage: string;
  @Column({ type: 'text', array: true }) actions: string[];
  /** Set when the task belongs to one person (assigned judge, claimed task); otherwise role x scope decides. */
  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true }) assigneeUserId: string | null;
  @Column({ type: 'text' }) role: string;
  @Column({ name: 'scope_type', type: 'text' }) scopeType: string;
  @Column({ name: 'scope_id', type: 'text', nullable: true }) scopeId: string | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  @Column({ name: 'sla_state', type: 'text', nullable: true }) slaState: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
