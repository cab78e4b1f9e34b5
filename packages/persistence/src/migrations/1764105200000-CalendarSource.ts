import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One calendar source (issue 16): data/calendar.json is seeded into calendar_days and the seed keeps following the
 * file for the days it owns, without ever touching a day an administrator added, changed or removed.
 * - `source`: 'seed' for a day as shipped, 'admin' once an administrator edits it (the default, so any other
 *   writer counts as an administrator);
 * - `projected`: a day inferred from the law's rule, not yet announced (the administrator confirms it);
 * - `removed`: an administrator removed a shipped day; the row stays as a tombstone so re-seeding does not bring
 *   it back. Readers skip removed rows.
 * Rows already present came from the seed, except dates the audit log shows an administrator touched.
 */
export class CalendarSource1764105200000 implements MigrationInterface {
  name = 'CalendarSource1764105200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE calendar_days
         ADD COLUMN source text NOT NULL DEFAULT 'admin',
         ADD COLUMN projected boolean NOT NULL DEFAULT false,
         ADD COLUMN removed boolean NOT NULL DEFAULT false,
         ADD CONSTRAINT ck_calendar_days_source CHECK (source IN ('seed', 'admin'))`,
    );
    await queryRunner.query(
      `UPDATE calendar_days d SET source = 'seed'
        WHERE NOT EXISTS (
          SELECT 1 FROM audit_log a
           WHERE a.action LIKE 'admin.calendar_day.%' AND a.target_id = d.calendar_code
             AND d.date::text IN (a.details->>'date', a.details->'after'->>'date'))`,
    );
    // Days an administrator removed before this migration become tombstones, unless the date is in use again.
    await queryRunner.query(
      `INSERT INTO calendar_days (calendar_code, date, kind, name, source, removed)
       SELECT DISTINCT ON (a.target_id, a.details->>'date') a.target_id, (a.details->>'date')::date, a.details->>'kind', a.details->>'name', 'admin', true
         FROM audit_log a
         JOIN calendars c ON c.code = a.target_id
        WHERE a.action = 'admin.calendar_day.delete' AND a.details->>'kind' IN ('holiday', 'makeup_workday')
        ORDER BY a.target_id, a.details->>'date', a.at DESC
       ON CONFLICT (calendar_code, date) DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM calendar_days WHERE removed`);
    await queryRunner.query(
      `ALTER TABLE calendar_days DROP CONSTRAINT ck_calendar_days_source, DROP COLUMN removed, DROP COLUMN projected, DROP COLUMN source`,
    );
  }
}
