import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The workflow core: definitions (immutable once published), instances with optimistic versions and list
 * columns, the append-only hash-chained event log, and the inbox of open tasks.
 *
 * Hash chain (computed by the database so every writer gets it right):
 *   hash = hex(sha256(prev_hash || jsonb_build_array(instance_id, seq, type, actor_user_id, occurred_at_us, data)::text))
 * where occurred_at_us is microseconds since the epoch (time-zone independent) and prev_hash is the previous
 * event's hash of the same instance, or 64 zeros for seq 1. The trigger also assigns seq = last seq + 1.
 */
export class Workflow1764100002000 implements MigrationInterface {
  name = 'Workflow1764100002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE workflow_definitions (
        code text NOT NULL,
        version integer NOT NULL,
        status text NOT NULL DEFAULT 'draft',
        body jsonb NOT NULL,
        published_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_workflow_definitions PRIMARY KEY (code, version),
        CONSTRAINT ck_workflow_definitions_status CHECK (status IN ('draft', 'published')),
        CONSTRAINT ck_workflow_definitions_version_positive CHECK (version >= 1),
        CONSTRAINT ck_workflow_definitions_published_at CHECK ((status = 'published') = (published_at IS NOT NULL))
      )`,
      `CREATE FUNCTION kc_workflow_definitions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF OLD.status = 'published' THEN
           RAISE EXCEPTION 'workflow definition %@% is published and immutable: % refused', OLD.code, OLD.version, TG_OP
             USING ERRCODE = 'integrity_constraint_violation';
         END IF;
         IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER tr_workflow_definitions_immutable BEFORE UPDATE OR DELETE ON workflow_definitions
       FOR EACH ROW EXECUTE FUNCTION kc_workflow_definitions_immutable()`,

      `CREATE TABLE workflow_instances (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        definition_code text NOT NULL,
        definition_version integer NOT NULL,
        version integer NOT NULL DEFAULT 1,
        stage text NOT NULL,
        status text NOT NULL,
        state jsonb NOT NULL,
        subject_kind text NOT NULL,
        establishment_id uuid NULL,
        commune_code text NULL,
        province_code text NULL,
        region_code text NULL,
        round_id uuid NULL,
        year integer NULL,
        level text NULL,
        product_group text NULL,
        due_at timestamptz NULL,
        sla_state text NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_workflow_instances PRIMARY KEY (id),
        CONSTRAINT fk_workflow_instances_definition FOREIGN KEY (definition_code, definition_version) REFERENCES workflow_definitions (code, version),
        CONSTRAINT fk_workflow_instances_establishment FOREIGN KEY (establishment_id) REFERENCES organisations (id),
        CONSTRAINT fk_workflow_instances_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_workflow_instances_version_positive CHECK (version >= 1),
        CONSTRAINT ck_workflow_instances_subject_kind CHECK (subject_kind IN ('entry', 'scheme'))
      )`,
      `CREATE INDEX ix_instances_stage_due ON workflow_instances (stage, due_at)`,
      `CREATE INDEX ix_instances_establishment ON workflow_instances (establishment_id, updated_at DESC)`,
      `CREATE INDEX ix_instances_province_year ON workflow_instances (province_code, year, stage)`,
      `CREATE INDEX ix_instances_commune_year ON workflow_instances (commune_code, year, stage)`,
      `CREATE INDEX ix_instances_region_year ON workflow_instances (region_code, year, stage)`,
      `CREATE INDEX ix_instances_round ON workflow_instances (round_id, stage) WHERE round_id IS NOT NULL`,
      `CREATE INDEX ix_instances_definition ON workflow_instances (definition_code, definition_version)`,

      `CREATE TABLE workflow_events (
        id bigserial NOT NULL,
        instance_id uuid NOT NULL,
        seq integer NOT NULL,
        type text NOT NULL,
        actor_user_id uuid NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CONSTRAINT pk_workflow_events PRIMARY KEY (id),
        CONSTRAINT fk_workflow_events_instance FOREIGN KEY (instance_id) REFERENCES workflow_instances (id),
        CONSTRAINT fk_workflow_events_actor FOREIGN KEY (actor_user_id) REFERENCES users (id),
        CONSTRAINT uq_workflow_events_instance_seq UNIQUE (instance_id, seq),
        CONSTRAINT ck_workflow_events_seq_positive CHECK (seq >= 1)
      )`,
      `CREATE FUNCTION kc_workflow_event_hash(p_prev_hash text, p_instance_id uuid, p_seq integer, p_type text,
                                              p_actor_user_id uuid, p_data jsonb, p_occurred_at timestamptz)
       RETURNS text LANGUAGE sql STABLE AS $$
         SELECT encode(sha256(convert_to(
           p_prev_hash || jsonb_build_array(p_instance_id, p_seq, p_type, p_actor_user_id,
                                            (extract(epoch FROM p_occurred_at) * 1000000)::bigint, p_data)::text,
           'UTF8')), 'hex')
       $$`,
      `CREATE FUNCTION kc_workflow_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         last_seq integer;
         last_hash text;
       BEGIN
         -- Concurrent appends to one instance read the same last row; the loser hits uq_workflow_events_instance_seq.
         SELECT e.seq, e.hash INTO last_seq, last_hash
           FROM workflow_events e WHERE e.instance_id = NEW.instance_id ORDER BY e.seq DESC LIMIT 1;
         NEW.seq := coalesce(last_seq, 0) + 1;
         NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
         NEW.hash := kc_workflow_event_hash(NEW.prev_hash, NEW.instance_id, NEW.seq, NEW.type, NEW.actor_user_id, NEW.data, NEW.occurred_at);
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER tr_workflow_events_chain BEFORE INSERT ON workflow_events
       FOR EACH ROW EXECUTE FUNCTION kc_workflow_events_chain()`,
      `CREATE FUNCTION kc_refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE TRIGGER tr_workflow_events_append_only BEFORE UPDATE OR DELETE ON workflow_events
       FOR EACH ROW EXECUTE FUNCTION kc_refuse_append_only_change()`,
      `CREATE TRIGGER tr_workflow_events_no_truncate BEFORE TRUNCATE ON workflow_events
       FOR EACH STATEMENT EXECUTE FUNCTION kc_refuse_append_only_change()`,

      `CREATE TABLE open_tasks (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        instance_id uuid NOT NULL,
        stage text NOT NULL,
        actions text[] NOT NULL,
        assignee_user_id uuid NULL,
        role text NOT NULL,
        scope_type text NOT NULL,
        scope_id text NULL,
        due_at timestamptz NULL,
        sla_state text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_open_tasks PRIMARY KEY (id),
        CONSTRAINT fk_open_tasks_instance FOREIGN KEY (instance_id) REFERENCES workflow_instances (id) ON DELETE CASCADE,
        CONSTRAINT fk_open_tasks_assignee FOREIGN KEY (assignee_user_id) REFERENCES users (id),
        CONSTRAINT ck_open_tasks_actions_nonempty CHECK (cardinality(actions) > 0),
        CONSTRAINT ck_open_tasks_role CHECK (role IN ('applicant', 'commune_officer', 'provincial_officer', 'judge', 'council_member', 'council_chair', 'central_officer', 'signer', 'admin')),
        CONSTRAINT ck_open_tasks_scope_type CHECK (scope_type IN ('establishment', 'commune', 'province', 'region', 'national'))
      )`,
      `CREATE INDEX ix_open_tasks_instance ON open_tasks (instance_id)`,
      `CREATE INDEX ix_open_tasks_assignee_due ON open_tasks (assignee_user_id, due_at) WHERE assignee_user_id IS NOT NULL`,
      `CREATE INDEX ix_open_tasks_role_scope_due ON open_tasks (role, scope_type, scope_id, due_at)`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      'DROP TABLE open_tasks',
      'DROP TABLE workflow_events',
      'DROP FUNCTION kc_refuse_append_only_change()',
      'DROP FUNCTION kc_workflow_events_chain()',
      'DROP FUNCTION kc_workflow_event_hash(text, uuid, integer, text, uuid, jsonb, timestamptz)',
      'DROP TABLE workflow_instances',
      'DROP TABLE workflow_definitions',
      'DROP FUNCTION kc_workflow_definitions_immutable()',
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }
}
