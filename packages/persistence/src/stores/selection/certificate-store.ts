import { type EntityManager } from 'typeorm';
import { containsPattern, fold } from '../../fold.js';
import { cappedCountSql, orderBy } from '../../list-sql.js';
import { selectionReachSql, type SelectionReach } from './reach.js';
import { REGION_OF_PROVINCE_SQL } from './selection-sql.js';

/** A certificate's status as read: past its validity a valid certificate reads as expired. */
export type CertificateStatus = 'valid' | 'expired' | 'revoked';

/** A certificate with its establishment and decision. */
export interface CertificateRecord {
  id: string;
  number: string;
  level: string;
  instanceId: string;
  roundId: string;
  decisionNumber: string;
  productName: string;
  establishmentId: string;
  establishmentName: string;
  provinceCode: string | null;
  communeCode: string | null;
  provinceName: string | null;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD */
  validUntil: string;
  status: CertificateStatus;
  revocationReason: string | null;
  revocationDecisionRef: string | null;
  pdfReady: boolean;
  year: number;
}

/** The certificate list's sort columns (the names GET /api/certificates accepts). */
export type CertificateSort = 'issuedOn' | 'number' | 'product' | 'establishment' | 'validUntil';

/** The certificate list's filters. */
export interface CertificateListFilter {
  roundId?: string | undefined;
  establishmentId?: string | undefined;
  status?: CertificateStatus | undefined;
  level?: string | undefined;
  year?: number | undefined;
  provinceCode?: string | undefined;
  communeCode?: string | undefined;
  productGroup?: string | undefined;
  /** Certificate number, product or establishment name. */
  q?: string | undefined;
}

/** One page of the certificate list: its sort, direction and window. */
export interface CertificatePage {
  sort?: CertificateSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  limit: number;
  offset: number;
}

/** A page of certificates and the count of all matches, up to COUNT_CAP + 1 (read with the API's `listTotal`). */
export interface CertificateListPage {
  items: CertificateRecord[];
  total: number | undefined;
}

/** Columns of a certificate with its establishment and decision (alias `c`, `o`, `d`). */
const CERTIFICATE_SELECT = `
  SELECT c.number, c.level, c.instance_id, c.round_id, d.number AS decision_number, c.product_name, c.establishment_id,
         o.name AS establishment_name, o.province_code, to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on,
         to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until,
         -- Past its validity a certificate reads as expired even before the expiry timer has fired.
         CASE WHEN c.status = 'valid' AND c.valid_until < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN 'expired' ELSE c.status END AS status,
         c.revocation_reason, c.revocation_decision_ref,
         c.pdf_rendered_at IS NOT NULL AS pdf_ready, c.id, o.commune_code, c.year,
         (SELECT u.name FROM administrative_units u WHERE u.code = o.province_code) AS province_name
    FROM certificates c JOIN organisations o ON o.id = c.establishment_id JOIN recognition_decisions d ON d.id = c.decision_id`;

/** The certificate list's sort columns and their SQL. */
const CERTIFICATE_ORDER = {
  issuedOn: { sql: 'c.issued_on', order: 'desc' },
  number: { sql: 'c.number', order: 'asc' },
  product: { sql: 'c.product_name', order: 'asc' },
  establishment: { sql: 'o.name', order: 'asc' },
  validUntil: { sql: 'c.valid_until', order: 'asc' },
} as const satisfies Record<CertificateSort, { sql: string; order: 'asc' | 'desc'; nulls?: 'last' }>;

interface CertificateRow {
  id: string;
  number: string;
  level: string;
  instance_id: string;
  round_id: string;
  decision_number: string;
  product_name: string;
  establishment_id: string;
  establishment_name: string;
  province_code: string | null;
  commune_code: string | null;
  province_name: string | null;
  issued_on: string;
  valid_until: string;
  status: CertificateStatus;
  revocation_reason: string | null;
  revocation_decision_ref: string | null;
  pdf_ready: boolean;
  year: number;
}

const toCertificate = (row: CertificateRow): CertificateRecord => ({
  id: row.id,
  number: row.number,
  level: row.level,
  instanceId: row.instance_id,
  roundId: row.round_id,
  decisionNumber: row.decision_number,
  productName: row.product_name,
  establishmentId: row.establishment_id,
  establishmentName: row.establishment_name,
  provinceCode: row.province_code,
  communeCode: row.commune_code,
  provinceName: row.province_name,
  issuedOn: row.issued_on,
  validUntil: row.valid_until,
  status: row.status,
  revocationReason: row.revocation_reason,
  revocationDecisionRef: row.revocation_decision_ref,
  pdfReady: row.pdf_ready,
  year: row.year,
});

/** Certificates of recognised products (issued by decisions; revoked and expired through the engine). */
export class CertificateStore {
  /** The certificate with this number, or undefined. */
  async findByNumber(manager: EntityManager, number: string): Promise<CertificateRecord | undefined> {
    const [row] = await manager.query<CertificateRow[]>(`${CERTIFICATE_SELECT} WHERE c.number = $1`, [number]);
    return row ? toCertificate(row) : undefined;
  }

  /** The certificate with this number and its establishment's contest region (for checking who may read it). */
  async findByNumberWithRegion(manager: EntityManager, number: string): Promise<(CertificateRecord & { regionCode: string | null }) | undefined> {
    const [row] = await manager.query<(CertificateRow & { region_code: string | null })[]>(
      `SELECT q.*, (SELECT m.region_code FROM region_memberships m WHERE m.unit_code = q.province_code ORDER BY m.valid_from DESC LIMIT 1) AS region_code
         FROM (${CERTIFICATE_SELECT} WHERE c.number = $1) q`,
      [number],
    );
    return row ? { ...toCertificate(row), regionCode: row.region_code } : undefined;
  }

  /** Certificates some grant of `reach` covers, filtered, searched, sorted and paged, with the capped count. */
  async list(manager: EntityManager, filter: CertificateListFilter, reach: readonly SelectionReach[], page: CertificatePage): Promise<CertificateListPage> {
    const coverage = selectionReachSql(
      reach,
      { establishment: 'o.id::text', commune: 'o.commune_code', province: 'o.province_code', region: REGION_OF_PROVINCE_SQL },
      1,
    );
    const params: unknown[] = [...coverage.params];
    const where = [coverage.sql];
    const add = (sql: (p: string) => string, value: unknown) => where.push(sql(`$${params.push(value)}`));
    if (filter.roundId) add((p) => `c.round_id = ${p}`, filter.roundId);
    if (filter.establishmentId) add((p) => `c.establishment_id = ${p}`, filter.establishmentId);
    if (filter.status) add((p) => `c.status = ${p}`, filter.status);
    if (filter.level) add((p) => `c.level = ${p}`, filter.level);
    if (filter.year !== undefined) add((p) => `c.year = ${p}`, filter.year);
    if (filter.provinceCode) add((p) => `o.province_code = ${p}`, filter.provinceCode);
    if (filter.communeCode) add((p) => `o.commune_code = ${p}`, filter.communeCode);
    if (filter.productGroup) add((p) => `c.instance_id IN (SELECT e.instance_id FROM entries e WHERE e.product_group = ${p})`, filter.productGroup);
    if (filter.q) {
      const folded = `$${params.push(containsPattern(fold(filter.q)))}`;
      const plain = `$${params.push(containsPattern(filter.q))}`;
      where.push(`(c.number ILIKE ${plain} OR c.product_search LIKE ${folded} OR o.name_search LIKE ${folded})`);
    }
    const sqlFilter = where.join(' AND ');
    const countParams = [...params];
    const order = orderBy(CERTIFICATE_ORDER, page.sort ?? 'issuedOn', page.order, 'c.number');
    const [rows, [count]] = await Promise.all([
      manager.query<CertificateRow[]>(
        `${CERTIFICATE_SELECT} WHERE ${sqlFilter} ${order} LIMIT $${params.push(page.limit)} OFFSET $${params.push(page.offset)}`,
        params,
      ),
      manager.query<{ total: number }[]>(cappedCountSql('certificates c JOIN organisations o ON o.id = c.establishment_id', sqlFilter), countParams),
    ]);
    return { items: rows.map(toCertificate), total: count?.total };
  }

  /** The rendered PDF, or undefined while the worker has not rendered it yet. */
  async findPdf(manager: EntityManager, certificateId: string): Promise<Buffer | undefined> {
    const [pdf] = await manager.query<{ content: Buffer }[]>(`SELECT content FROM certificate_pdfs WHERE certificate_id = $1`, [certificateId]);
    return pdf?.content;
  }

  /** The current version of the certificate's entry instance (revocation runs at it), or undefined. */
  async instanceVersion(manager: EntityManager, instanceId: string): Promise<number | undefined> {
    const [instance] = await manager.query<{ version: number }[]>(`SELECT version FROM workflow_instances WHERE id = $1`, [instanceId]);
    return instance?.version;
  }
}
