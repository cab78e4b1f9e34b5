import { type EntityManager } from 'typeorm';

/** A consulting engagement with its monthly revenues (ordered by period). */
export interface ConsultingEngagementRow {
  id: string;
  province_code: string;
  centre_name: string;
  client_name: string;
  service: string;
  contract_value: string;
  signed_on: string;
  revenues: { period: string; amount: number }[];
}

/** What a revenue is checked against: the engagement's province, contract value, month of signing and the other months' revenue. */
export interface ConsultingRevenueCheckRow {
  province_code: string;
  contract_value: string;
  signed_period: string;
  others: string;
}

export interface ConsultingEngagementInsert {
  provinceCode: string;
  centreName: string;
  clientName: string;
  service: string;
  contractValue: number;
  signedOn: string;
  createdBy: string;
}

/** Which engagements a list reads: `provinces` null reads every province (a national grant). */
export interface ConsultingEngagementFilter {
  provinces: readonly string[] | null;
  provinceCode?: string | undefined;
  year?: number | undefined;
  /** Client, centre or service, case-insensitive. */
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** A province's yearly revenue plan and what was recorded in that year; `known` false when there is no such province. */
export interface ConsultingPlanSummaryRow {
  known: boolean;
  amount: string | null;
  revenue: string;
  engagements: number;
}

const SELECT = `
  SELECT e.id, e.province_code, e.centre_name, e.client_name, e.service, e.contract_value::text, to_char(e.signed_on, 'YYYY-MM-DD') AS signed_on,
         COALESCE((SELECT json_agg(json_build_object('period', r.period, 'amount', r.amount) ORDER BY r.period) FROM consulting_revenues r WHERE r.engagement_id = e.id), '[]') AS revenues
    FROM consulting_engagements e`;

/** Consulting engagements of the provincial centres, their revenue by month, and the provinces' yearly revenue plans. */
export class ConsultingStore {
  /** Inserts the engagement when its province exists; returns its id, or undefined for an unknown province. */
  async insertEngagement(manager: EntityManager, engagement: ConsultingEngagementInsert): Promise<string | undefined> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO consulting_engagements (province_code, centre_name, client_name, service, contract_value, signed_on, created_by)
       SELECT $1, $2, $3, $4, $5, $6, $7 WHERE EXISTS (SELECT 1 FROM administrative_units WHERE code = $1 AND level = 'province') RETURNING id`,
      [
        engagement.provinceCode,
        engagement.centreName,
        engagement.clientName,
        engagement.service,
        engagement.contractValue,
        engagement.signedOn,
        engagement.createdBy,
      ],
    );
    return row?.id;
  }

  async findEngagement(manager: EntityManager, id: string): Promise<ConsultingEngagementRow | undefined> {
    const [row] = await manager.query<ConsultingEngagementRow[]>(`${SELECT} WHERE e.id = $1`, [id]);
    return row;
  }

  /** A page of engagements, latest signed first, and the count of all matches. */
  async listEngagements(manager: EntityManager, filter: ConsultingEngagementFilter): Promise<{ rows: ConsultingEngagementRow[]; total: number }> {
    const params: unknown[] = [];
    const where = ['TRUE'];
    if (filter.provinces !== null) where.push(`e.province_code = ANY($${params.push(filter.provinces)})`);
    if (filter.provinceCode) where.push(`e.province_code = $${params.push(filter.provinceCode)}`);
    if (filter.year !== undefined) where.push(`EXTRACT(YEAR FROM e.signed_on) = $${params.push(filter.year)}`);
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
      const n = params.push(pattern);
      where.push(`(e.client_name ILIKE $${n} OR e.centre_name ILIKE $${n} OR e.service ILIKE $${n})`);
    }
    const conditions = where.join(' AND ');
    const [count] = await manager.query<{ total: number }[]>(`SELECT COUNT(*)::int AS total FROM consulting_engagements e WHERE ${conditions}`, params);
    const rows = await manager.query<ConsultingEngagementRow[]>(
      `${SELECT} WHERE ${conditions} ORDER BY e.signed_on DESC, e.created_at DESC, e.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { rows, total: count!.total };
  }

  /** Locks the engagement (FOR UPDATE) and reads what a revenue of `period` is checked against; undefined when there is none. */
  async lockForRevenue(manager: EntityManager, id: string, period: string): Promise<ConsultingRevenueCheckRow | undefined> {
    const [row] = await manager.query<ConsultingRevenueCheckRow[]>(
      `SELECT province_code, contract_value::text, to_char(signed_on, 'YYYY-MM') AS signed_period,
              (SELECT COALESCE(SUM(amount), 0) FROM consulting_revenues WHERE engagement_id = e.id AND period <> $2)::text AS others
         FROM consulting_engagements e WHERE id = $1 FOR UPDATE`,
      [id, period],
    );
    return row;
  }

  /** Records a month's revenue, replacing the amount already recorded for that month. */
  async upsertRevenue(manager: EntityManager, id: string, period: string, amount: number): Promise<void> {
    await manager.query(
      `INSERT INTO consulting_revenues (engagement_id, period, amount) VALUES ($1, $2, $3) ON CONFLICT (engagement_id, period) DO UPDATE SET amount = EXCLUDED.amount`,
      [id, period, amount],
    );
  }

  /** Sets the province's revenue plan of the year; false (nothing written) when there is no such province. */
  async upsertPlan(manager: EntityManager, provinceCode: string, year: number, amount: number): Promise<boolean> {
    const rows = await manager.query<{ amount: string }[]>(
      `INSERT INTO consulting_plans (province_code, year, amount)
       SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM administrative_units WHERE code = $1 AND level = 'province')
       ON CONFLICT (province_code, year) DO UPDATE SET amount = EXCLUDED.amount RETURNING amount::text`,
      [provinceCode, year, amount],
    );
    return rows.length > 0;
  }

  /** The province's plan of the year with the revenue recorded in that year's months and how many engagements earned it. */
  async planSummary(manager: EntityManager, provinceCode: string, year: number): Promise<ConsultingPlanSummaryRow> {
    const [row] = await manager.query<ConsultingPlanSummaryRow[]>(
      `SELECT EXISTS (SELECT 1 FROM administrative_units WHERE code = $1 AND level = 'province') AS known,
              (SELECT amount::text FROM consulting_plans WHERE province_code = $1 AND year = $2) AS amount,
              COALESCE(SUM(r.amount), 0)::text AS revenue, COUNT(DISTINCT r.engagement_id)::int AS engagements
         FROM consulting_revenues r JOIN consulting_engagements e ON e.id = r.engagement_id
        WHERE e.province_code = $1 AND r.period LIKE $3`,
      [provinceCode, year, `${year}-%`],
    );
    return row!;
  }
}
