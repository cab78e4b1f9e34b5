import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Reference data: geography with dated validity, contest regions, funding sources, programmes and content groups,
 * support caps, criteria sets, product groups, working-day calendars and organisations.
 * Migrations are frozen snapshots: the lists in check constraints are literals here, never imported.
 */
export class ReferenceData1764100000000 implements MigrationInterface {
  name = 'ReferenceData1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE administrative_units (
        code text NOT NULL,
        name text NOT NULL,
        level text NOT NULL,
        parent_code text NULL,
        valid_from date NOT NULL,
        valid_to date NULL,
        CONSTRAINT pk_administrative_units PRIMARY KEY (code),
        CONSTRAINT fk_administrative_units_parent FOREIGN KEY (parent_code) REFERENCES administrative_units (code),
        CONSTRAINT ck_administrative_units_level CHECK (level IN ('province', 'district', 'commune')),
        CONSTRAINT ck_administrative_units_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`,
      `CREATE INDEX ix_administrative_units_level_parent ON administrative_units (level, parent_code)`,
      `CREATE TABLE unit_successions (
        from_code text NOT NULL,
        to_code text NOT NULL,
        effective_date date NOT NULL,
        CONSTRAINT pk_unit_successions PRIMARY KEY (from_code, to_code, effective_date),
        CONSTRAINT fk_unit_successions_from FOREIGN KEY (from_code) REFERENCES administrative_units (code),
        CONSTRAINT fk_unit_successions_to FOREIGN KEY (to_code) REFERENCES administrative_units (code)
      )`,
      `CREATE INDEX ix_unit_successions_to ON unit_successions (to_code)`,
      `CREATE TABLE regions (
        code text NOT NULL,
        name text NOT NULL,
        CONSTRAINT pk_regions PRIMARY KEY (code)
      )`,
      `CREATE TABLE region_memberships (
        region_code text NOT NULL,
        unit_code text NOT NULL,
        valid_from date NOT NULL,
        valid_to date NULL,
        CONSTRAINT pk_region_memberships PRIMARY KEY (region_code, unit_code, valid_from),
        CONSTRAINT fk_region_memberships_region FOREIGN KEY (region_code) REFERENCES regions (code),
        CONSTRAINT fk_region_memberships_unit FOREIGN KEY (unit_code) REFERENCES administrative_units (code),
        CONSTRAINT ck_region_memberships_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`,
      `CREATE INDEX ix_region_memberships_unit ON region_memberships (unit_code, valid_from)`,
      `CREATE TABLE funding_sources (
        code text NOT NULL,
        name text NOT NULL,
        owner text NOT NULL,
        CONSTRAINT pk_funding_sources PRIMARY KEY (code)
      )`,
      `CREATE TABLE programmes (
        code text NOT NULL,
        basis text NOT NULL,
        period_start_year integer NOT NULL,
        period_end_year integer NOT NULL,
        CONSTRAINT pk_programmes PRIMARY KEY (code),
        CONSTRAINT ck_programmes_period CHECK (period_end_year >= period_start_year)
      )`,
      `CREATE TABLE content_groups (
        programme_code text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        position integer NOT NULL,
        CONSTRAINT pk_content_groups PRIMARY KEY (programme_code, code),
        CONSTRAINT fk_content_groups_programme FOREIGN KEY (programme_code) REFERENCES programmes (code)
      )`,
      `CREATE TABLE support_rules (
        code text NOT NULL,
        basis text NOT NULL,
        funding_source_code text NOT NULL,
        province_code text NULL,
        activity_code text NOT NULL,
        activity_name text NOT NULL,
        max_percent numeric(5, 2) NULL,
        max_amount bigint NULL,
        per text NULL,
        conditions jsonb NOT NULL DEFAULT '{}'::jsonb,
        valid_from date NOT NULL,
        valid_to date NULL,
        CONSTRAINT pk_support_rules PRIMARY KEY (code),
        CONSTRAINT fk_support_rules_funding_source FOREIGN KEY (funding_source_code) REFERENCES funding_sources (code),
        CONSTRAINT fk_support_rules_province FOREIGN KEY (province_code) REFERENCES administrative_units (code),
        CONSTRAINT ck_support_rules_max_percent CHECK (max_percent IS NULL OR (max_percent >= 0 AND max_percent <= 100)),
        CONSTRAINT ck_support_rules_max_amount_nonneg CHECK (max_amount IS NULL OR max_amount >= 0),
        CONSTRAINT ck_support_rules_validity CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`,
      `CREATE INDEX ix_support_rules_lookup ON support_rules (funding_source_code, activity_code, valid_from)`,
      `CREATE TABLE criteria_sets (
        code text NOT NULL,
        name text NOT NULL,
        basis text NOT NULL,
        CONSTRAINT pk_criteria_sets PRIMARY KEY (code)
      )`,
      `CREATE TABLE criteria_groups (
        criteria_set_code text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        max_points integer NOT NULL,
        position integer NOT NULL,
        CONSTRAINT pk_criteria_groups PRIMARY KEY (criteria_set_code, code),
        CONSTRAINT fk_criteria_groups_criteria_set FOREIGN KEY (criteria_set_code) REFERENCES criteria_sets (code),
        CONSTRAINT ck_criteria_groups_max_points_nonneg CHECK (max_points >= 0)
      )`,
      `CREATE TABLE product_groups (
        code text NOT NULL,
        name text NOT NULL,
        position integer NOT NULL,
        CONSTRAINT pk_product_groups PRIMARY KEY (code)
      )`,
      `CREATE TABLE calendars (
        code text NOT NULL,
        name text NOT NULL,
        weekend_days smallint[] NOT NULL,
        CONSTRAINT pk_calendars PRIMARY KEY (code),
        CONSTRAINT ck_calendars_weekend_days CHECK (weekend_days <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[])
      )`,
      `CREATE TABLE calendar_days (
        calendar_code text NOT NULL,
        date date NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        CONSTRAINT pk_calendar_days PRIMARY KEY (calendar_code, date),
        CONSTRAINT fk_calendar_days_calendar FOREIGN KEY (calendar_code) REFERENCES calendars (code),
        CONSTRAINT ck_calendar_days_kind CHECK (kind IN ('holiday', 'makeup_workday'))
      )`,
      `CREATE TABLE organisations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        type text NOT NULL,
        name text NOT NULL,
        legal_form text NULL,
        registration_number text NULL,
        tax_code text NULL,
        commune_code text NULL,
        province_code text NULL,
        verified boolean NOT NULL DEFAULT false,
        priority_flags jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organisations PRIMARY KEY (id),
        CONSTRAINT fk_organisations_province FOREIGN KEY (province_code) REFERENCES administrative_units (code),
        CONSTRAINT ck_organisations_type CHECK (type IN ('establishment', 'provincial_centre', 'provincial_department', 'commune_committee', 'ministry_department')),
        CONSTRAINT ck_organisations_legal_form CHECK (legal_form IS NULL OR legal_form IN ('enterprise', 'cooperative', 'household_business'))
      )`,
      `CREATE UNIQUE INDEX uq_organisations_tax_code ON organisations (tax_code) WHERE tax_code IS NOT NULL`,
      `CREATE INDEX ix_organisations_province_type ON organisations (province_code, type)`,
      `CREATE INDEX ix_organisations_commune ON organisations (commune_code)`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const tables = [
      'organisations',
      'calendar_days',
      'calendars',
      'product_groups',
      'criteria_groups',
      'criteria_sets',
      'support_rules',
      'content_groups',
      'programmes',
      'funding_sources',
      'region_memberships',
      'regions',
      'unit_successions',
      'administrative_units',
    ];
    for (const table of tables) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
