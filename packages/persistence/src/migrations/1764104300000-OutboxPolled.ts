import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The outbox no longer NOTIFYs on insert: the relay polls it every few tens of milliseconds instead. A
 * transaction that calls NOTIFY takes one database-wide lock at commit and holds it through its WAL flush, so
 * every workflow command (they all insert outbox rows) committed one after another: 2,921–3,188 single-row
 * commits/s without NOTIFY against 666–984 with it on this machine (docs/benchmarks.md). A poll of an empty
 * outbox is one index probe (ix_outbox_unrelayed).
 */
export class OutboxPolled1764104300000 implements MigrationInterface {
  name = 'OutboxPolled1764104300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_outbox_notify ON outbox`);
    await queryRunner.query(`DROP FUNCTION kc_outbox_notify()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION kc_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('outbox', '');
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(`CREATE TRIGGER tr_outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION kc_outbox_notify()`);
  }
}
