import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A draft or returned scheme can be rewritten by its province (issue 14). An edit changes no workflow event, so the
 * instance's version does not move; the scheme's own revision does, and an edit names the revision it was made on
 * (If-Match): of two officers editing the same draft at once, the second is told it changed instead of silently
 * overwriting the first. It starts at 1, like a version.
 */
export class SchemeRevision1764106900000 implements MigrationInterface {
  name = 'SchemeRevision1764106900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE schemes ADD COLUMN revision integer NOT NULL DEFAULT 1, ADD CONSTRAINT ck_schemes_revision CHECK (revision >= 1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE schemes DROP CONSTRAINT ck_schemes_revision, DROP COLUMN revision`);
  }
}
