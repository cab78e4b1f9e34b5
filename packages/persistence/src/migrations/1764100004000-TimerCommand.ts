import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Timers remember the engine command they send when they fire (the domain names it per timer). */
export class TimerCommand1764100004000 implements MigrationInterface {
  name = 'TimerCommand1764100004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE timers ADD COLUMN command text NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE timers DROP COLUMN command`);
  }
}
