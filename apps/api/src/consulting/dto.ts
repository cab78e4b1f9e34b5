import { z } from 'zod';
import { safeText } from '../common/zod.js';

const vnd = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a calendar date');

export const CreateEngagementBody = z.object({
  provinceCode: z.string().min(1).max(64),
  centreName: safeText(1, 300),
  clientName: safeText(1, 300),
  service: z.string().trim().min(1).max(500),
  contractValue: vnd,
  signedOn: isoDate,
});
export type CreateEngagementBody = z.output<typeof CreateEngagementBody>;

export const RevenueBody = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'), amount: vnd });
export type RevenueBody = z.output<typeof RevenueBody>;

export const EngagementIdParam = z.object({ id: z.uuid() });
export const ConsultingPlanParams = z.object({ provinceCode: z.string().min(1).max(64), year: z.coerce.number().int().min(2000).max(2100) });
export const ConsultingPlanBody = z.object({ amount: vnd });
export type ConsultingPlanBody = z.output<typeof ConsultingPlanBody>;

export const EngagementListQuery = z.object({
  provinceCode: z.string().max(64).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** Words found in the client, the centre or the service (case and accents as typed). */
  q: z.string().trim().max(200).optional(),
  /** A page of the list; without it, the first 500 (as before paging). */
  limit: z.coerce.number().int().min(1).max(500).default(500),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type EngagementListQuery = z.output<typeof EngagementListQuery>;

export const EngagementView = z.object({
  id: z.string(),
  provinceCode: z.string(),
  centreName: z.string(),
  clientName: z.string(),
  service: z.string(),
  contractValue: z.number(),
  signedOn: z.string(),
  revenues: z.array(z.object({ period: z.string(), amount: z.number() })),
  revenueTotal: z.number(),
});
export type EngagementView = z.infer<typeof EngagementView>;
export const EngagementListResponse = z.object({
  items: z.array(EngagementView),
  total: z.number().describe('All engagements matching the filters, over every page'),
});
export type EngagementListResponse = z.infer<typeof EngagementListResponse>;
export const ConsultingPlanView = z.object({
  provinceCode: z.string(),
  year: z.number(),
  /** The yearly revenue plan; null when none is set. */
  amount: z.number().nullable(),
  /** Revenue recorded for the months of the year, over the province's engagements. */
  revenue: z.number(),
  /** Engagements with revenue in the year. */
  engagements: z.number(),
});
export type ConsultingPlanView = z.infer<typeof ConsultingPlanView>;
