import { type EntityManager } from 'typeorm';

/** Stages whose allocation belongs to the plan: from inclusion in the plan to closing. */
export const PLANNED_STAGES = ['in_plan', 'in_progress', 'change_review', 'acceptance', 'settlement', 'closed'];

/**
 * Re-derives an annual plan (province × source × year; provinceCode null = the national plan of all provinces)
 * from the allocations of its schemes. A changed amount becomes a new `derived` version; an unchanged one writes
 * nothing. Returns the current version.
 */
export async function derivePlan(manager: EntityManager, provinceCode: string | null, fundingSource: string, year: number, userId: string | null): Promise<number> {
  const [sumRow] = await manager.query<{ amount: string }[]>(
    `SELECT COALESCE(SUM(allocated_amount), 0)::text AS amount FROM schemes
      WHERE year = $1 AND funding_source_code = $2 AND ($3::text IS NULL OR province_code = $3) AND stage = ANY($4)`,
    [year, fundingSource, provinceCode, PLANNED_STAGES],
  );
  const amount = sumRow!.amount;
  await manager.query(
    `INSERT INTO annual_plans (province_code, funding_source_code, year, current_version) VALUES ($1, $2, $3, 1)
     ON CONFLICT ((COALESCE(province_code, '')), funding_source_code, year) DO NOTHING`,
    [provinceCode, fundingSource, year],
  );
  const [plan] = await manager.query<{ id: string; current_version: number; amount: string | null }[]>(
    `SELECT p.id, p.current_version, v.amount::text AS amount FROM annual_plans p
       LEFT JOIN annual_plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
      WHERE COALESCE(p.province_code, '') = COALESCE($1::text, '') AND p.funding_source_code = $2 AND p.year = $3 FOR UPDATE OF p`,
    [provinceCode, fundingSource, year],
  );
  if (plan!.amount === amount) return plan!.current_version;
  const version = plan!.amount === null ? plan!.current_version : plan!.current_version + 1;
  await manager.query(
    `INSERT INTO annual_plan_versions (plan_id, version, amount, kind, reason, created_by) VALUES ($1, $2, $3, 'derived', $4, $5)`,
    [plan!.id, version, amount, 'Tổng kinh phí được phân bổ của các đề án / sum of the schemes’ allocations', userId],
  );
  await manager.query(`UPDATE annual_plans SET current_version = $2 WHERE id = $1`, [plan!.id, version]);
  return version;
}

/** Re-derives the province's plan and, for national funds, the national plan too. */
export async function derivePlansOf(manager: EntityManager, scheme: { provinceCode: string; fundingSource: string; year: number }, userId: string | null): Promise<void> {
  await derivePlan(manager, scheme.provinceCode, scheme.fundingSource, scheme.year, userId);
  if (scheme.fundingSource === 'NATIONAL') await derivePlan(manager, null, 'NATIONAL', scheme.year, userId);
}
