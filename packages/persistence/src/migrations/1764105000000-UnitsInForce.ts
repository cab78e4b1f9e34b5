import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Units in force (issue 16). The 34 provinces after the 2025 reform carry their official 2-digit code; the 3,321
 * communes are seeded as units of level `commune` under them. New records must use units in force on their date:
 * one check function, called by a BEFORE trigger on every table that names a unit, refuses the row with
 * SQLSTATE 23514 and a constraint name the API maps once (`ck_unit_in_force` → 422 UNIT_NOT_IN_FORCE naming the
 * successors, `ck_unit_known` → 422 UNKNOWN_UNIT, `ck_commune_in_province` → 422 COMMUNE_OUTSIDE_PROVINCE), the
 * detail being JSON with the unit, the date and the successors. Only inserts and changes of the unit column are
 * checked, so old records stay on their old units.
 *
 * Dates: an organisation its creation day (a change of unit: today), a round its registration opening day, a grant
 * its first valid day, a consulting engagement its signing day (all in Asia/Ho_Chi_Minh); a scheme and a plan are
 * of a year, so their unit must be in force on some day of that year. Commune codes unknown to the reference data
 * stay accepted as free text only where no commune data exists on the date (before 2025-07-01).
 */
export class UnitsInForce1764105000000 implements MigrationInterface {
  name = 'UnitsInForce1764105000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE administrative_units ADD COLUMN official_code text NULL`,
      `CREATE UNIQUE INDEX uq_administrative_units_official_code ON administrative_units (level, official_code) WHERE official_code IS NOT NULL`,
      `CREATE FUNCTION kc_local_date(at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
         SELECT (COALESCE(at, now()) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
       $$`,
      // Raises unless the unit exists at the level and is in force on some day of [from, to]; returns its parent.
      `CREATE FUNCTION kc_check_unit(p_code text, p_level text, p_from date, p_to date) RETURNS text LANGUAGE plpgsql STABLE AS $$
       DECLARE
         unit administrative_units%ROWTYPE;
         successors jsonb;
       BEGIN
         IF p_code IS NULL THEN RETURN NULL; END IF;
         SELECT * INTO unit FROM administrative_units WHERE code = p_code;
         IF NOT FOUND OR unit.level <> p_level THEN
           -- Free-text communes of the time before any commune data: accepted as they always were.
           IF p_level = 'commune' AND NOT FOUND AND NOT EXISTS (
             SELECT 1 FROM administrative_units c
              WHERE c.level = 'commune' AND c.valid_from <= p_to AND (c.valid_to IS NULL OR c.valid_to >= p_from)
           ) THEN
             RETURN NULL;
           END IF;
           RAISE EXCEPTION 'unknown % unit %', p_level, p_code USING ERRCODE = '23514', CONSTRAINT = 'ck_unit_known',
             DETAIL = jsonb_build_object('unitCode', p_code, 'level', p_level)::text;
         END IF;
         IF unit.valid_from > p_to OR (unit.valid_to IS NOT NULL AND unit.valid_to < p_from) THEN
           SELECT COALESCE(jsonb_agg(jsonb_build_object('code', t.code, 'name', t.name) ORDER BY t.code), '[]'::jsonb) INTO successors
             FROM unit_successions s JOIN administrative_units t ON t.code = s.to_code
            WHERE s.from_code = unit.code;
           RAISE EXCEPTION 'unit % is not in force on %', p_code, p_from USING ERRCODE = '23514', CONSTRAINT = 'ck_unit_in_force',
             DETAIL = jsonb_build_object('unitCode', unit.code, 'unitName', unit.name, 'date', p_from, 'dateTo', p_to,
               'validFrom', unit.valid_from, 'validTo', unit.valid_to, 'successors', successors)::text;
         END IF;
         RETURN unit.parent_code;
       END $$`,
      `CREATE FUNCTION kc_organisations_units() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         day date := CASE WHEN TG_OP = 'INSERT' THEN kc_local_date(NEW.created_at) ELSE kc_local_date(now()) END;
         parent text;
       BEGIN
         IF TG_OP = 'UPDATE' AND NEW.province_code IS NOT DISTINCT FROM OLD.province_code AND NEW.commune_code IS NOT DISTINCT FROM OLD.commune_code THEN
           RETURN NEW;
         END IF;
         PERFORM kc_check_unit(NEW.province_code, 'province', day, day);
         parent := kc_check_unit(NEW.commune_code, 'commune', day, day);
         IF parent IS NOT NULL AND parent IS DISTINCT FROM NEW.province_code THEN
           RAISE EXCEPTION 'commune % is not in province %', NEW.commune_code, NEW.province_code USING ERRCODE = '23514',
             CONSTRAINT = 'ck_commune_in_province',
             DETAIL = jsonb_build_object('communeCode', NEW.commune_code, 'provinceCode', NEW.province_code, 'communeProvinceCode', parent, 'date', day)::text;
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER tr_organisations_units BEFORE INSERT OR UPDATE OF province_code, commune_code ON organisations
         FOR EACH ROW EXECUTE FUNCTION kc_organisations_units()`,
      `CREATE FUNCTION kc_rounds_units() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE day date := kc_local_date(NEW.registration_opens_at);
       BEGIN
         IF NEW.scope_type IN ('province', 'commune') THEN PERFORM kc_check_unit(NEW.scope_code, NEW.scope_type, day, day); END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER tr_rounds_units BEFORE INSERT OR UPDATE OF scope_type, scope_code ON rounds FOR EACH ROW EXECUTE FUNCTION kc_rounds_units()`,
      `CREATE FUNCTION kc_role_grants_units() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE day date := kc_local_date(NEW.valid_from);
       BEGIN
         IF NEW.scope_type IN ('province', 'commune') THEN PERFORM kc_check_unit(NEW.scope_id, NEW.scope_type, day, day); END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER tr_role_grants_units BEFORE INSERT OR UPDATE OF scope_type, scope_id ON role_grants FOR EACH ROW EXECUTE FUNCTION kc_role_grants_units()`,
      // Schemes, annual plans and consulting plans: a province of their year.
      `CREATE FUNCTION kc_yearly_province_unit() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM kc_check_unit(NEW.province_code, 'province', make_date(NEW.year, 1, 1), make_date(NEW.year, 12, 31));
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER tr_schemes_units BEFORE INSERT OR UPDATE OF province_code ON schemes FOR EACH ROW EXECUTE FUNCTION kc_yearly_province_unit()`,
      `CREATE TRIGGER tr_annual_plans_units BEFORE INSERT OR UPDATE OF province_code ON annual_plans FOR EACH ROW EXECUTE FUNCTION kc_yearly_province_unit()`,
      `CREATE TRIGGER tr_consulting_plans_units BEFORE INSERT OR UPDATE OF province_code ON consulting_plans FOR EACH ROW EXECUTE FUNCTION kc_yearly_province_unit()`,
      `CREATE FUNCTION kc_consulting_engagements_units() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM kc_check_unit(NEW.province_code, 'province', NEW.signed_on, NEW.signed_on);
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER tr_consulting_engagements_units BEFORE INSERT OR UPDATE OF province_code ON consulting_engagements
         FOR EACH ROW EXECUTE FUNCTION kc_consulting_engagements_units()`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `DROP TRIGGER tr_consulting_engagements_units ON consulting_engagements`,
      `DROP FUNCTION kc_consulting_engagements_units()`,
      `DROP TRIGGER tr_consulting_plans_units ON consulting_plans`,
      `DROP TRIGGER tr_annual_plans_units ON annual_plans`,
      `DROP TRIGGER tr_schemes_units ON schemes`,
      `DROP FUNCTION kc_yearly_province_unit()`,
      `DROP TRIGGER tr_role_grants_units ON role_grants`,
      `DROP FUNCTION kc_role_grants_units()`,
      `DROP TRIGGER tr_rounds_units ON rounds`,
      `DROP FUNCTION kc_rounds_units()`,
      `DROP TRIGGER tr_organisations_units ON organisations`,
      `DROP FUNCTION kc_organisations_units()`,
      `DROP FUNCTION kc_check_unit(text, text, date, date)`,
      `DROP FUNCTION kc_local_date(timestamptz)`,
      `DELETE FROM administrative_units WHERE level = 'commune' AND valid_from = DATE '2025-07-01'`,
      `DROP INDEX uq_administrative_units_official_code`,
      `ALTER TABLE administrative_units DROP COLUMN official_code`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }
}
