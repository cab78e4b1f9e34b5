import { ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { ConsultingStore, type ConsultingEngagementRow } from '@khuyencong/persistence';
import { type Role } from '../common/access.js';
import { type Actor } from '../common/actor.js';
import { ReadRouter } from '../infra/read-routing.js';
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
const unknownProvince = (code: string) =>
  new UnprocessableEntityException({ statusCode: 422, code: 'UNKNOWN_PROVINCE', message: `Không có tỉnh ${code} / Unknown province` });
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

/** Engagements, revenues and plans (shared by the service and writeRevenue). */
const consulting = new ConsultingStore();

function view(row: ConsultingEngagementRow): EngagementView {
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
  const row = await consulting.lockForRevenue(tx, id, body.period);
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
  await consulting.upsertRevenue(tx, id, body.period, body.amount);
}

/** Consulting engagements of the provincial centres, their revenue by month, and the yearly revenue plans. */
@Injectable()
export class ConsultingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadRouter,
  ) {}

  async create(actor: Actor, body: CreateEngagementBody): Promise<EngagementView> {
    if (!covers(actor, CONSULTING_KEEPERS, body.provinceCode)) throw outside();
    const id = await consulting.insertEngagement(this.dataSource.manager, {
      provinceCode: body.provinceCode,
      centreName: body.centreName,
      clientName: body.clientName,
      service: body.service,
      contractValue: body.contractValue,
      signedOn: body.signedOn,
      createdBy: actor.userId,
    });
    if (id === undefined) throw unknownProvince(body.provinceCode);
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string, manager: EntityManager = this.dataSource.manager): Promise<EngagementView> {
    const row = await consulting.findEngagement(manager, id);
    if (!row || !covers(actor, CONSULTING_READERS, row.province_code)) throw notFound();
    return view(row);
  }

  async list(actor: Actor, query: EngagementListQuery): Promise<EngagementListResponse> {
    const grants = grantsOf(actor, CONSULTING_READERS);
    const { rows, total } = await consulting.listEngagements(await this.reads.reader(actor), {
      provinces: grants.some((grant) => grant.scopeType === 'national')
        ? null
        : grants.filter((grant) => grant.scopeType === 'province').flatMap((grant) => coveredUnits(grant)),
      provinceCode: query.provinceCode,
      year: query.year,
      q: query.q,
      limit: query.limit,
      offset: query.offset,
    });
    return { items: rows.map(view), total };
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
    if (!(await consulting.upsertPlan(this.dataSource.manager, provinceCode, year, body.amount))) throw unknownProvince(provinceCode);
    return this.plan(actor, provinceCode, year);
  }

  /** The province's yearly revenue plan with the revenue recorded against it (the months of that year). */
  async plan(actor: Actor, provinceCode: string, year: number): Promise<ConsultingPlanView> {
    // A read outside the caller's provinces answers as missing, like every other read.
    if (!covers(actor, CONSULTING_READERS, provinceCode))
      throw new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy kế hoạch tư vấn / Consulting plan not found' });
    const row = await consulting.planSummary(this.dataSource.manager, provinceCode, year);
    if (!row.known) throw unknownProvince(provinceCode);
    return { provinceCode, year, amount: row.amount === null ? null : Number(row.amount), revenue: Number(row.revenue), engagements: row.engagements };
  }
}
