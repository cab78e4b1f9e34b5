import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes for the read path at scale (found by the read benchmark, docs/benchmarks.md): the entry list walks
 * entries newest first and stops at its page, and the inbox walks open tasks in deadline order (tasks without a
 * deadline last, as the inbox orders them) instead of sorting every task the caller may see.
 */
export class ReadPathIndexes1764103500000 implements MigrationInterface {
  name = 'ReadPathIndexes1764103500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX ix_entries_created ON entries (created_at DESC, instance_id)`);
    await queryRunner.query(`CREATE INDEX ix_open_tasks_due_order ON open_tasks ((coalesce(due_at, '9999-12-31T00:00:00.000Z'::timestamptz)), id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_open_tasks_due_order`);
    await queryRunner.query(`DROP INDEX ix_entries_created`);
  }
}
