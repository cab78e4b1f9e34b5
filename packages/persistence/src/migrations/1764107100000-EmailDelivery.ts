import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * E-mails that keep up and do not flood (issue 19). Each user chooses how notification e-mails reach them:
 * `immediate` (the first goes at once; those arriving within the next minute are held and go together as one
 * message when the minute ends) or `daily` (one digest a morning). In-app notifications are unaffected.
 *
 * `email_windows` is the worker's per-person state, one row per user who was ever e-mailed: the row is what
 * deliveries and flushes of the same person lock, so they take turns, and it says
 * - `quiet_until`: the end of the combining window opened by the last message sent at once (immediate users);
 * - `flush_at`: when the e-mails held for the person are due to go (NULL when none is held), which the overdue
 *   sweep reads (ix_email_windows_flush), so a lost delayed flush job cannot lose an e-mail.
 * The partial index on unsent e-mail rows lets a delivery find a person's held e-mails, and the sweep find
 * e-mails no flush was scheduled for, without reading every notification.
 */
export class EmailDelivery1764107100000 implements MigrationInterface {
  name = 'EmailDelivery1764107100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN email_delivery text NOT NULL DEFAULT 'immediate',
         ADD CONSTRAINT ck_users_email_delivery CHECK (email_delivery IN ('immediate', 'daily'))`,
    );
    await queryRunner.query(
      `CREATE TABLE email_windows (
        user_id uuid NOT NULL,
        quiet_until timestamptz NULL,
        flush_at timestamptz NULL,
        CONSTRAINT pk_email_windows PRIMARY KEY (user_id),
        CONSTRAINT fk_email_windows_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
      )`,
    );
    await queryRunner.query(`CREATE INDEX ix_email_windows_flush ON email_windows (flush_at) WHERE flush_at IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX ix_notifications_email_unsent ON notifications (user_id, created_at) WHERE channel = 'email' AND NOT (data ? 'sentAt')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX ix_notifications_email_unsent`);
    await queryRunner.query(`DROP TABLE email_windows`);
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT ck_users_email_delivery, DROP COLUMN email_delivery`);
  }
}
