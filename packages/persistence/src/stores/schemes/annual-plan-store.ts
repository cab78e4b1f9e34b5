import { type EntityManager } from 'typeorm';

/** An annual plan (provinceCode null = the national plan) with its current amount and the allocations it plans. */
export interface AnnualPlanRow {
  id: string;
  province_code: string | null;
  funding_source_code: string;
  year: number;
  current_version: number;
  amount: string;
  allocations: string;
}

/** A plan's current version under the row lock; amount null while the plan has no version yet. */
export interface AnnualPlanCurrent {
  id: string;
  current_version: number;
  amount: string | null;
}

export interface AnnualPlanVersionRow {
  version: number;
  amount: string;
  kind: 'derived' | 'adjustment';
  reason: string | null;
  created_by_name: string | null;
  created_at: Date;
}

/** A plan's line: the planned schemes of one content group, their allocations and disbursements. */
export interface AnnualPlanLineRow {
  content_group_code: string;
  schemes: number;
  allocated: string;
  disbursed: string;
}

/** Which plans a list reads: `provinces` null reads every plan (a national grant), else only those provinces'. */
export interface AnnualPlanListFilter {
  provinces: readonly string[] | null;
  year?: number | undefined;
  provinceCode?: string | undefined;
  fundingSource?: string | undefined;
}

// $1 is the stages whose allocations the plan holds.
const SELECT = `
  SELECT p.id, p.province_code, p.funding_source_code, p.year, p.current_version, v.amount::text,
         (SELECT COALESCE(SUM(s.allocated_amount), 0) FROM schemes s
           WHERE s.year = p.year AND s.funding_source_code = p.funding_source_code
             AND (p.province_code IS NULL OR s.province_code = p.province_code) AND s.stage = ANY($1))::text AS allocations
    FROM annual_plans p JOIN annual_plan_versions v ON v.plan_id = p.id AND v.version = p.current_version`;

/**
 * Annual plans (province × source × year) and their versions: each derivation or adjustment is a new version. The
 * `stages` every read takes are the scheme stages whose allocations belong to a plan.
 */
export class AnnualPlanStore {
  /** The plans the filter reads, latest year first, the national plan before the provinces' (at most 500). */
  async list(manager: EntityManager, stages: readonly string[], filter: AnnualPlanListFilter): Promise<AnnualPlanRow[]> {
    const params: unknown[] = [stages];
    const where: string[] = ['TRUE'];
    if (filter.provinces !== null) {
      params.push(filter.provinces);
      where.push(`p.province_code = ANY($${params.length})`);
    }
    if (filter.year !== undefined) where.push(`p.year = $${params.push(filter.year)}`);
    if (filter.provinceCode) where.push(`p.province_code = $${params.push(filter.provinceCode)}`);
    if (filter.fundingSource) where.push(`p.funding_source_code = $${params.push(filter.fundingSource)}`);
    return await manager.query<AnnualPlanRow[]>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY p.year DESC, p.province_code NULLS FIRST, p.funding_source_code LIMIT 500`,
      params,
    );
  }

  /** The plan, locked FOR UPDATE OF the plan row with `lock` (an adjustment); undefined when there is none. */
  async find(manager: EntityManager, stages: readonly string[], id: string, lock = false): Promise<AnnualPlanRow | undefined> {
    const [row] = await manager.query<AnnualPlanRow[]>(`${SELECT} WHERE p.id = $2${lock ? ' FOR UPDATE OF p' : ''}`, [stages, id]);
    return row;
  }

  /** The plan's versions, first to last, with their authors' names. */
  async versions(manager: EntityManager, planId: string): Promise<AnnualPlanVersionRow[]> {
    return await manager.query<AnnualPlanVersionRow[]>(
      `SELECT v.version, v.amount::text, v.kind, v.reason, u.display_name AS created_by_name, v.created_at
         FROM annual_plan_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.plan_id = $1 ORDER BY v.version`,
      [planId],
    );
  }

  /** The plan's lines by content group (provinceCode null = every province). */
  async lines(
    manager: EntityManager,
    stages: readonly string[],
    plan: { year: number; fundingSource: string; provinceCode: string | null },
  ): Promise<AnnualPlanLineRow[]> {
    return await manager.query<AnnualPlanLineRow[]>(
      `SELECT s.content_group_code, COUNT(*)::int AS schemes, COALESCE(SUM(s.allocated_amount), 0)::text AS allocated,
              COALESCE(SUM((SELECT SUM(d.amount) FROM disbursements d WHERE d.scheme_id = s.id)), 0)::text AS disbursed
         FROM schemes s
        WHERE s.year = $1 AND s.funding_source_code = $2 AND ($3::text IS NULL OR s.province_code = $3) AND s.stage = ANY($4)
        GROUP BY s.content_group_code ORDER BY s.content_group_code`,
      [plan.year, plan.fundingSource, plan.provinceCode, stages],
    );
  }

  /** The sum, as text, of the allocations of the schemes in these stages (provinceCode null = every province). */
  async sumAllocations(manager: EntityManager, stages: readonly string[], provinceCode: string | null, fundingSource: string, year: number): Promise<string> {
    const [sumRow] = await manager.query<{ amount: string }[]>(
      `SELECT COALESCE(SUM(allocated_amount), 0)::text AS amount FROM schemes
        WHERE year = $1 AND funding_source_code = $2 AND ($3::text IS NULL OR province_code = $3) AND stage = ANY($4)`,
      [year, fundingSource, provinceCode, stages],
    );
    return sumRow!.amount;
  }

  /** Creates the plan at version 1 unless it exists. */
  async ensurePlan(manager: EntityManager, provinceCode: string | null, fundingSource: string, year: number): Promise<void> {
    await manager.query(
      `INSERT INTO annual_plans (province_code, funding_source_code, year, current_version) VALUES ($1, $2, $3, 1)
       ON CONFLICT ((COALESCE(province_code, '')), funding_source_code, year) DO NOTHING`,
      [provinceCode, fundingSource, year],
    );
  }

  /** Locks the plan (FOR UPDATE OF the plan row) and returns its current version and amount. */
  async lockCurrent(manager: EntityManager, provinceCode: string | null, fundingSource: string, year: number): Promise<AnnualPlanCurrent | undefined> {
    const [plan] = await manager.query<AnnualPlanCurrent[]>(
      `SELECT p.id, p.current_version, v.amount::text AS amount FROM annual_plans p
         LEFT JOIN annual_plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
        WHERE COALESCE(p.province_code, '') = COALESCE($1::text, '') AND p.funding_source_code = $2 AND p.year = $3 FOR UPDATE OF p`,
      [provinceCode, fundingSource, year],
    );
    return plan;
  }

  /** A version derived from the schemes' allocations. */
  async insertDerivedVersion(manager: EntityManager, planId: string, version: number, amount: string, reason: string, createdBy: string | null): Promise<void> {
    await manager.query(`INSERT INTO annual_plan_versions (plan_id, version, amount, kind, reason, created_by) VALUES ($1, $2, $3, 'derived', $4, $5)`, [
      planId,
      version,
      amount,
      reason,
      createdBy,
    ]);
  }

  /** A version an officer set by hand, with their reason. */
  async insertAdjustment(manager: EntityManager, planId: string, version: number, amount: number, reason: string, createdBy: string): Promise<void> {
    await manager.query(`INSERT INTO annual_plan_versions (plan_id, version, amount, kind, reason, created_by) VALUES ($1, $2, $3, 'adjustment', $4, $5)`, [
      planId,
      version,
      amount,
      reason,
      createdBy,
    ]);
  }

  async setCurrentVersion(manager: EntityManager, planId: string, version: number): Promise<void> {
    await manager.query(`UPDATE annual_plans SET current_version = $2 WHERE id = $1`, [planId, version]);
  }
}
