import { type EntityManager } from 'typeorm';

/** An organisation as a scheme's implementing unit (it must sit in the scheme's province). */
export interface SchemeOrganisationRow {
  id: string;
  name: string;
  commune_code: string | null;
  province_code: string | null;
}

/** An organisation that may carry out a province's scheme. */
export interface SchemeImplementingUnitRow {
  id: string;
  name: string;
  type: 'provincial_centre' | 'provincial_department';
}

/**
 * The reference data a scheme is checked against and chosen from: provinces (in force, region, official code),
 * content groups and implementing units (the support rules are read by MoneyRuleStore).
 */
export class SchemeReferenceStore {
  /**
   * Raises the database's own error (kc_check_unit, the check the schemes insert trigger makes) unless the province is
   * in force during the year: an abolished province is told its successor.
   */
  async checkProvinceInForce(manager: EntityManager, provinceCode: string, year: number): Promise<void> {
    await manager.query(`SELECT kc_check_unit($1, 'province', make_date($2::int, 1, 1), make_date($2::int, 12, 31))`, [provinceCode, year]);
  }

  /** The province's region on the date (its membership then, else its last one before it); undefined when it has none. */
  async regionOn(manager: EntityManager, provinceCode: string, date: string): Promise<string | undefined> {
    const [region] = await manager.query<{ region_code: string }[]>(
      `SELECT region_code FROM region_memberships WHERE unit_code = $1 AND valid_from <= $2::date
        ORDER BY (valid_to IS NULL OR valid_to >= $2::date) DESC, valid_from DESC LIMIT 1`,
      [provinceCode, date],
    );
    return region?.region_code;
  }

  /** The unit's official code; null when it has none (or there is no such unit). */
  async officialCode(manager: EntityManager, unitCode: string): Promise<string | null> {
    const [official] = await manager.query<{ official_code: string | null }[]>(`SELECT official_code FROM administrative_units WHERE code = $1`, [unitCode]);
    return official?.official_code ?? null;
  }

  /** Whether the programme has this content group. */
  async hasContentGroup(manager: EntityManager, programmeCode: string, contentGroupCode: string): Promise<boolean> {
    const [group] = await manager.query<{ code: string }[]>(`SELECT code FROM content_groups WHERE programme_code = $1 AND code = $2`, [
      programmeCode,
      contentGroupCode,
    ]);
    return group !== undefined;
  }

  async findOrganisation(manager: EntityManager, id: string): Promise<SchemeOrganisationRow | undefined> {
    const [unit] = await manager.query<SchemeOrganisationRow[]>(`SELECT id, name, commune_code, province_code FROM organisations WHERE id = $1`, [id]);
    return unit;
  }

  /** The province's khuyến công centre and department (up to 200), centres first. */
  async implementingUnits(manager: EntityManager, provinceCode: string): Promise<SchemeImplementingUnitRow[]> {
    return await manager.query<SchemeImplementingUnitRow[]>(
      `SELECT id, name, type FROM organisations
        WHERE province_code = $1 AND type IN ('provincial_centre', 'provincial_department')
        ORDER BY type, name LIMIT 200`,
      [provinceCode],
    );
  }
}
