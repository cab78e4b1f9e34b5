import { type EntityManager } from 'typeorm';
import { containsPattern, fold } from '../../fold.js';
import { cappedCountSql, orderBy } from '../../list-sql.js';
import { selectionReachSql, type SelectionReach } from './reach.js';
import { REGION_OF_PROVINCE_SQL } from './selection-sql.js';

/** An establishment (cơ sở CNNT) with its region and the names of its province and commune. */
export interface EstablishmentRecord {
  id: string;
  name: string;
  legalForm: string | null;
  registrationNumber: string | null;
  taxCode: string | null;
  communeCode: string | null;
  communeName: string | null;
  provinceCode: string | null;
  provinceName: string | null;
  regionCode: string | null;
  priorityFlags: Record<string, boolean>;
  verified: boolean;
  verifiedAt: string | null;
  registeredAt: string;
}

/** Where an establishment sits: its commune, province and contest region. */
export interface EstablishmentPlace {
  id: string;
  communeCode: string | null;
  provinceCode: string | null;
  regionCode: string | null;
}

/** The columns of a newly registered (unverified) establishment. */
export interface EstablishmentInsert {
  name: string;
  legalForm: string;
  registrationNumber: string;
  taxCode: string | null;
  communeCode: string;
  provinceCode: string;
  priorityFlags: Readonly<Record<string, boolean | undefined>>;
  registeredBy: string;
}

/** The establishment list's sort columns (the names GET /api/establishments accepts). */
export type EstablishmentSort = 'name' | 'registeredAt' | 'taxCode';

/** The establishment list's filters. */
export interface EstablishmentListFilter {
  provinceCode?: string | undefined;
  communeCode?: string | undefined;
  verified?: boolean | undefined;
  /** Name (accent-insensitive), tax code or registration number. */
  q?: string | undefined;
}

/** One page of the establishment list: its sort, direction and window. */
export interface EstablishmentPage {
  sort?: EstablishmentSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit: number;
  offset: number;
}

/** A page of establishments and the count of all matches, up to COUNT_CAP + 1 (read with the API's `listTotal`). */
export interface EstablishmentListPage {
  items: EstablishmentRecord[];
  total: number | undefined;
}

/** An establishment (alias `o`) with its region and the names of its province and commune. */
const ESTABLISHMENT_SELECT = `SELECT o.id, o.name, o.legal_form, o.registration_number, o.tax_code, o.commune_code, o.province_code,
                       ${REGION_OF_PROVINCE_SQL} AS region_code, o.priority_flags, o.verified, o.verified_at, o.created_at,
                       (SELECT u.name FROM administrative_units u WHERE u.code = o.province_code) AS province_name,
                       (SELECT u.name FROM administrative_units u WHERE u.code = o.commune_code) AS commune_name
                  FROM organisations o`;

/** The establishment list's sort columns and their SQL. */
const ESTABLISHMENT_ORDER = {
  name: { sql: 'o.name', order: 'asc' },
  registeredAt: { sql: 'o.created_at', order: 'desc' },
  taxCode: { sql: 'o.tax_code', order: 'asc', nulls: 'last' },
} as const satisfies Record<EstablishmentSort, { sql: string; order: 'asc' | 'desc'; nulls?: 'last' }>;

interface EstablishmentRow {
  id: string;
  name: string;
  legal_form: string | null;
  registration_number: string | null;
  tax_code: string | null;
  commune_code: string | null;
  province_code: string | null;
  region_code: string | null;
  priority_flags: Record<string, boolean>;
  verified: boolean;
  verified_at: Date | null;
  created_at: Date;
  province_name: string | null;
  commune_name: string | null;
}

const toEstablishment = (row: EstablishmentRow): EstablishmentRecord => ({
  id: row.id,
  name: row.name,
  legalForm: row.legal_form,
  registrationNumber: row.registration_number,
  taxCode: row.tax_code,
  communeCode: row.commune_code,
  communeName: row.commune_name,
  provinceCode: row.province_code,
  provinceName: row.province_name,
  regionCode: row.region_code,
  priorityFlags: row.priority_flags,
  verified: row.verified,
  verifiedAt: row.verified_at?.toISOString() ?? null,
  registeredAt: row.created_at.toISOString(),
});

/** Establishments: the organisations of type `establishment` that enter products into rounds. */
export class EstablishmentStore {
  /** One establishment, or undefined (also for an organisation of another type). */
  async find(manager: EntityManager, id: string): Promise<EstablishmentRecord | undefined> {
    const [row] = await manager.query<EstablishmentRow[]>(`${ESTABLISHMENT_SELECT} WHERE o.id = $1 AND o.type = 'establishment'`, [id]);
    return row ? toEstablishment(row) : undefined;
  }

  /** The establishment's commune, province and region, or undefined. */
  async findPlace(manager: EntityManager, id: string): Promise<EstablishmentPlace | undefined> {
    const [org] = await manager.query<{ id: string; commune_code: string | null; province_code: string | null; region_code: string | null }[]>(
      `SELECT o.id, o.commune_code, o.province_code, ${REGION_OF_PROVINCE_SQL} AS region_code FROM organisations o WHERE o.id = $1 AND o.type = 'establishment'`,
      [id],
    );
    return org ? { id: org.id, communeCode: org.commune_code, provinceCode: org.province_code, regionCode: org.region_code } : undefined;
  }

  /** Establishments some grant of `reach` covers, filtered, searched, sorted and paged, with the capped count. */
  async list(
    manager: EntityManager,
    filter: EstablishmentListFilter,
    reach: readonly SelectionReach[],
    page: EstablishmentPage,
  ): Promise<EstablishmentListPage> {
    const coverage = selectionReachSql(
      reach,
      { establishment: 'o.id::text', commune: 'o.commune_code', province: 'o.province_code', region: REGION_OF_PROVINCE_SQL },
      1,
    );
    const params: unknown[] = [...coverage.params];
    const where = [`o.type = 'establishment'`, coverage.sql];
    if (filter.provinceCode) where.push(`o.province_code = $${params.push(filter.provinceCode)}`);
    if (filter.communeCode) where.push(`o.commune_code = $${params.push(filter.communeCode)}`);
    if (filter.verified !== undefined) where.push(`o.verified = $${params.push(filter.verified)}`);
    if (filter.q) {
      const folded = `$${params.push(containsPattern(fold(filter.q)))}`;
      const plain = `$${params.push(containsPattern(filter.q))}`;
      where.push(`(o.name_search LIKE ${folded} OR o.tax_code ILIKE ${plain} OR o.registration_number ILIKE ${plain})`);
    }
    const sqlFilter = where.join(' AND ');
    const countParams = [...params];
    const order = orderBy(ESTABLISHMENT_ORDER, page.sort ?? 'name', page.order, 'o.id');
    const [rows, [count]] = await Promise.all([
      manager.query<EstablishmentRow[]>(
        `${ESTABLISHMENT_SELECT} WHERE ${sqlFilter} ${order} LIMIT $${params.push(page.limit)} OFFSET $${params.push(page.offset)}`,
        params,
      ),
      manager.query<{ total: number }[]>(cappedCountSql('organisations o', sqlFilter), countParams),
    ]);
    return { items: rows.map(toEstablishment), total: count?.total };
  }

  /** The establishment registered with this tax code, if any. */
  async findIdByTaxCode(manager: EntityManager, taxCode: string): Promise<string | undefined> {
    const [taken] = await manager.query<{ id: string }[]>(`SELECT id FROM organisations WHERE type = 'establishment' AND tax_code = $1`, [taxCode]);
    return taken?.id;
  }

  /** Writes an unverified establishment (the unit triggers refuse abolished or mismatched units); returns its id. */
  async insert(manager: EntityManager, establishment: EstablishmentInsert): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO organisations (type, name, legal_form, registration_number, tax_code, commune_code, province_code, priority_flags, registered_by)
       VALUES ('establishment', $1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        establishment.name,
        establishment.legalForm,
        establishment.registrationNumber,
        establishment.taxCode,
        establishment.communeCode,
        establishment.provinceCode,
        JSON.stringify(establishment.priorityFlags),
        establishment.registeredBy,
      ],
    );
    return row!.id;
  }

  /** Records who verified the establishment, and when (now). */
  async markVerified(manager: EntityManager, id: string, verifiedBy: string): Promise<void> {
    await manager.query(`UPDATE organisations SET verified = true, verified_by = $2, verified_at = now(), updated_at = now() WHERE id = $1`, [id, verifiedBy]);
  }
}
