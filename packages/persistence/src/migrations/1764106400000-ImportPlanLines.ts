import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Spreadsheet import (issue 14). The annual plan of a province line by line: one planned amount per year, content
 * group and funding source (the unique key makes a re-imported file a no-op). The content group is the row of the
 * programme in force in the year. An establishment's address, as provinces keep it in their lists.
 */
export class ImportPlanLines1764106400000 implements MigrationInterface {
  name = 'ImportPlanLines1764106400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE annual_plan_lines (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        province_code text NOT NULL,
        year integer NOT NULL,
        programme_code text NOT NULL,
        content_group_code text NOT NULL,
        funding_source_code text NOT NULL,
        planned_amount bigint NOT NULL,
        created_by uuid NULL,
        updated_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_annual_plan_lines PRIMARY KEY (id),
        CONSTRAINT uq_annual_plan_lines_scope UNIQUE (province_code, year, content_group_code, funding_source_code),
        CONSTRAINT fk_annual_plan_lines_province FOREIGN KEY (province_code) REFERENCES administrative_units (code),
        CONSTRAINT fk_annual_plan_lines_content_group FOREIGN KEY (programme_code, content_group_code) REFERENCES content_groups (programme_code, code),
        CONSTRAINT fk_annual_plan_lines_funding_source FOREIGN KEY (funding_source_code) REFERENCES funding_sources (code),
        CONSTRAINT fk_annual_plan_lines_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT fk_annual_plan_lines_updated_by FOREIGN KEY (updated_by) REFERENCES users (id),
        CONSTRAINT ck_annual_plan_lines_amount_nonneg CHECK (planned_amount >= 0),
        CONSTRAINT ck_annual_plan_lines_year CHECK (year BETWEEN 2000 AND 2100)
      )`,
      `CREATE TRIGGER tr_annual_plan_lines_units BEFORE INSERT OR UPDATE OF province_code ON annual_plan_lines FOR EACH ROW EXECUTE FUNCTION kc_yearly_province_unit()`,
      `ALTER TABLE organisations ADD COLUMN address text NULL, ADD CONSTRAINT ck_organisations_address CHECK (address IS NULL OR char_length(address) <= 500)`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE organisations DROP CONSTRAINT ck_organisations_address, DROP COLUMN address`);
    await queryRunner.query(`DROP TABLE annual_plan_lines`);
  }
}
