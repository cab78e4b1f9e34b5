import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Rules as dated data with their legal source (issue 16):
 * - support_rules.article: the article of the instrument (`basis`) that sets the cap (null = not yet verified);
 * - scheme_rules: advance rules (percent of the allocation, the progress they need first) and the yearly
 *   registration deadline for national funds, dated and cited like the caps, a province's row winning over the
 *   nationwide one;
 * - content_groups.carried_from_programme: a programme whose groups were not published yet reuses the previous
 *   programme's list, and says so.
 * Existing databases are corrected here (the seed keeps rows an administrator may have edited): TT 28/2018/TT-BTC is
 * in force from 11 May 2018, not 2021; the old Đắk Lắk's own rules end on 30 June 2025 (the seed adds the rows of
 * its successor `dak-lak-2025` from 1 July 2025, citing the same decision).
 */
export class DatedRules1764105100000 implements MigrationInterface {
  name = 'DatedRules1764105100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE support_rules ADD COLUMN article text NULL`,
      `CREATE TABLE scheme_rules (
        code text NOT NULL,
        kind text NOT NULL,
        basis text NOT NULL,
        article text NULL,
        description text NOT NULL,
        funding_source_code text NULL,
        province_code text NULL,
        activity_codes text[] NOT NULL DEFAULT '{}',
        max_percent numeric(5, 2) NULL,
        progress_above numeric(5, 2) NULL,
        deadline_month_day text NULL,
        deadline_year_offset integer NULL,
        valid_from date NOT NULL,
        valid_to date NULL,
        CONSTRAINT pk_scheme_rules PRIMARY KEY (code),
        CONSTRAINT fk_scheme_rules_funding_source FOREIGN KEY (funding_source_code) REFERENCES funding_sources (code),
        CONSTRAINT fk_scheme_rules_province FOREIGN KEY (province_code) REFERENCES administrative_units (code),
        CONSTRAINT ck_scheme_rules_kind CHECK (kind IN ('advance', 'registration_deadline')),
        CONSTRAINT ck_scheme_rules_advance CHECK (kind <> 'advance' OR (max_percent IS NOT NULL AND max_percent >= 0 AND max_percent <= 100)),
        CONSTRAINT ck_scheme_rules_progress CHECK (progress_above IS NULL OR (progress_above >= 0 AND progress_above <= 100)),
        CONSTRAINT ck_scheme_rules_deadline CHECK (kind <> 'registration_deadline' OR (deadline_month_day ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' AND deadline_year_offset IS NOT NULL)),
        CONSTRAINT ck_scheme_rules_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`,
      `CREATE INDEX ix_scheme_rules_lookup ON scheme_rules (kind, valid_from)`,
      `ALTER TABLE content_groups ADD COLUMN carried_from_programme text NULL`,
      `ALTER TABLE content_groups ADD CONSTRAINT fk_content_groups_carried_from FOREIGN KEY (carried_from_programme) REFERENCES programmes (code)`,
      // A budget line names the establishment it supports (caps "per establishment" sum its lines) and whether it is a
      // technology line (the cap's multiplier applies).
      `ALTER TABLE scheme_budget_lines ADD COLUMN establishment_id uuid NULL`,
      `ALTER TABLE scheme_budget_lines ADD COLUMN technology_line boolean NOT NULL DEFAULT false`,
      `UPDATE support_rules SET valid_from = DATE '2018-05-11' WHERE basis = 'TT 28/2018/TT-BTC' AND valid_from = DATE '2021-01-01'`,
      `UPDATE support_rules SET article = 'khoản 4 Điều 8' WHERE code = 'TT28-2018-NATIONAL-ADVANCED_MACHINERY' AND article IS NULL`,
      `UPDATE support_rules SET valid_to = DATE '2025-06-30' WHERE province_code = 'dak-lak' AND valid_to IS NULL`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE scheme_budget_lines DROP COLUMN technology_line`);
    await queryRunner.query(`ALTER TABLE scheme_budget_lines DROP COLUMN establishment_id`);
    await queryRunner.query(`ALTER TABLE content_groups DROP CONSTRAINT fk_content_groups_carried_from`);
    await queryRunner.query(`ALTER TABLE content_groups DROP COLUMN carried_from_programme`);
    await queryRunner.query(`DROP TABLE scheme_rules`);
    await queryRunner.query(`ALTER TABLE support_rules DROP COLUMN article`);
  }
}
