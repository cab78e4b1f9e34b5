import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from './transformers.js';

/** A side effect committed with a decision, waiting to be relayed to the job queue (transactional outbox). */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  /** bigserial, returned as a string; used as the job id, so relaying twice never enqueues twice. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'instance_id', type: 'uuid', nullable: true }) instanceId: string | null;
  @Column({ name: 'effect_type', type: 'text' }) effectType: string;
  @Column({ type: 'jsonb' }) payload: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true }) relayedAt: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts: number;
}

/** Proof that a processor handled an effect; its primary key makes processing idempotent. */
@Entity({ name: 'effect_receipts' })
export class EffectReceiptEntity {
  @PrimaryColumn({ name: 'outbox_id', type: 'bigint' }) outboxId: string;
  @PrimaryColumn({ type: 'text' }) processor: string;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) result: unknown;
  @Column({ name: 'processed_at', type: 'timestamptz', default: () => 'now()' }) processedAt: Date;
}

/** The stored response of a command sent with an Idempotency-Key, replayed when the same key comes again. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @PrimaryColumn({ type: 'text' }) key: string;
  /** Hash of method, path and body: the same key with a different request is a client error. */
  @Column({ name: 'request_hash', type: 'text' }) requestHash: string;
  @Column({ name: 'response_status', type: 'integer' }) responseStatus: number;
  @Column({ name: 'response_body', type: 'jsonb', nullable: true }) responseBody: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A message to one user on one channel; unique per (outbox_id, user_id, channel) so a replay never doubles it. */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  /** in_app | email */
  @Column({ type: 'text' }) channel: string;
  @Column({ type: 'text' }) template: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) data: Record<string, unknown>;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'outbox_id', type: 'bigint', nullable: true }) outboxId: string | null;
}

/** A durable timer of an instance (SLA reminder, deadline); a queued delayed job is only a wake-up hint. */
@Entity({ name: 'timers' })
export class TimerEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'instance_id', type: 'uuid' }) instanceId: string;
  @Column({ type: 'text' }) kind: string;
  /** Unique per instance: scheduling the same key again re-arms the timer. */
  @Column({ type: 'text' }) key: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  /** The engine command sent as the system actor when the timer fires. */
  @Column({ type: 'text', nullable: true }) command: string | null;
  @Column({ name: 'fired_at', type: 'timestamptz', nullable: true }) firedAt: Date | null;
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true }) cancelledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** An uploaded file's metadata; the bytes live in object storage under storage_key. */
@Entity({ name: 'documents' })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Lower-case hex SHA-256 of the content. */
  @Column({ type: 'text' }) sha256: string;
  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintNumber }) sizeBytes: number;
  @Column({ name: 'mime_type', type: 'text' }) mimeType: string;
  @Column({ name: 'original_name', type: 'text' }) originalName: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey: string;
  @Column({ name: 'owner_organisation_id', type: 'uuid', nullable: true }) ownerOrganisationId: string | null;
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true }) uploadedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
