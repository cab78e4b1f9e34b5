import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A contact phone number people give when they register themselves on the public page (issue 13). Optional and
 * free-form within a short bound: officers call it, nothing dials it.
 */
export class UserPhone1764105600000 implements MigrationInterface {
  name = 'UserPhone1764105600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN phone text NULL, ADD CONSTRAINT ck_users_phone CHECK (phone IS NULL OR char_length(phone) BETWEEN 6 AND 30)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT ck_users_phone, DROP COLUMN phone`);
  }
}
