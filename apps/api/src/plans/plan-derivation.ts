import { type EntityManager } from 'typeorm';
import { AnnualPlanStore } from '@khuyencong/persistence';

const plans = new AnnualPlanStore();

/** Stages whose allocation belongs to the plan: from inclusion in the plan to closing. */
export const PLANNED_STAGES = ['in_plan', 'in_progress', 'change_review', 'acceptance', 'settlement', 'closed'];

/**
 * Re-derives an annual plan (province × source × year; provinceCode null = the national plan of all provinces)
 * from the allocations of its schemes. A changed amount becomes a new `derived` version; an unchanged one writes
 * nothing. Returns the current version.
 */
export async function derivePlan(
  manager: EntityManager,
  provinceCode: string | null,
  fundingSource: string,
  year: number,
  userId: string | null,
): Promise<number> {
  const amount = await plans.sumAllocations(manager, PLANNED_STAGES, provinceCode, fundingSource, year);
  await plans.ensurePlan(manager, provinceCode, fundingSource, year);
  const plan = await plans.lockCurrent(manager, provinceCode, fundingSource, year);
  if (plan!.amount === amount) return plan!.current_version;
  const version = plan!.amount === null ? plan!.current_version : plan!.current_version + 1;
  await plans.insertDerivedVersion(manager, plan!.id, version, amount, 'Tổng kinh phí được phân bổ của các đề án / sum of the schemes’ allocations', userId);
  await plans.setCurrentVersion(manager, plan!.id, version);
  return version;
}

/** Re-derives the province's plan and, for national funds, the national plan too. */
export async function derivePlansOf(
  manager: EntityManager,
  scheme: { provinceCode: string; fundingSource: string; year: number },
  userId: string | null,
): Promise<void> {
  await derivePlan(manager, scheme.provinceCode, scheme.fundingSource, scheme.year, userId);
  if (scheme.fundingSource === 'NATIONAL') await derivePlan(manager, null, 'NATIONAL', scheme.year, userId);
}
