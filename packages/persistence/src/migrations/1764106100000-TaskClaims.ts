import { type MigrationInterface, type QueryRunner } from 'typeorm';

const ACCENTED = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ';
const PLAIN = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydaaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';

/**
 * Claims on inbox work (issue 14): an officer takes a role row of the inbox ("Gia Lai's provincial officers
 * screen this entry") as theirs. Advisory: colleagues still see the row, marked with the claimant's name, and
 * the engine does not restrict who acts. A claim names the row by what makes it (instance, stage, role,
 * scope), not by the row's id — open_tasks rows are rewritten on every command, timers included — and it ends
 * when the instance leaves the stage (trigger), so a dossier returned and resubmitted comes back unclaimed.
 * One claim per row: the primary key makes two simultaneous claims resolve to exactly one winner.
 */
export class TaskClaims1764106100000 implements MigrationInterface {
  name = 'TaskClaims1764106100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE task_claims (
        instance_id uuid NOT NULL,
        stage text NOT NULL,
        role text NOT NULL,
        scope_type text NOT NULL,
        scope_key text NOT NULL,
        claimed_by uuid NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        assigned_by uuid NULL,
        CONSTRAINT pk_task_claims PRIMARY KEY (instance_id, stage, role, scope_type, scope_key),
        CONSTRAINT fk_task_claims_instance FOREIGN KEY (instance_id) REFERENCES workflow_instances (id) ON DELETE CASCADE,
        CONSTRAINT fk_task_claims_claimed_by FOREIGN KEY (claimed_by) REFERENCES users (id),
        CONSTRAINT fk_task_claims_assigned_by FOREIGN KEY (assigned_by) REFERENCES users (id)
      )`,
      `COMMENT ON COLUMN task_claims.scope_key IS 'open_tasks.scope_id, or the empty string for a national row'`,
      `COMMENT ON COLUMN task_claims.assigned_by IS 'Who reassigned the row to claimed_by; null when claimed_by took it themselves'`,
      `CREATE INDEX ix_task_claims_claimed_by ON task_claims (claimed_by)`,
      `CREATE FUNCTION kc_task_claims_end_with_stage() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM task_claims WHERE instance_id = NEW.id AND stage <> NEW.stage;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER tr_workflow_instances_end_claims AFTER UPDATE OF stage ON workflow_instances
       FOR EACH ROW WHEN (OLD.stage IS DISTINCT FROM NEW.stage) EXECUTE FUNCTION kc_task_claims_end_with_stage()`,
      // Accent- and case-insensitive matching of Vietnamese names for the inbox search ("banh" finds "Bánh").
      `CREATE FUNCTION kc_task_search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT lower(translate($1, '${ACCENTED}', '${PLAIN}')) $$`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      'DROP FUNCTION kc_task_search_fold(text)',
      'DROP TRIGGER tr_workflow_instances_end_claims ON workflow_instances',
      'DROP FUNCTION kc_task_claims_end_with_stage()',
      'DROP TABLE task_claims',
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }
}
