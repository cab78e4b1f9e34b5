import { type EntityManager } from 'typeorm';
import { foldSql } from '../../fold.js';

/** An administrative unit as imports find it by code, official code or name. */
export interface ImportUnitRow {
  code: string;
  name: string;
  official_code: string | null;
  parent_code: string | null;
  /** YYYY-MM-DD */
  valid_from: string;
  valid_to: string | null;
}

/**
 * The spreadsheet import's own statements: the apply lock, the per-row savepoint, and the units a sheet's rows
 * are matched against. A run's rows are written by the kind's store in the same transaction.
 */
export class ImportStore {
  /** Serialises applies of one kind until the transaction ends (the second finds the first's rows). */
  async lockApply(manager: EntityManager, kind: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('khuyencong.import'), hashtext($1))`, [kind]);
  }

  /** Opens the savepoint one row is written behind (a refused row leaves nothing behind). */
  async beginRow(manager: EntityManager): Promise<void> {
    await manager.query('SAVEPOINT import_row');
  }

  async keepRow(manager: EntityManager): Promise<void> {
    await manager.query('RELEASE SAVEPOINT import_row');
  }

  async undoRow(manager: EntityManager): Promise<void> {
    await manager.query('ROLLBACK TO SAVEPOINT import_row');
  }

  /** Units of a level whose validity overlaps [from, to] (YYYY-MM-DD). */
  async unitsOverlapping(manager: EntityManager, level: 'province' | 'commune', from: string, to: string): Promise<ImportUnitRow[]> {
    return manager.query<ImportUnitRow[]>(
      `SELECT code, name, official_code, parent_code, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(valid_to, 'YYYY-MM-DD') AS valid_to
         FROM administrative_units WHERE level = $1 AND valid_from <= $3 AND (valid_to IS NULL OR valid_to >= $2)`,
      [level, from, to],
    );
  }
}

/** A content group of a programme, as plan lines name it. */
export interface ImportContentGroupRow {
  programme_code: string;
  code: string;
  name: string;
}

/** A line of a province's annual plan, named, as the plans page lists it. */
export interface PlanLineListItem {
  id: string;
  provinceCode: string;
  provinceName: string;
  year: number;
  contentGroupCode: string;
  contentGroupName: string;
  fundingSource: string;
  fundingSourceName: string;
  plannedAmount: number;
  /** ISO 8601 */
  updatedAt: string;
}

/** What names one plan line: one amount per province, year, content group and funding source. */
export interface PlanLineKey {
  provinceCode: string;
  year: number;
  contentGroupCode: string;
  fundingSourceCode: string;
}

/** Lines of the provinces' annual plans (annual_plan_lines), written by the plan-lines import. */
export class ImportPlanLineStore {
  /** The content groups of the programme in force in the year (a carried-over list is seeded as the programme's own). */
  async contentGroupsOfYear(manager: EntityManager, year: number): Promise<ImportContentGroupRow[]> {
    return manager.query<ImportContentGroupRow[]>(
      `SELECT g.programme_code, g.code, g.name FROM programmes p JOIN content_groups g ON g.programme_code = p.code
        WHERE $1 BETWEEN p.period_start_year AND p.period_end_year ORDER BY p.period_start_year DESC, g.position`,
      [year],
    );
  }

  async fundingSources(manager: EntityManager): Promise<{ code: string; name: string }[]> {
    return manager.query<{ code: string; name: string }[]>(`SELECT code, name FROM funding_sources`);
  }

  /** The line, locked FOR UPDATE until the transaction ends; undefined when there is none yet. */
  async lockLine(manager: EntityManager, key: PlanLineKey): Promise<{ id: string; planned_amount: string } | undefined> {
    const [existing] = await manager.query<{ id: string; planned_amount: string }[]>(
      `SELECT id, planned_amount::text FROM annual_plan_lines WHERE province_code = $1 AND year = $2 AND content_group_code = $3 AND funding_source_code = $4 FOR UPDATE`,
      [key.provinceCode, key.year, key.contentGroupCode, key.fundingSourceCode],
    );
    return existing;
  }

  async updateAmount(manager: EntityManager, id: string, amount: number, userId: string): Promise<void> {
    await manager.query(`UPDATE annual_plan_lines SET planned_amount = $2, updated_by = $3, updated_at = now() WHERE id = $1`, [id, amount, userId]);
  }

  async insertLine(manager: EntityManager, key: PlanLineKey & { programmeCode: string }, amount: number, userId: string): Promise<void> {
    await manager.query(
      `INSERT INTO annual_plan_lines (province_code, year, programme_code, content_group_code, funding_source_code, planned_amount, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
      [key.provinceCode, key.year, key.programmeCode, key.contentGroupCode, key.fundingSourceCode, amount, userId],
    );
  }

  /** A province's lines of the year, named, in the programme's group order then by funding source. */
  async listForProvince(manager: EntityManager, provinceCode: string, year: number): Promise<PlanLineListItem[]> {
    const rows = await manager.query<
      {
        id: string;
        province_code: string;
        province_name: string;
        year: number;
        content_group_code: string;
        content_group_name: string;
        funding_source_code: string;
        funding_source_name: string;
        planned_amount: string;
        updated_at: Date;
      }[]
    >(
      `SELECT l.id, l.province_code, u.name AS province_name, l.year, l.content_group_code, g.name AS content_group_name,
              l.funding_source_code, f.name AS funding_source_name, l.planned_amount::text, l.updated_at
         FROM annual_plan_lines l
         JOIN administrative_units u ON u.code = l.province_code
         JOIN content_groups g ON g.programme_code = l.programme_code AND g.code = l.content_group_code
         JOIN funding_sources f ON f.code = l.funding_source_code
        WHERE l.province_code = $1 AND l.year = $2
        ORDER BY g.position, l.funding_source_code`,
      [provinceCode, year],
    );
    return rows.map((row) => ({
      id: row.id,
      provinceCode: row.province_code,
      provinceName: row.province_name,
      year: row.year,
      contentGroupCode: row.content_group_code,
      contentGroupName: row.content_group_name,
      fundingSource: row.funding_source_code,
      fundingSourceName: row.funding_source_name,
      plannedAmount: Number(row.planned_amount),
      updatedAt: row.updated_at.toISOString(),
    }));
  }
}

/** An establishment as the import compares it with a row of the sheet. */
export interface ImportEstablishmentRow {
  id: string;
  name: string;
  legal_form: string | null;
  registration_number: string | null;
  tax_code: string | null;
  address: string | null;
  commune_code: string | null;
  province_code: string | null;
  verified: boolean;
}

/** The fields an imported row sets on an existing establishment. */
export interface ImportEstablishmentUpdate {
  name: string;
  legalForm: string;
  registrationNumber: string;
  taxCode: string | null;
  communeCode: string;
  provinceCode: string;
  address: string | null;
}

/** Establishments (organisations of type establishment) as the establishments import finds and updates them. */
export class ImportEstablishmentStore {
  /**
   * The same establishment, locked FOR UPDATE: by its tax code when the row has one, otherwise the first by its
   * registration number (case ignored) in the province.
   */
  async lockMatching(
    manager: EntityManager,
    match: { taxCode?: string | undefined; registrationNumber: string; provinceCode: string },
  ): Promise<ImportEstablishmentRow | undefined> {
    const [existing] = await manager.query<ImportEstablishmentRow[]>(
      match.taxCode
        ? `SELECT id, name, legal_form, registration_number, tax_code, address, commune_code, province_code, verified FROM organisations WHERE type = 'establishment' AND tax_code = $1 FOR UPDATE`
        : `SELECT id, name, legal_form, registration_number, tax_code, address, commune_code, province_code, verified FROM organisations
            WHERE type = 'establishment' AND province_code = $2 AND lower(registration_number) = lower($1) ORDER BY created_at LIMIT 1 FOR UPDATE`,
      match.taxCode ? [match.taxCode] : [match.registrationNumber, match.provinceCode],
    );
    return existing;
  }

  async setAddress(manager: EntityManager, id: string, address: string): Promise<void> {
    await manager.query(`UPDATE organisations SET address = $2 WHERE id = $1`, [id, address]);
  }

  async update(manager: EntityManager, id: string, fields: ImportEstablishmentUpdate): Promise<void> {
    await manager.query(
      `UPDATE organisations SET name = $2, legal_form = $3, registration_number = $4, tax_code = $5, commune_code = $6, province_code = $7, address = $8, updated_at = now() WHERE id = $1`,
      [id, fields.name, fields.legalForm, fields.registrationNumber, fields.taxCode, fields.communeCode, fields.provinceCode, fields.address],
    );
  }
}

/** Consulting engagements as the revenues import finds them, with the revenue already recorded for the period. */
export class ImportConsultingRevenueStore {
  /**
   * Engagements of the province whose client name folds to `foldedClient` (accents and case ignored), signed on
   * the day; `amount` is the revenue recorded for the period (null: none yet).
   */
  async findEngagements(
    manager: EntityManager,
    provinceCode: string,
    foldedClient: string,
    signedOn: string,
    period: string,
  ): Promise<{ id: string; amount: string | null }[]> {
    return manager.query<{ id: string; amount: string | null }[]>(
      `SELECT e.id, (SELECT r.amount::text FROM consulting_revenues r WHERE r.engagement_id = e.id AND r.period = $4) AS amount
         FROM consulting_engagements e WHERE e.province_code = $1 AND ${foldSql('e.client_name')} = $2 AND e.signed_on = $3`,
      [provinceCode, foldedClient, signedOn, period],
    );
  }
}
