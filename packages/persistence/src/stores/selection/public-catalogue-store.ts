import { type EntityManager } from 'typeorm';
import { containsPattern, fold } from '../../fold.js';
import { type RoundLevel } from './round-store.js';

/** A scoring criteria group of a criteria set, as the public round list shows it. */
export interface PublicCriteriaGroup {
  criteriaSetCode: string;
  code: string;
  name: string;
  maxPoints: number;
}

/** The public product catalogue's filters. */
export interface PublicProductFilter {
  /** Product or establishment name, accent-insensitive. */
  q?: string | undefined;
  /** A province of today covers the provinces it succeeded. */
  provinceCode?: string | undefined;
  communeCode?: string | undefined;
  productGroup?: string | undefined;
  level?: string | undefined;
  year?: number | undefined;
}

/** A recognised product of the public catalogue (a certificate in force). */
export interface PublicProductRecord {
  number: string;
  productName: string;
  productGroup: string | null;
  establishmentName: string;
  provinceCode: string | null;
  provinceName: string | null;
  communeCode: string | null;
  communeName: string | null;
  level: RoundLevel;
  year: number;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD */
  validUntil: string;
}

/** A page of the catalogue and the number of all matches, carried by its rows (undefined when the page is empty). */
export interface PublicProductPageRecord {
  items: PublicProductRecord[];
  total: number | undefined;
}

interface PublicProductRow {
  number: string;
  product_name: string;
  product_group: string | null;
  establishment_name: string;
  province_code: string | null;
  province_name: string | null;
  commune_code: string | null;
  commune_name: string | null;
  level: RoundLevel;
  year: number;
  issued_on: string;
  valid_until: string;
  total: string;
}

/** The province and the provinces it succeeded (today's Gia Lai → old Gia Lai, Bình Định), as SQL over parameter `p`. */
const SUCCEEDED_SQL = (p: string) =>
  `(WITH RECURSIVE covered(code) AS (SELECT ${p}::text UNION SELECT s.from_code FROM unit_successions s JOIN covered c ON s.to_code = c.code) SELECT code FROM covered)`;

/** The catalogue's conditions: certificates in force (neither revoked nor past their validity), then the filters. */
function productConditions(filter: PublicProductFilter): { where: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const where = [`c.status = 'valid'`, `c.valid_until >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`];
  if (filter.q) {
    const folded = `$${params.push(containsPattern(fold(filter.q)))}`;
    where.push(`(c.product_search LIKE ${folded} OR o.name_search LIKE ${folded})`);
  }
  if (filter.provinceCode) where.push(`o.province_code IN ${SUCCEEDED_SQL(`$${params.push(filter.provinceCode)}`)}`);
  if (filter.communeCode) where.push(`o.commune_code = $${params.push(filter.communeCode)}`);
  if (filter.productGroup) where.push(`e.product_group = $${params.push(filter.productGroup)}`);
  if (filter.level) where.push(`c.level = $${params.push(filter.level)}`);
  if (filter.year) where.push(`c.year = $${params.push(filter.year)}`);
  return { where, params };
}

/** What anyone may read without signing in: the criteria of open rounds and the catalogue of recognised products. */
export class PublicCatalogueStore {
  /** The criteria groups of these criteria sets, in their order. */
  async criteriaGroups(manager: EntityManager, setCodes: readonly string[]): Promise<PublicCriteriaGroup[]> {
    const rows = await manager.query<{ criteria_set_code: string; code: string; name: string; max_points: number }[]>(
      `SELECT criteria_set_code, code, name, max_points FROM criteria_groups WHERE criteria_set_code = ANY($1::text[]) ORDER BY criteria_set_code, position`,
      [setCodes],
    );
    return rows.map((row) => ({ criteriaSetCode: row.criteria_set_code, code: row.code, name: row.name, maxPoints: row.max_points }));
  }

  /** One page of certificates in force, newest first; each row carries the number of all matches. */
  async listProducts(manager: EntityManager, filter: PublicProductFilter, limit: number, offset: number): Promise<PublicProductPageRecord> {
    const { where, params } = productConditions(filter);
    const rows = await manager.query<PublicProductRow[]>(
      `SELECT c.number, c.product_name, e.product_group, o.name AS establishment_name, o.province_code,
              (SELECT u.name FROM administrative_units u WHERE u.code = o.province_code) AS province_name,
              o.commune_code, (SELECT u.name FROM administrative_units u WHERE u.code = o.commune_code) AS commune_name,
              c.level, c.year, to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on, to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until,
              count(*) OVER () AS total
         FROM certificates c JOIN organisations o ON o.id = c.establishment_id LEFT JOIN entries e ON e.instance_id = c.instance_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.issued_on DESC, c.number
        LIMIT $${params.push(limit)} OFFSET $${params.push(offset)}`,
      params,
    );
    return {
      items: rows.map((row) => ({
        number: row.number,
        productName: row.product_name,
        productGroup: row.product_group,
        establishmentName: row.establishment_name,
        provinceCode: row.province_code,
        provinceName: row.province_name,
        communeCode: row.commune_code,
        communeName: row.commune_name,
        level: row.level,
        year: row.year,
        issuedOn: row.issued_on,
        validUntil: row.valid_until,
      })),
      total: rows[0] ? Number(rows[0].total) : undefined,
    };
  }

  /** The number of certificates in force matching the filters (past the last page no row carries it). */
  async countProducts(manager: EntityManager, filter: PublicProductFilter): Promise<number> {
    const { where, params } = productConditions(filter);
    const [row] = await manager.query<{ total: string }[]>(
      `SELECT count(*) AS total FROM certificates c JOIN organisations o ON o.id = c.establishment_id LEFT JOIN entries e ON e.instance_id = c.instance_id WHERE ${where.join(' AND ')}`,
      params,
    );
    return Number(row?.total ?? 0);
  }
}
