import { z } from 'zod';

/** The province whose eligible implementing units are listed (a province the caller is officer of). */
export const ImplementingUnitsQuery = z.object({ provinceCode: z.string().trim().min(1).max(64) }).strict();
export type ImplementingUnitsQuery = z.output<typeof ImplementingUnitsQuery>;

export const ImplementingUnits = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), type: z.enum(['provincial_centre', 'provincial_department']) })).max(200),
});
export type ImplementingUnits = z.output<typeof ImplementingUnits>;

/** The scheme's year, province and funding source: the rules in force on THE SCHEME'S DATE (dated-rules.ts). */
export const SchemeRulesQuery = z
  .object({
    provinceCode: z.string().trim().min(1).max(64),
    year: z.coerce.number().int().min(2021).max(2100),
    fundingSource: z.enum(['NATIONAL', 'LOCAL']),
  })
  .strict();
export type SchemeRulesQuery = z.output<typeof SchemeRulesQuery>;

export const SchemeRules = z.object({
  date: z.string().describe('The scheme’s date: every rule below is the one in force on it'),
  activities: z
    .array(z.object({ code: z.string(), contentGroup: z.string(), name: z.string() }))
    .describe('The sub-activities a scheme may take, with their content group'),
  supportRules: z.array(
    z.object({
      code: z.string(),
      activityCode: z.string(),
      activityName: z.string(),
      citation: z.string().describe('Instrument and, when verified, article'),
      maxPercent: z.number().nullable().describe('Support ≤ this share of the eligible cost, per line'),
      maxAmount: z.number().nullable(),
      per: z.string().nullable().describe('model | establishment | enterprise | …: establishment caps sum the lines of one establishment'),
      technologyLineMultiplier: z.number().nullable(),
      provincial: z.boolean().describe('The province’s own rule (it wins over the nationwide one)'),
    }),
  ),
  advanceRules: z.array(
    z.object({ activityCode: z.string(), code: z.string(), citation: z.string(), maxPercent: z.number(), progressAbove: z.number().nullable() }),
  ),
  registrationDeadline: z.object({ code: z.string(), citation: z.string(), deadline: z.string() }).nullable(),
});
export type SchemeRules = z.output<typeof SchemeRules>;

export const SCHEME_COUNCIL_ROLES = ['council_member', 'council_chair'] as const;
export const SchemePeopleQuery = z
  .object({ role: z.enum(SCHEME_COUNCIL_ROLES).default('council_member'), q: z.string().trim().min(1).max(100).optional() })
  .strict();
export type SchemePeopleQuery = z.output<typeof SchemePeopleQuery>;

export const SchemePeople = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string(), email: z.string(), unitName: z.string() })).max(50),
});
export type SchemePeople = z.output<typeof SchemePeople>;
