import { z } from 'zod';

export const PlanListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  provinceCode: z.string().max(64).optional(),
  fundingSource: z.enum(['NATIONAL', 'LOCAL']).optional(),
});
export type PlanListQuery = z.output<typeof PlanListQuery>;

export const PlanIdParam = z.object({ id: z.uuid() });

export const AdjustmentBody = z.object({
  amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  reason: z.string().trim().min(1).max(2000),
});
export type AdjustmentBody = z.output<typeof AdjustmentBody>;

const Version = z.object({ version: z.number(), amount: z.number(), kind: z.enum(['derived', 'adjustment']), reason: z.string().nullable(), createdAt: z.string() });
export const PlanView = z.object({
  id: z.string(),
  provinceCode: z.string().nullable().describe('null: the national plan'),
  fundingSource: z.string(),
  year: z.number(),
  currentVersion: z.number(),
  amount: z.number(),
  /** The sum of the allocations of the plan's schemes today (differs from `amount` after an adjustment). */
  allocations: z.number(),
  versions: z.array(Version),
});
export type PlanView = z.infer<typeof PlanView>;
export const PlanListResponse = z.object({ items: z.array(PlanView.omit({ versions: true })) });
export type PlanListResponse = z.infer<typeof PlanListResponse>;
