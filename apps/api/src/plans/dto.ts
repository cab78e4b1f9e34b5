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
  /** The version the user saw: when another adjustment landed in between, the request is refused (409). */
  expectedVersion: z.number().int().min(1).optional(),
});
export type AdjustmentBody = z.output<typeof AdjustmentBody>;

const Version = z.object({
  version: z.number(),
  amount: z.number(),
  /** The change against the previous version (null for the first). */
  difference: z.number().nullable(),
  kind: z.enum(['derived', 'adjustment']),
  reason: z.string().nullable(),
  /** Who made it, by name (null: derived by the system or imported). */
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

/** One line of a plan: the plan's schemes of one content group, what they were allocated and what was paid. */
const PlanLine = z.object({
  contentGroupCode: z.string(),
  fundingSource: z.string(),
  schemes: z.number(),
  allocated: z.number(),
  disbursed: z.number(),
});

const PlanSummary = z.object({
  id: z.string(),
  provinceCode: z.string().nullable().describe('null: the national plan'),
  fundingSource: z.string(),
  year: z.number(),
  currentVersion: z.number(),
  amount: z.number(),
  /** The sum of the allocations of the plan's schemes today (differs from `amount` after an adjustment). */
  allocations: z.number(),
});

export const PlanView = PlanSummary.extend({
  versions: z.array(Version),
  lines: z.array(PlanLine).describe('By content group, from the schemes in the plan'),
  /** Whether the caller may adjust this plan (national funds: the Cục; a province’s local funds: its officers or signer). */
  mayAdjust: z.boolean(),
});
export type PlanView = z.infer<typeof PlanView>;
export const PlanListResponse = z.object({ items: z.array(PlanSummary) });
export type PlanListResponse = z.infer<typeof PlanListResponse>;
