import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Side effects and their bookkeeping: the transactional outbox (with a NOTIFY so the relay wakes up), effect
 * receipts (one per processor and effect, for idempotent processing), idempotency keys of HTTP commands,
 * notifications, timers and uploaded documents.
 */
export class Effects1764100003000 implements MigrationInterface {
  name = 'Effects1764100003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE outbox (
        id bigserial NOT NULL,
        instance_id uuid NULL,
        effect_type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz NULL,
        attempts integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_outbox PRIMARY KEY (id),
        CONSTRAINT fk_outbox_instance FOREIGN KEY (instance_id) REFERENCES workflow_instances (id),
        CONSTRAINT ck_outbox_attempts_nonneg CHECK (attempts >= 0)
      )`,
      `CREATE INDEX ix_outbox_unrelayed ON outbox (id) WHERE relayed_at IS NULL`,
      // Statement-level: one wake-up per inserting statement is enough; NOTIFY is delivered on commit only.
      `CREATE FUNCTION kc_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('outbox', '');
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER tr_outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION kc_outbox_notify()`,
      `CREATE TABLE effect_receipts (
        outbox_id bigint NOT NULL,
        processor text NOT NULL,
        result jsonb NOT NULL DEFAULT '{}'::jsonb,
        processed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_effect_receipts PRIMARY KEY (outbox_id, processor),
        CONSTRAINT fk_effect_receipts_outbox FOREIGN KEY (outbox_id) REFERENCES outbox (id) ON DELETE CASCADE
      )`,
      `CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response_status integer NOT NULL,
        response_body jsonb NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (user_id, key),
        CONSTRAINT fk_idempotency_keys_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT ck_idempotency_keys_response_status CHECK (response_status BETWEEN 100 AND 599)
      )`,
      `CREATE INDEX ix_idempotency_keys_created_at ON idempotency_keys (created_at)`,
      `CREATE TABLE notifications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        channel text NOT NULL,
        template text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        read_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        outbox_id bigint NULL,
        CONSTRAINT pk_notifications PRIMARY KEY (id),
        CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT fk_notifications_outbox FOREIGN KEY (outbox_id) REFERENCES outbox (id) ON DELETE SET NULL,
        CONSTRAINT ck_notifications_channel CHECK (channel IN ('in_app', 'email')),
        CONSTRAINT uq_notifications_outbox_user_channel UNIQUE (outbox_id, user_id, channel)
      )`,
      `CREATE INDEX ix_notifications_user_created ON notifications (user_id, created_at DESC)`,
      `CREATE INDEX ix_notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL`,
      `CREATE TABLE timers (
        id bigserial NOT NULL,
        instance_id uuid NOT NULL,
        kind text NOT NULL,
        key text NOT NULL,
        due_at timestamptz NOT NULL,
        fired_at timestamptz NULL,
        cancelled_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_timers PRIMARY KEY (id),
        CONSTRAINT fk_timers_instance FOREIGN KEY (instance_id) REFERENCES workflow_instances (id) ON DELETE CASCADE,
        CONSTRAINT uq_timers_instance_key UNIQUE (instance_id, key)
      )`,
      `CREATE INDEX ix_timers_pending_due ON timers (due_at) WHERE fired_at IS NULL AND cancelled_at IS NULL`,
      `CREATE TABLE documents (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        sha256 text NOT NULL,
        size_bytes bigint NOT NULL,
        mime_type text NOT NULL,
        original_name text NOT NULL,
        storage_key text NOT NULL,
        owner_organisation_id uuid NULL,
        uploaded_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_documents PRIMARY KEY (id),
        CONSTRAINT fk_documents_owner_organisation FOREIGN KEY (owner_organisation_id) REFERENCES organisations (id),
        CONSTRAINT fk_documents_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES users (id),
        CONSTRAINT uq_documents_storage_key UNIQUE (storage_key),
        CONSTRAINT ck_documents_size_positive CHECK (size_bytes > 0),
        CONSTRAINT ck_documents_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$')
      )`,
      `CREATE INDEX ix_documents_owner ON documents (owner_organisation_id, created_at DESC)`,
      `CREATE INDEX ix_documents_sha256 ON documents (sha256)`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      'DROP TABLE documents',
      'DROP TABLE timers',
      'DROP TABLE notifications',
      'DROP TABLE idempotency_keys',
      'DROP TABLE effect_receipts',
      'DROP TABLE outbox',
      'DROP FUNCTION kc_outbox_notify()',
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }
}
