import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Process B (DESIGN.md §5): khuyến công schemes with beneficiaries, budget lines, disbursements, change requests,
 * acceptances and settlements; annual plans with versions; consulting engagements, revenues and plans; report
 * export jobs. Money is integer VND (bigint, never negative). Frozen snapshot: literals only.
 */
export class Finance1764102000000 implements MigrationInterface {
  name = 'Finance1764102000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE schemes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        instance_id uuid NULL,
        code text NOT NULL,
        title text NOT NULL,
        implementing_unit text NOT NULL,
        programme_code text NOT NULL,
        content_group_code text NOT NULL,
        sub_activity text NOT NULL,
        funding_source_code text NOT NULL,
        year integer NOT NULL,
        province_code text NOT NULL,
        region_code text NULL,
        location text NOT NULL,
        requested_amount bigint NOT NULL,
        allocated_amount bigint NULL,
        progress_percent integer NOT NULL DEFAULT 0,
        contract_number text NULL,
        stage text NOT NULL DEFAULT 'draft',
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_schemes PRIMARY KEY (id),
        CONSTRAINT uq_schemes_code UNIQUE (code),
        CONSTRAINT uq_schemes_instance UNIQUE (instance_id),
        CONSTRAINT fk_schemes_instance FOREIGN KEY (instance_id) REFERENCES workflow_instances (id),
        CONSTRAINT fk_schemes_content_group FOREIGN KEY (programme_code, content_group_code) REFERENCES content_groups (programme_code, code),
        CONSTRAINT fk_schemes_funding_source FOREIGN KEY (funding_source_code) REFERENCES funding_sources (code),
        CONSTRAINT fk_schemes_province FOREIGN KEY (province_code) REFERENCES administrative_units (code),
        CONSTRAINT fk_schemes_region FOREIGN KEY (region_code) REFERENCES regions (code),
        CONSTRAINT fk_schemes_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_schemes_requested_nonneg CHECK (requested_amount >= 0),
        CONSTRAINT ck_schemes_allocated_nonneg CHECK (allocated_amount IS NULL OR allocated_amount >= 0),
        CONSTRAINT ck_schemes_progress CHECK (progress_percent BETWEEN 0 AND 100)
      )`,
      `CREATE INDEX ix_schemes_year_source_province ON schemes (year, funding_source_code, province_code)`,
      `CREATE INDEX ix_schemes_region_year ON schemes (region_code, year)`,
      `CREATE TABLE scheme_beneficiaries (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        scheme_id uuid NOT NULL,
        organisation_id uuid NULL,
        name text NOT NULL,
        support_amount bigint NOT NULL,
        co_funding_amount bigint NOT NULL,
        CONSTRAINT pk_scheme_beneficiaries PRIMARY KEY (id),
        CONSTRAINT fk_scheme_beneficiaries_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id) ON DELETE CASCADE,
        CONSTRAINT fk_scheme_beneficiaries_organisation FOREIGN KEY (organisation_id) REFERENCES organisations (id),
        CONSTRAINT ck_scheme_beneficiaries_support_nonneg CHECK (support_amount >= 0),
        CONSTRAINT ck_scheme_beneficiaries_co_funding_nonneg CHECK (co_funding_amount >= 0)
      )`,
      `CREATE INDEX ix_scheme_beneficiaries_scheme ON scheme_beneficiaries (scheme_id)`,
      `CREATE TABLE scheme_budget_lines (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        scheme_id uuid NOT NULL,
        position integer NOT NULL,
        activity_code text NOT NULL,
        description text NOT NULL,
        eligible_cost bigint NOT NULL,
        support_amount bigint NOT NULL,
        rule_code text NULL,
        CONSTRAINT pk_scheme_budget_lines PRIMARY KEY (id),
        CONSTRAINT uq_scheme_budget_lines_position UNIQUE (scheme_id, position),
        CONSTRAINT fk_scheme_budget_lines_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id) ON DELETE CASCADE,
        CONSTRAINT fk_scheme_budget_lines_rule FOREIGN KEY (rule_code) REFERENCES support_rules (code),
        CONSTRAINT ck_scheme_budget_lines_cost_nonneg CHECK (eligible_cost >= 0),
        CONSTRAINT ck_scheme_budget_lines_support_nonneg CHECK (support_amount >= 0),
        CONSTRAINT ck_scheme_budget_lines_support_le_cost CHECK (support_amount <= eligible_cost)
      )`,
      `CREATE TABLE annual_plans (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        province_code text NULL,
        funding_source_code text NOT NULL,
        year integer NOT NULL,
        current_version integer NOT NULL DEFAULT 1,
        CONSTRAINT pk_annual_plans PRIMARY KEY (id),
        CONSTRAINT fk_annual_plans_province FOREIGN KEY (province_code) REFERENCES administrative_units (code),
        CONSTRAINT fk_annual_plans_funding_source FOREIGN KEY (funding_source_code) REFERENCES funding_sources (code),
        CONSTRAINT ck_annual_plans_version_positive CHECK (current_version >= 1)
      )`,
      // One plan per province (NULL = the national plan) × source × year.
      `CREATE UNIQUE INDEX uq_annual_plans_scope ON annual_plans (COALESCE(province_code, ''), funding_source_code, year)`,
      `CREATE TABLE annual_plan_versions (
        plan_id uuid NOT NULL,
        version integer NOT NULL,
        amount bigint NOT NULL,
        kind text NOT NULL,
        reason text NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_annual_plan_versions PRIMARY KEY (plan_id, version),
        CONSTRAINT fk_annual_plan_versions_plan FOREIGN KEY (plan_id) REFERENCES annual_plans (id) ON DELETE CASCADE,
        CONSTRAINT fk_annual_plan_versions_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_annual_plan_versions_amount_nonneg CHECK (amount >= 0),
        CONSTRAINT ck_annual_plan_versions_kind CHECK (kind IN ('derived', 'adjustment')),
        CONSTRAINT ck_annual_plan_versions_version_positive CHECK (version >= 1)
      )`,
      `CREATE TABLE disbursements (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        scheme_id uuid NOT NULL,
        kind text NOT NULL,
        amount bigint NOT NULL,
        paid_on date NOT NULL,
        period text NOT NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_disbursements PRIMARY KEY (id),
        CONSTRAINT fk_disbursements_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id) ON DELETE CASCADE,
        CONSTRAINT fk_disbursements_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_disbursements_kind CHECK (kind IN ('advance', 'payment', 'settlement')),
        CONSTRAINT ck_disbursements_amount_nonneg CHECK (amount >= 0),
        CONSTRAINT ck_disbursements_period CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
      )`,
      `CREATE INDEX ix_disbursements_scheme_paid ON disbursements (scheme_id, paid_on)`,
      `CREATE TABLE scheme_changes (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        scheme_id uuid NOT NULL,
        kind text NOT NULL,
        reason text NOT NULL,
        new_allocated_amount bigint NULL,
        status text NOT NULL DEFAULT 'pending',
        requested_by uuid NULL,
        decided_by uuid NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz NULL,
        CONSTRAINT pk_scheme_changes PRIMARY KEY (id),
        CONSTRAINT fk_scheme_changes_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id) ON DELETE CASCADE,
        CONSTRAINT fk_scheme_changes_requested_by FOREIGN KEY (requested_by) REFERENCES users (id),
        CONSTRAINT fk_scheme_changes_decided_by FOREIGN KEY (decided_by) REFERENCES users (id),
        CONSTRAINT ck_scheme_changes_kind CHECK (kind IN ('adjust', 'supplement', 'suspend', 'cancel')),
        CONSTRAINT ck_scheme_changes_status CHECK (status IN ('pending', 'approved', 'rejected')),
        CONSTRAINT ck_scheme_changes_amount_nonneg CHECK (new_allocated_amount IS NULL OR new_allocated_amount >= 0)
      )`,
      `CREATE TABLE acceptances (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        scheme_id uuid NOT NULL,
        attempt integer NOT NULL,
        outcome text NOT NULL,
        conditions text NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_acceptances PRIMARY KEY (id),
        CONSTRAINT uq_acceptances_attempt UNIQUE (scheme_id, attempt),
        CONSTRAINT fk_acceptances_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id) ON DELETE CASCADE,
        CONSTRAINT ck_acceptances_outcome CHECK (outcome IN ('accepted', 'accepted_with_conditions', 'failed')),
        CONSTRAINT ck_acceptances_attempt_positive CHECK (attempt >= 1)
      )`,
      `CREATE TABLE settlements (
        scheme_id uuid NOT NULL,
        settled_amount bigint NOT NULL,
        settled_on date NOT NULL,
        recorded_against text NOT NULL,
        budget_code text NOT NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_settlements PRIMARY KEY (scheme_id),
        CONSTRAINT fk_settlements_scheme FOREIGN KEY (scheme_id) REFERENCES schemes (id) ON DELETE CASCADE,
        CONSTRAINT fk_settlements_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_settlements_amount_nonneg CHECK (settled_amount >= 0),
        CONSTRAINT ck_settlements_recorded_against CHECK (recorded_against IN ('ministry', 'province'))
      )`,
      `CREATE TABLE consulting_engagements (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        province_code text NOT NULL,
        centre_name text NOT NULL,
        client_name text NOT NULL,
        service text NOT NULL,
        contract_value bigint NOT NULL,
        signed_on date NOT NULL,
        created_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_consulting_engagements PRIMARY KEY (id),
        CONSTRAINT fk_consulting_engagements_province FOREIGN KEY (province_code) REFERENCES administrative_units (code),
        CONSTRAINT fk_consulting_engagements_created_by FOREIGN KEY (created_by) REFERENCES users (id),
        CONSTRAINT ck_consulting_engagements_value_nonneg CHECK (contract_value >= 0)
      )`,
      `CREATE INDEX ix_consulting_engagements_province ON consulting_engagements (province_code, signed_on)`,
      `CREATE TABLE consulting_revenues (
        engagement_id uuid NOT NULL,
        period text NOT NULL,
        amount bigint NOT NULL,
        CONSTRAINT pk_consulting_revenues PRIMARY KEY (engagement_id, period),
        CONSTRAINT fk_consulting_revenues_engagement FOREIGN KEY (engagement_id) REFERENCES consulting_engagements (id) ON DELETE CASCADE,
        CONSTRAINT ck_consulting_revenues_amount_nonneg CHECK (amount >= 0),
        CONSTRAINT ck_consulting_revenues_period CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$')
      )`,
      `CREATE TABLE consulting_plans (
        province_code text NOT NULL,
        year integer NOT NULL,
        amount bigint NOT NULL,
        CONSTRAINT pk_consulting_plans PRIMARY KEY (province_code, year),
        CONSTRAINT fk_consulting_plans_province FOREIGN KEY (province_code) REFERENCES administrative_units (code),
        CONSTRAINT ck_consulting_plans_amount_nonneg CHECK (amount >= 0)
      )`,
      `CREATE TABLE report_exports (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        params jsonb NOT NULL,
        status text NOT NULL DEFAULT 'queued',
        progress integer NOT NULL DEFAULT 0,
        document_id uuid NULL,
        error text NULL,
        requested_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_report_exports PRIMARY KEY (id),
        CONSTRAINT fk_report_exports_document FOREIGN KEY (document_id) REFERENCES documents (id),
        CONSTRAINT fk_report_exports_requested_by FOREIGN KEY (requested_by) REFERENCES users (id),
        CONSTRAINT ck_report_exports_status CHECK (status IN ('queued', 'running', 'done', 'failed')),
        CONSTRAINT ck_report_exports_progress CHECK (progress BETWEEN 0 AND 100)
      )`,
    ];
    for (const statement of statements) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'report_exports',
      'consulting_plans',
      'consulting_revenues',
      'consulting_engagements',
      'settlements',
      'acceptances',
      'scheme_changes',
      'disbursements',
      'annual_plan_versions',
      'annual_plans',
      'scheme_budget_lines',
      'scheme_beneficiaries',
      'schemes',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
