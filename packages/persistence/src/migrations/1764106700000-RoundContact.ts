import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Whom an applicant contacts about a round (issue 15): the office or person, a phone and an e-mail, each optional
 * (without them the screen names the organiser by level). The checks repeat the API's rules so that no other writer
 * stores a number nobody can dial or an address nobody can write to. The name's bound counts code points and is
 * looser than the API's (which counts UTF-16 units), so whatever the API accepts the table accepts.
 */
export class RoundContact1764106700000 implements MigrationInterface {
  name = 'RoundContact1764106700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rounds
      ADD COLUMN contact_name text NULL,
      ADD COLUMN contact_phone text NULL,
      ADD COLUMN contact_email text NULL,
      ADD CONSTRAINT ck_rounds_contact_name CHECK (contact_name IS NULL OR char_length(contact_name) BETWEEN 1 AND 300),
      ADD CONSTRAINT ck_rounds_contact_phone CHECK (contact_phone IS NULL OR contact_phone ~ '^[0-9 +.()-]{8,20}$'),
      ADD CONSTRAINT ck_rounds_contact_email CHECK (contact_email IS NULL OR (char_length(contact_email) <= 254 AND contact_email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE rounds
      DROP CONSTRAINT ck_rounds_contact_email,
      DROP CONSTRAINT ck_rounds_contact_phone,
      DROP CONSTRAINT ck_rounds_contact_name,
      DROP COLUMN contact_email,
      DROP COLUMN contact_phone,
      DROP COLUMN contact_name`);
  }
}
