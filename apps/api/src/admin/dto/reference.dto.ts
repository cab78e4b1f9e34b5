import { z } from 'zod';
import { IsoDate } from './common.js';
import { safeText } from '../../common/zod.js';

export const Province = z.object({
  code: z.string(),
  /** The official code of the province (Decision 19/2025/QĐ-TTg numbering), what people know it by; null for units before the reform without one. */
  officialCode: z.string().nullable(),
  name: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type Province = z.output<typeof Province>;

export const Region = z.object({ code: z.string(), name: z.string(), members: z.array(z.object({ code: z.string(), name: z.string() })) });
export type Region = z.output<typeof Region>;

export const RegionMembershipsQuery = z.object({ date: IsoDate.optional().describe('The day (YYYY-MM-DD); today in Asia/Ho_Chi_Minh when absent') });
export type RegionMembershipsQuery = z.output<typeof RegionMembershipsQuery>;

export const RegionMembership = z.object({
  code: z.string().describe('The province'),
  name: z.string(),
  validFrom: z.string().describe('The first day of its membership of the region'),
  validTo: z.string().nullable().describe('The last day of its membership (null: open)'),
});
export type RegionMembership = z.output<typeof RegionMembership>;

export const RegionMemberships = z.object({
  date: z.string(),
  regions: z.array(z.object({ code: z.string(), name: z.string(), provinces: z.array(RegionMembership) })),
});
export type RegionMemberships = z.output<typeof RegionMemberships>;

export const ProvinceCode = z.string().regex(/^[a-z0-9-]{1,60}$/, 'Mã tỉnh không hợp lệ / not a province code');

export const SetRegionMembershipRequest = z
  .object({
    regionCode: z.string().regex(/^[A-Z_]{1,40}$/, 'Mã vùng không hợp lệ / not a region code'),
    validFrom: IsoDate.describe('The province belongs to the region from this day'),
  })
  .strict();
export type SetRegionMembershipRequest = z.output<typeof SetRegionMembershipRequest>;

export const SetRegionMembershipResponse = z.object({
  provinceCode: z.string(),
  regionCode: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  history: z
    .array(z.object({ regionCode: z.string(), validFrom: z.string(), validTo: z.string().nullable() }))
    .describe("The province's memberships, oldest first"),
});
export type SetRegionMembershipResponse = z.output<typeof SetRegionMembershipResponse>;

export const ContentGroupsQuery = z.object({ programme: z.string().max(50).optional() });
export type ContentGroupsQuery = z.output<typeof ContentGroupsQuery>;

export const ContentGroup = z.object({ programmeCode: z.string(), code: z.string(), name: z.string(), position: z.number().int() });
export type ContentGroup = z.output<typeof ContentGroup>;

export const SupportRulesQuery = z.object({ fundingSource: z.string().max(50).optional(), on: IsoDate.optional() });
export type SupportRulesQuery = z.output<typeof SupportRulesQuery>;

export const SupportRule = z.object({
  code: z.string(),
  basis: z.string().describe('The instrument that sets the cap'),
  article: z.string().nullable().describe('Its article (null while not verified)'),
  fundingSourceCode: z.string(),
  provinceCode: z.string().nullable(),
  activityCode: z.string(),
  activityName: z.string(),
  maxPercent: z.number().nullable(),
  maxAmount: z.number().int().nullable().describe('VND'),
  per: z.string().nullable(),
  conditions: z.record(z.string(), z.unknown()),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type SupportRule = z.output<typeof SupportRule>;

export const UpdateSupportRuleRequest = z
  .object({
    activityName: safeText(1, 300).optional(),
    maxPercent: z.number().min(0).max(100).multipleOf(0.01).nullable().optional(),
    maxAmount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional().describe('VND'),
    per: z.string().trim().min(1).max(50).nullable().optional(),
    article: safeText(1, 200).nullable().optional(),
    validTo: IsoDate.nullable().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, 'Cần ít nhất một trường / at least one field');
export type UpdateSupportRuleRequest = z.output<typeof UpdateSupportRuleRequest>;

export const CriteriaSet = z.object({
  code: z.string(),
  name: z.string(),
  basis: z.string(),
  totalPoints: z.number().int(),
  groups: z.array(z.object({ code: z.string(), name: z.string(), maxPoints: z.number().int(), position: z.number().int() })),
});
export type CriteriaSet = z.output<typeof CriteriaSet>;
