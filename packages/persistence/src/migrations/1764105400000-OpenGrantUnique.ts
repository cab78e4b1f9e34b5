import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One open grant per (user, role, scope). The service's duplicate check alone let two concurrent grants through:
 * each transaction's "current" filter compares valid_from with its own start time, so a grant committed by a
 * transaction that started a moment later looks not yet valid to the other (found by the fuzz test's concurrent
 * creates). Ended grants (valid_to set) are history and may repeat. Existing duplicates are ended first, keeping
 * the oldest.
 */
export class OpenGrantUnique1764105400000 implements MigrationInterface {
  name = 'OpenGrantUnique1764105400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE role_grants g SET valid_to = GREATEST(now(), g.valid_from + interval '1 millisecond')
        WHERE g.valid_to IS NULL
          AND EXISTS (SELECT 1 FROM role_grants o
                       WHERE o.valid_to IS NULL AND o.user_id = g.user_id AND o.role = g.role AND o.scope_type = g.scope_type
                         AND o.scope_id IS NOT DISTINCT FROM g.scope_id AND (o.created_at, o.id) < (g.created_at, g.id))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_role_grants_open ON role_grants (user_id, role, scope_type, COALESCE(scope_id, '')) WHERE valid_to IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX uq_role_grants_open`);
  }
}
