import { z } from 'zod';
import { LEVELS, ROUND_STATUSES } from './round-store.js';
import { safeText } from '../../common/zod.js';

export const RoundIdParam = z.object({ id: z.string().uuid('must be a UUID') });
const userIds = z.array(z.string().uuid()).min(1).max(50).refine((ids) => new Set(ids).size === ids.length, 'user ids must be distinct');

export const CreateRoundBody = z
  .object({
    name: safeText(3, 300),
    level: z.enum(LEVELS),
    year: z.number().int().min(2000).max(2100),
    /** Commune or province code for local rounds, the region code for a regional round; ignored for national. */
    scopeCode: z.string().regex(/^[A-Za-z0-9_-]{2,80}$/).optional(),
    registrationOpensAt: z.iso.datetime(),
    registrationClosesAt: z.iso.datetime(),
    criteriaSetCode: z.string().min(1).max(40).default('TT26-PL4'),
    passThreshold: z.number().min(0).max(100).default(70),
    nominationQuota: z.number().int().min(0).max(1000).nullable().default(null),
    quorumRatio: z.number().gt(0).max(1).nullable().default(null),
    spreadLimit: z.number().min(0).max(100).nullable().default(null),
    screeningWorkingDays: z.number().int().min(1).max(60).default(10),
  })
  .strict()
  .refine((body) => Date.parse(body.registrationClosesAt) > Date.parse(body.registrationOpensAt), {
    message: 'registrationClosesAt must be after registrationOpensAt',
    path: ['registrationClosesAt'],
  });
export type CreateRoundBody = z.output<typeof CreateRoundBody>;

export const RoundListQuery = z
  .object({
    level: z.enum(LEVELS).optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    status: z.enum(ROUND_STATUSES).optional(),
  })
  .strict();
export type RoundListQuery = z.output<typeof RoundListQuery>;

export const RoundStatusBody = z.object({ status: z.enum(ROUND_STATUSES) }).strict();
export type RoundStatusBody = z.output<typeof RoundStatusBody>;

export const JuryBody = z
  .object({ judges: userIds, productGroup: z.enum(['HANDICRAFT', 'PROCESSED_FOOD', 'MECHANICAL', 'OTHER']).optional() })
  .strict();
export type JuryBody = z.output<typeof JuryBody>;

export const CouncilBody = z.object({ members: userIds, chair: z.string().uuid().optional() }).strict();
export type CouncilBody = z.output<typeof CouncilBody>;

export const RoundView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  level: z.enum(LEVELS),
  year: z.number().int(),
  scopeType: z.string(),
  scopeCode: z.string(),
  status: z.enum(ROUND_STATUSES),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  criteriaSetCode: z.string(),
  passThreshold: z.number(),
  nominationQuota: z.number().int().nullable(),
  quorumRatio: z.number().nullable(),
  spreadLimit: z.number().nullable(),
  screeningWorkingDays: z.number().int(),
  jury: z.record(z.string(), z.array(z.string())),
  council: z.object({ members: z.array(z.string()), chair: z.string().nullable() }).nullable(),
});
export type RoundView = z.output<typeof RoundView>;
export const RoundList = z.object({ items: z.array(RoundView) });
export type RoundList = z.output<typeof RoundList>;

export const AssignmentResult = z.object({ round: RoundView, assigned: z.array(z.string().uuid()) });
export type AssignmentResult = z.output<typeof AssignmentResult>;

export const RoundResults = z.object({
  roundId: z.string().uuid(),
  items: z.array(
    z.object({
      instanceId: z.string().uuid(),
      productName: z.string(),
      establishmentName: z.string(),
      provinceCode: z.string().nullable(),
      stage: z.string(),
      juryClosed: z.boolean(),
      /** Average of the last closed scoring round, in points; null while the jury is open. */
      average: z.number().nullable(),
      spread: z.number().nullable(),
      juryOutcome: z.string().nullable(),
      scoringRounds: z.number().int(),
      councilOutcome: z.string().nullable(),
    }),
  ),
});
export type RoundResults = z.output<typeof RoundResults>;
