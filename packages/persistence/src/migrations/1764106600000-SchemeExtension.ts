import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A scheme's planned completion date and the "extend" change request (gia hạn thời gian thực hiện, issue 14): the
 * implementing unit asks for a later date, the appraiser approves it, and the scheme's date moves. An extension
 * names its new date; the other kinds never carry one.
 */
export class SchemeExtension1764106600000 implements MigrationInterface {
  name = 'SchemeExtension1764106600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE schemes ADD COLUMN ends_on date NULL`);
    await queryRunner.query(`ALTER TABLE scheme_changes ADD COLUMN new_ends_on date NULL`);
    await queryRunner.query(`ALTER TABLE scheme_changes DROP CONSTRAINT ck_scheme_changes_kind`);
    await queryRunner.query(
      `ALTER TABLE scheme_changes ADD CONSTRAINT ck_scheme_changes_kind CHECK (kind IN ('adjust', 'supplement', 'suspend', 'cancel', 'extend'))`,
    );
    await queryRunner.query(`ALTER TABLE scheme_changes ADD CONSTRAINT ck_scheme_changes_extend_date CHECK ((kind = 'extend') = (new_ends_on IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM scheme_changes WHERE kind = 'extend'`);
    await queryRunner.query(`ALTER TABLE scheme_changes DROP CONSTRAINT ck_scheme_changes_extend_date`);
    await queryRunner.query(`ALTER TABLE scheme_changes DROP CONSTRAINT ck_scheme_changes_kind`);
    await queryRunner.query(`ALTER TABLE scheme_changes ADD CONSTRAINT ck_scheme_changes_kind CHECK (kind IN ('adjust', 'supplement', 'suspend', 'cancel'))`);
    await queryRunner.query(`ALTER TABLE scheme_changes DROP COLUMN new_ends_on`);
    await queryRunner.query(`ALTER TABLE schemes DROP COLUMN ends_on`);
  }
}
