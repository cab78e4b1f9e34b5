import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Typical product selection (DESIGN.md §4): establishment registration columns, rounds, entries with their
 * dossier, the round's recognition decision, per (level, year) certificate counters, certificates and their
 * rendered PDFs. Certificate status follows the entry's workflow: a trigger copies `expired` / `revoked` from
 * the instance row, so whichever process moves the entry (a timer in the worker, a command in the API) the
 * certificate agrees with it in the same transaction.
 */
export class Selection1764101000000 implements MigrationInterface {
  name = 'Selection1764101000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE organisations
         ADD COLUMN registered_by uuid NULL,
         ADD COLUMN verified_by uuid NULL,
         ADD COLUMN verified_at timestamptz NULL,
         ADD CONSTRAINT fk_organisations_registered_by FOREIGN KEY (registered_by) REFERENCES users (id),
         ADD CONSTRAINT fk_organisations_verified_by FOREIGN KEY (verified_by) REFERENCES users (id)`,
      `CREATE UNIQUE INDEX uq_organisations_establishment_tax_code ON organisations (tax_code) WHERE type = 'establishment' AND tax_code IS NOT NULL`,
      `CREATE INDEX ix_organisations_type_province ON organisations (type, province_code)`,
      `CREATE TABLE rounds (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL,
        level text NOT NULL,
        year integer NOT NULL,
        scope_type text NOT NULL,
        scope_code text NOT NULL,
        status text NOT NULL DEFAULT 'planned',
        registration_opens_at timestamptz NOT NULL,
        registration_closes_at timestamptz NOT NULL,
        criteria_set_code text NOT NULL DEFAULT 'TT26-PL4',
        pass_threshold numeric(5,2) NOT NULL DEFAULT 70,
        nomination_quota integer NULL,
        quorum_ratio numeric(4,3) NULL,
        spread_limit numeric(5,2) NULL,
        screening_working_days integer NOT NULL DEFAULT 10,
        jury jsonb NOT NULL DEFAULT '{}'::jsonb,
        council jsonb NULL,
        organiser_user_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_rounds PRIMARY KEY (id),
        CONSTRAINT fk_rounds_criteria_set FOREIGN KEY (criteria_set_code) REFERENCES criteria_sets (code),
        CONSTRAINT fk_rounds_organiser FOREIGN KEY (organiser_user_id) REFERENCES users (id),
        CONSTRAINT uq_rounds_level_scope_year UNIQUE (level, scope_code, year),
        CONSTRAINT ck_rounds_level CHECK (level IN ('commune', 'province', 'region', 'national')),
        CONSTRAINT ck_rounds_scope_type CHECK (scope_type IN ('commune', 'province', 'region', 'national')),
        CONSTRAINT ck_rounds_status CHECK (status IN ('planned', 'open', 'closed', 'judging', 'decided', 'archived')),
        CONSTRAINT ck_rounds_year CHECK (year BETWEEN 2000 AND 2100),
        CONSTRAINT ck_rounds_registration_window CHECK (registration_closes_at > registration_opens_at),
        CONSTRAINT ck_rounds_pass_threshold CHECK (pass_threshold BETWEEN 0 AND 100),
        CONSTRAINT ck_rounds_nomination_quota CHECK (nomination_quota IS NULL OR nomination_quota >= 0),
        CONSTRAINT ck_rounds_quorum_ratio CHECK (quorum_ratio IS NULL OR (quorum_ratio > 0 AND quorum_ratio <= 1)),
        CONSTRAINT ck_rounds_spread_limit CHECK (spread_limit IS NULL OR spread_limit >= 0),
        CONSTRAINT ck_rounds_screening_days CHECK (screening_working_days BETWEEN 1 AND 60)
      )`,
      `CREATE INDEX ix_rounds_year_level ON rounds (year, level)`,
      `CREATE TABLE entries (
        instance_id uuid NOT NULL,
        round_id uuid NOT NULL,
        establishment_id uuid NOT NULL,
        product_name text NOT NULL,
        product_group text NOT NULL,
        dossier jsonb NOT NULL DEFAULT '{}'::jsonb,
        nominated_from uuid NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_entries PRIMARY KEY (instance_id),
        CONSTRAINT fk_entries_instance FOREIGN KEY (instance_id) REFERENCES workflow_instances (id),
        CONSTRAINT fk_entries_round FOREIGN KEY (round_id) REFERENCES rounds (id),
        CONSTRAINT fk_entries_establishment FOREIGN KEY (establishment_id) REFERENCES organisations (id),
        CONSTRAINT fk_entries_product_group FOREIGN KEY (product_group) REFERENCES product_groups (code),
        CONSTRAINT fk_entries_nominated_from FOREIGN KEY (nominated_from) REFERENCES entries (instance_id),
        CONSTRAINT fk_entries_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_entries_product_name CHECK (char_length(product_name) BETWEEN 1 AND 300),
        CONSTRAINT ck_entries_dossier_object CHECK (jsonb_typeof(dossier) = 'object')
      )`,
      `CREATE INDEX ix_entries_round ON entries (round_id)`,
      `CREATE INDEX ix_entries_establishment ON entries (establishment_id)`,
      `CREATE UNIQUE INDEX uq_entries_round_nominated_from ON entries (round_id, nominated_from) WHERE nominated_from IS NOT NULL`,
      `CREATE TABLE recognition_decisions (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        round_id uuid NOT NULL,
        number text NOT NULL,
        decided_on date NOT NULL,
        signer_user_id uuid NULL,
        issuer text NOT NULL,
        entry_count integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_recognition_decisions PRIMARY KEY (id),
        CONSTRAINT fk_recognition_decisions_round FOREIGN KEY (round_id) REFERENCES rounds (id),
        CONSTRAINT fk_recognition_decisions_signer FOREIGN KEY (signer_user_id) REFERENCES users (id),
        CONSTRAINT uq_recognition_decisions_round UNIQUE (round_id),
        CONSTRAINT ck_recognition_decisions_number CHECK (char_length(number) BETWEEN 1 AND 100),
        CONSTRAINT ck_recognition_decisions_entry_count CHECK (entry_count > 0)
      )`,
      `CREATE TABLE certificate_counters (
        level text NOT NULL,
        year integer NOT NULL,
        last_value integer NOT NULL DEFAULT 0,
        CONSTRAINT pk_certificate_counters PRIMARY KEY (level, year),
        CONSTRAINT ck_certificate_counters_last_value CHECK (last_value >= 0)
      )`,
      `CREATE TABLE certificates (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        number text NOT NULL,
        level text NOT NULL,
        year integer NOT NULL,
        sequence integer NOT NULL,
        instance_id uuid NOT NULL,
        decision_id uuid NOT NULL,
        round_id uuid NOT NULL,
        establishment_id uuid NOT NULL,
        product_name text NOT NULL,
        issued_on date NOT NULL,
        valid_until date NOT NULL,
        status text NOT NULL DEFAULT 'valid',
        revocation_reason text NULL,
        revocation_decision_ref text NULL,
        status_changed_at timestamptz NULL,
        pdf_rendered_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_certificates PRIMARY KEY (id),
        CONSTRAINT uq_certificates_number UNIQUE (number),
        CONSTRAINT uq_certificates_level_year_sequence UNIQUE (level, year, sequence),
        CONSTRAINT uq_certificates_instance UNIQUE (instance_id),
        CONSTRAINT fk_certificates_instance FOREIGN KEY (instance_id) REFERENCES workflow_instances (id),
        CONSTRAINT fk_certificates_decision FOREIGN KEY (decision_id) REFERENCES recognition_decisions (id),
        CONSTRAINT fk_certificates_round FOREIGN KEY (round_id) REFERENCES rounds (id),
        CONSTRAINT fk_certificates_establishment FOREIGN KEY (establishment_id) REFERENCES organisations (id),
        CONSTRAINT ck_certificates_level CHECK (level IN ('commune', 'province', 'region', 'national')),
        CONSTRAINT ck_certificates_status CHECK (status IN ('valid', 'expired', 'revoked')),
        CONSTRAINT ck_certificates_sequence CHECK (sequence > 0),
        CONSTRAINT ck_certificates_validity CHECK (valid_until >= issued_on),
        CONSTRAINT ck_certificates_revocation CHECK (
          (status = 'revoked') = (revocation_reason IS NOT NULL AND revocation_decision_ref IS NOT NULL)
        )
      )`,
      `CREATE INDEX ix_certificates_status_valid_until ON certificates (status, valid_until)`,
      `CREATE INDEX ix_certificates_establishment ON certificates (establishment_id)`,
      `CREATE INDEX ix_certificates_decision ON certificates (decision_id)`,
      `CREATE TABLE certificate_pdfs (
        certificate_id uuid NOT NULL,
        content bytea NOT NULL,
        sha256 text NOT NULL,
        size_bytes integer NOT NULL,
        rendered_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_certificate_pdfs PRIMARY KEY (certificate_id),
        CONSTRAINT fk_certificate_pdfs_certificate FOREIGN KEY (certificate_id) REFERENCES certificates (id) ON DELETE CASCADE,
        CONSTRAINT ck_certificate_pdfs_size CHECK (size_bytes > 0)
      )`,
      // The engine records the revocation reason as lastReason and the decision reference as an attribute.
      `CREATE FUNCTION kc_certificate_status_from_instance() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE certificates
            SET status = NEW.stage,
                status_changed_at = now(),
                revocation_reason = CASE WHEN NEW.stage = 'revoked' THEN COALESCE(NEW.state->>'lastReason', '') END,
                revocation_decision_ref = CASE WHEN NEW.stage = 'revoked' THEN COALESCE(NEW.state->'attributes'->>'decisionReference', '') END
          WHERE instance_id = NEW.id AND status = 'valid';
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER tr_workflow_instances_certificate_status AFTER UPDATE OF stage ON workflow_instances
         FOR EACH ROW WHEN (NEW.stage IN ('expired', 'revoked') AND OLD.stage IS DISTINCT FROM NEW.stage)
         EXECUTE FUNCTION kc_certificate_status_from_instance()`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `DROP TRIGGER tr_workflow_instances_certificate_status ON workflow_instances`,
      `DROP FUNCTION kc_certificate_status_from_instance()`,
      `DROP TABLE certificate_pdfs`,
      `DROP TABLE certificates`,
      `DROP TABLE certificate_counters`,
      `DROP TABLE recognition_decisions`,
      `DROP TABLE entries`,
      `DROP TABLE rounds`,
      `DROP INDEX ix_organisations_type_province`,
      `DROP INDEX uq_organisations_establishment_tax_code`,
      `ALTER TABLE organisations
         DROP CONSTRAINT fk_organisations_verified_by,
         DROP CONSTRAINT fk_organisations_registered_by,
         DROP COLUMN verified_at,
         DROP COLUMN verified_by,
         DROP COLUMN registered_by`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }
}
