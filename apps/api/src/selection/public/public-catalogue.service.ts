import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { containsPattern, fold } from '../../common/people.js';
import { scopeNameOf, scopeNames } from '../rounds/round-details.js';
import { listRounds } from '../rounds/round-store.js';
import { PublicRateLimiter } from '../shared/rate-limiter.js';
import { type PublicProductPage, type PublicProductQuery, type PublicRoundList, type PublicRoundQuery } from './dto.js';

/** Browsing requests per client address per minute: plenty for people paging through, too few to scrape fast. */
export const BROWSE_RATE_LIMIT_PER_MINUTE = 120;
const LIMITED = 'Quá nhiều yêu cầu, hãy thử lại sau một phút / Too many requests, try again in a minute';

/** The province and the provinces it succeeded (today's Gia Lai → old Gia Lai, Bình Định), as SQL over parameter `p`. */
const SUCCEEDED_SQL = (p: string) => `(WITH RECURSIVE covered(code) AS (SELECT ${p}::text UNION SELECT s.from_code FROM unit_successions s JOIN covered c ON s.to_code = c.code) SELECT code FROM covered)`;

interface ProductRow {
  number: string;
  product_name: string;
  product_group: string | null;
  establishment_name: string;
  province_code: string | null;
  province_name: string | null;
  commune_code: string | null;
  commune_name: string | null;
  level: PublicProductPage['items'][number]['level'];
  year: number;
  issued_on: string;
  valid_until: string;
  total: string;
}

/** What anyone may read without signing in: rounds taking registrations, and the catalogue of recognised products. */
@Injectable()
export class PublicCatalogueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly limiter: PublicRateLimiter,
  ) {}

  /** Open rounds whose registration has not closed (upcoming ones too), soonest closing first, with their criteria. */
  async rounds(query: PublicRoundQuery, clientAddress: string): Promise<PublicRoundList> {
    await this.limiter.check('browse', clientAddress, BROWSE_RATE_LIMIT_PER_MINUTE, LIMITED);
    const params: unknown[] = [];
    let where = `WHERE status = 'open' AND registration_closes_at > now()`;
    if (query.level) where += ` AND level = $${params.push(query.level)}`;
    if (query.provinceCode) {
      const p = `$${params.push(query.provinceCode)}`;
      where += ` AND (level = 'national'
                  OR (level = 'province' AND scope_code = ${p})
                  OR (level = 'commune' AND scope_code IN (SELECT u.code FROM administrative_units u WHERE u.level = 'commune' AND u.parent_code = ${p}))
                  OR (level = 'region' AND scope_code IN (SELECT m.region_code FROM region_memberships m WHERE m.unit_code = ${p} AND (m.valid_to IS NULL OR m.valid_to >= CURRENT_DATE))))`;
    }
    const rounds = (await listRounds(this.dataSource.manager, where, params)).sort(
      (a, b) => a.registrationClosesAt.getTime() - b.registrationClosesAt.getTime() || a.name.localeCompare(b.name, 'vi'),
    );
    const names = await scopeNames(this.dataSource.manager, rounds);
    const sets = [...new Set(rounds.map((round) => round.criteriaSetCode))];
    const criteria = await this.dataSource.query<{ criteria_set_code: string; code: string; name: string; max_points: number }[]>(
      `SELECT criteria_set_code, code, name, max_points FROM criteria_groups WHERE criteria_set_code = ANY($1::text[]) ORDER BY criteria_set_code, position`,
      [sets],
    );
    return {
      items: rounds.map((round) => ({
        id: round.id,
        name: round.name,
        level: round.level,
        year: round.year,
        scopeType: round.scopeType,
        scopeCode: round.scopeCode,
        scopeName: scopeNameOf(names, round),
        registrationOpensAt: round.registrationOpensAt.toISOString(),
        registrationClosesAt: round.registrationClosesAt.toISOString(),
        status: round.status,
        criteriaSetCode: round.criteriaSetCode,
        criteria: criteria.filter((row) => row.criteria_set_code === round.criteriaSetCode).map((row) => ({ code: row.code, name: row.name, maxPoints: row.max_points })),
        passThreshold: round.passThreshold,
        screeningWorkingDays: round.screeningWorkingDays,
        contact: round.contact,
      })),
    };
  }

  /** Certificates in force (neither revoked nor past their validity), newest first, one page. */
  async products(query: PublicProductQuery, clientAddress: string): Promise<PublicProductPage> {
    await this.limiter.check('browse', clientAddress, BROWSE_RATE_LIMIT_PER_MINUTE, LIMITED);
    const params: unknown[] = [];
    const where = [`c.status = 'valid'`, `c.valid_until >= (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`];
    if (query.q) {
      const folded = `$${params.push(containsPattern(fold(query.q)))}`;
      where.push(`(c.product_search LIKE ${folded} OR o.name_search LIKE ${folded})`);
    }
    if (query.provinceCode) where.push(`o.province_code IN ${SUCCEEDED_SQL(`$${params.push(query.provinceCode)}`)}`);
    if (query.communeCode) where.push(`o.commune_code = $${params.push(query.communeCode)}`);
    if (query.productGroup) where.push(`e.product_group = $${params.push(query.productGroup)}`);
    if (query.level) where.push(`c.level = $${params.push(query.level)}`);
    if (query.year) where.push(`c.year = $${params.push(query.year)}`);
    const limit = `$${params.push(query.pageSize)}`;
    const offset = `$${params.push((query.page - 1) * query.pageSize)}`;
    const rows = await this.dataSource.query<ProductRow[]>(
      `SELECT c.number, c.product_name, e.product_group, o.name AS establishment_name, o.province_code,
              (SELECT u.name FROM administrative_units u WHERE u.code = o.province_code) AS province_name,
              o.commune_code, (SELECT u.name FROM administrative_units u WHERE u.code = o.commune_code) AS commune_name,
              c.level, c.year, to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on, to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until,
              count(*) OVER () AS total
         FROM certificates c JOIN organisations o ON o.id = c.establishment_id LEFT JOIN entries e ON e.instance_id = c.instance_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.issued_on DESC, c.number
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    // Past the last page there are no rows to carry the total: count once more.
    const total = rows[0] ? Number(rows[0].total) : query.page === 1 ? 0 : await this.count(where, params.slice(0, -2));
    return {
      items: rows.map((row) => ({
        certificateNumber: row.number,
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
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private async count(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.dataSource.query<{ total: string }[]>(
      `SELECT count(*) AS total FROM certificates c JOIN organisations o ON o.id = c.establishment_id LEFT JOIN entries e ON e.instance_id = c.instance_id WHERE ${where.join(' AND ')}`,
      params,
    );
    return Number(row?.total ?? 0);
  }
}
