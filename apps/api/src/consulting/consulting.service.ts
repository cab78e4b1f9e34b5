import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type Role } from '../common/access.js';
import { type Actor } from '../common/actor.js';
import { coveredUnits, grantsOf, holds } from '../selection/shared/scope.js';
import {
  type ConsultingPlanBody,
  type ConsultingPlanView,
  type CreateEngagementBody,
  type EngagementListQuery,
  type EngagementListResponse,
  type EngagementView,
  type RevenueBody,
} from './dto.js';

const outside = () => new ForbiddenException({ statusCode: 403, code: 'NOT_ALLOWED', message: 'Ngoài phạm vi tỉnh được giao / Outside your provinces' });
const unknownProvince = (code: string) => new UnprocessableEntityException({ statusCode: 422, code: 'UNKNOWN_PROVINCE', message: `Không có tỉnh ${code} / Unknown province` });
const notFound = () => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy hợp đồng tư vấn / Engagement not found' });

/** Who keeps the records of a centre (write), and who reads them; each only over the scope of that role's grant. */
export const CONSULTING_KEEPERS: readonly Role[] = ['provincial_officer', 'admin'];
export const CONSULTING_PLANNERS: readonly Role[] = ['provincial_officer', 'central_officer', 'admin'];
export const CONSULTING_READERS: readonly Role[] = ['provincial_officer', 'central_officer', 'admin'];

/**
 * Whether one of the actor's grants of these roles covers the province (a national grant covers every one). The
 * role is checked on the same grant as the scope: another role's grant never widens the provinces (issue 17).
 */
function covers(actor: Actor, roles: readonly Role[], provinceCode: string): boolean {
  return holds(actor, roles, { provinceCode });
}

interface EngagementRow {
  id: string;
  province_code: string;
  centre_name: string;
  client_name: string;
  service: string;
  contract_value: string;
  signed_on: string;
  revenues: { period: string; amount: number }[];
}

const SELECT = `
  SELECT e.id, e.province_code, e.centre_name, e.client_name, e.service, e.contract_value::text, to_char(e.signed_on, 'YYYY-MM-DD') AS signed_on,
         COALESCE((SELECT json_agg(json_build_object('period', r.period, 'amount', r.amount) ORDER BY r.period) FROM consulting_revenues r WHERE r.engagement_id = e.id), '[]') AS revenues
    FROM consulting_engagements e`;

function view(row: EngagementRow): EngagementView {
  const revenues = row.revenues.map((revenue) => ({ period: revenue.period, amount: Number(revenue.amount) }));
  return {
    id: row.id,
    provinceCode: row.province_code,
    centreName: row.centre_name,
    clientName: row.client_name,
    service: row.service,
    contractValue: Number(row.contract_value),
    signedOn: row.signed_on,
    revenues,
    revenueTotal: revenues.reduce((sum, revenue) => sum + revenue.amount, 0),
  };
}

/**
 * Records (or corrects) one month's revenue inside the caller's transaction: locks the engagement, answers 404 unless
 * `mayKeep` its province, 422 when the revenues would exceed the contract value. Shared with the spreadsheet import.
 */
export async function writeRevenue(tx: EntityManager, id: string, body: RevenueBody, mayKeep: (provinceCode: string) => boolean): Promise<void> {
  const [row] = await tx.query<{ province_code: string; contract_value: string; signed_period: string; others: string }[]>(
    `SELECT province_code, contract_value::text, to_char(signed_on, 'YYYY-MM') AS signed_period,
            (SELECT COALESCE(SUM(amount), 0) FROM consulting_revenues WHERE engagement_id = e.id AND period <> $2)::text AS others
       FROM consulting_engagements e WHERE id = $1 FOR UPDATE`,
    [id, body.period],
  );
  if (!row || !mayKeep(row.province_code)) throw notFound();
  if (body.period < row.signed_period) {
    throw new UnprocessableEntityException({
      statusCode: 422,
      code: 'REVENUE_BEFORE_SIGNING',
      message: `Kỳ doanh thu ${body.period.slice(5)}/${body.period.slice(0, 4)} trước tháng ký hợp đồng / The period is before the contract was signed`,
    });
  }
  if (Number(row.others) + body.amount > Number(row.contract_value)) {
    throw new UnprocessableEntityException({
      statusCode: 422,
      code: 'REVENUE_ABOVE_CONTRACT',
      message: `Doanh thu vượt giá trị hợp đồng (${row.contract_value} đồng) / Revenue exceeds the contract value`,
      rule: { code: 'REVENUE_LE_CONTRACT', basis: 'Doanh thu không vượt giá trị hợp đồng tư vấn', cap: { contractValue: Number(row.contract_value) } },
    });
  }
  await tx.query(
    `INSERT INTO consulting_revenues (engagement_id, period, amount) VALUES ($1, $2, $3) ON CONFLICT (engagement_id, period) DO UPDATE SET amount = EXCLUDED.amount`,
    [id, body.period, body.amount],
  );
}

/** Consulting engagements of the provincial centres, their revenue by month, and the yearly revenue plans. */
@Injectable()
export class ConsultingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(actor: Actor, body: CreateEngagementBody): Promise<EngagementView> {
    if (!covers(actor, CONSULTING_KEEPERS, body.provinceCode)) throw outside();
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO consulting_engagements (province_code, centre_name, client_name, service, contract_value, signed_on, created_by)
       SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM administrative_units WHERE code = $1 AND level = 'province') RETURNING id`,
      [body.provinceCode, body.centreName, body.clientName, body.service, body.contractValue, body.signedOn, actor.userId],
    );
    if (!row) throw unknownProvince(body.provinceCode);
    return this.get(actor, row.id);
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<EngagementView> {
    const [row] = await manager.query<EngagementRow[]>(`${SELECT} WHERE e.id = $1`, [id]);
    if (!row || !covers(actor, CONSULTING_READERS, row.province_code)) throw notFound();
    return view(row);
  }

  async list(actor: Actor, query: EngagementListQuery): Promise<EngagementListResponse> {
    const params: unknown[] = [];
    const where = ['TRUE'];
    const grants = grantsOf(actor, CONSULTING_READERS);
    if (!grants.some((grant) => grant.scopeType === 'national')) {
      where.push(`e.province_code = ANY($${params.push(grants.filter((grant) => grant.scopeType === 'province').flatMap((grant) => coveredUnits(grant)))})`);
    }
    if (query.provinceCode) where.push(`e.province_code = $${params.push(query.provinceCode)}`);
    if (query.year !== undefined) where.push(`EXTRACT(YEAR FROM e.signed_on) = $${params.push(query.year)}`);
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      const n = params.push(pattern);
      where.push(`(e.client_name ILIKE $${n} OR e.centre_name ILIKE $${n} OR e.service ILIKE $${n})`);
    }
    const filter = where.join(' AND ');
    const [count] = await this.dataSource.query<{ total: number }[]>(`SELECT COUNT(*)::int AS total FROM consulting_engagements e WHERE ${filter}`, params);
    const rows = await this.dataSource.query<EngagementRow[]>(
      `${SELECT} WHERE ${filter} ORDER BY e.signed_on DESC, e.created_at DESC, e.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.limit, query.offset],
    );
    return { items: rows.map(view), total: count!.total };
  }

  /** Records one month's revenue, replacing the amount of a month recorded already; the revenue of an engagement never exceeds its contract value and starts no earlier than the month of signing. */
  async recordRevenue(actor: Actor, id: string, body: RevenueBody): Promise<EngagementView> {
    return this.dataSource.transaction(async (tx) => {
      await writeRevenue(tx, id, body, (provinceCode) => covers(actor, CONSULTING_KEEPERS, provinceCode));
      return this.get(actor, id, tx);
    });
  }

  async setPlan(actor: Actor, provinceCode: string, year: number, body: ConsultingPlanBody): Promise<ConsultingPlanView> {
    if (!covers(actor, CONSULTING_PLANNERS, provinceCode)) throw outside();
    const rows = await this.dataSource.query<{ amount: string }[]>(
      `INSERT INTO consulting_plans (province_code, year, amount)
       SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM administrative_units WHERE code = $1 AND level = 'province')
       ON CONFLICT (province_code, year) DO UPDATE SET amount = EXCLUDED.amount RETURNING amount::text`,
      [provinceCode, year, body.amount],
    );
    if (rows.length === 0) throw unknownProvince(provinceCode);
    return this.plan(actor, provinceCode, year);
  }

  /** The province's yearly revenue plan with the revenue recorded against it (the months of that year). */
  async plan(actor: Actor, provinceCode: string, year: number): Promise<ConsultingPlanView> {
    // A read outside the caller's provinces answers as missing, like every other read.
    if (!covers(actor, CONSULTING_READERS, provinceCode)) throw new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy kế hoạch tư vấn / Consulting plan not found' });
    const [row] = await this.dataSource.query<{ known: boolean; amount: string | null; revenue: string; engagements: number }[]>(
      `SELECT EXISTS (SELECT 1 FROM administrative_units WHERE code = $1 AND level = 'province') AS known,
              (SELECT amount::text FROM consulting_plans WHERE province_code = $1 AND year = $2) AS amount,
              COALESCE(SUM(r.amount), 0)::text AS revenue, COUNT(DISTINCT r.engagement_id)::int AS engagements
         FROM consulting_revenues r JOIN consulting_engagements e ON e.id = r.engagement_id
        WHERE e.province_code = $1 AND r.period LIKE $3`,
      [provinceCode, year, `${year}-%`],
    );
    if (!row!.known) throw unknownProvince(provinceCode);
    return { provinceCode, year, amount: row!.amount === null ? null : Number(row!.amount), revenue: Number(row!.revenue), engagements: row!.engagements };
  }
}
