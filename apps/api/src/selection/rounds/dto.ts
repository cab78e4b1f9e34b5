import { z } from 'zod';
import { LEVELS, ROUND_STATUSES } from './round-store.js';
import { safeText } from '../../common/zod.js';

export const RoundIdParam = z.object({ id: z.string().uuid('must be a UUID') });
const userIds = z
  .array(z.string().uuid())
  .min(1)
  .max(50)
  .refine((ids) => new Set(ids).size === ids.length, 'user ids must be distinct');

/** Digits, spaces and + . - ( ), 8–20 characters (the table's ck_rounds_contact_phone). */
const PHONE = /^[0-9 +.()-]{8,20}$/;

/**
 * Whom applicants contact about a round. Each part is optional; the messages name the field in Vietnamese first,
 * because the officer reads them in the round dialog.
 */
export const RoundContactBody = z
  .object({
    name: safeText(2, 300).optional().describe('The office or person, e.g. "Phòng Quản lý công nghiệp, Sở Công Thương Gia Lai"'),
    phone: z
      .string()
      .trim()
      .regex(PHONE, 'Số điện thoại liên hệ chỉ gồm chữ số, khoảng trắng và + . - ( ), dài 8–20 ký tự / Contact phone: 8–20 digits, spaces or + . - ( )')
      .optional(),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .email('Thư điện tử liên hệ không hợp lệ, ví dụ: phongqlcn@khuyencong.vn / Contact e-mail is not an address, e.g. phongqlcn@khuyencong.vn')
      .max(254, 'Thư điện tử liên hệ dài quá 254 ký tự / Contact e-mail: at most 254 characters')
      .optional(),
  })
  .strict();
export type RoundContactBody = z.output<typeof RoundContactBody>;

export const RoundContactView = z
  .object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() })
  .nullable()
  .describe('Whom applicants contact about the round; null when the round names none (the organiser is meant)');

export const CreateRoundBody = z
  .object({
    name: safeText(3, 300),
    level: z.enum(LEVELS),
    year: z.number().int().min(2000).max(2100),
    /** Commune or province code for local rounds, the region code for a regional round; ignored for national. */
    scopeCode: z
      .string()
      .regex(/^[A-Za-z0-9_-]{2,80}$/)
      .optional(),
    registrationOpensAt: z.iso.datetime(),
    registrationClosesAt: z.iso.datetime(),
    criteriaSetCode: z.string().min(1).max(40).default('TT26-PL4'),
    passThreshold: z.number().min(0).max(100).default(70),
    nominationQuota: z.number().int().min(0).max(1000).nullable().default(null),
    quorumRatio: z.number().gt(0).max(1).nullable().default(null),
    spreadLimit: z.number().min(0).max(100).nullable().default(null),
    screeningWorkingDays: z.number().int().min(1).max(60).default(10),
    contact: RoundContactBody.optional(),
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

export const JuryBody = z.object({ judges: userIds, productGroup: z.enum(['HANDICRAFT', 'PROCESSED_FOOD', 'MECHANICAL', 'OTHER']).optional() }).strict();
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
  contact: RoundContactView,
  /** Vietnamese name of the round's commune, province or region; "Toàn quốc" for a national round. */
  scopeName: z.string(),
  people: z
    .record(z.string(), z.object({ displayName: z.string(), email: z.string().nullable() }))
    .describe('Every judge and council member of the round by user id; the e-mail only for officers, signers and admins (null otherwise)'),
  entryCount: z.number().int(),
  nominationTarget: z
    .object({ id: z.string().uuid(), name: z.string(), level: z.enum(LEVELS) })
    .nullable()
    .describe('The planned or open round one level up whose area contains this one’s (same year and open preferred), if any'),
  nominatedCount: z.number().int().describe('Entries of this round already nominated to a round one level up'),
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
      code: z.string().describe('The entry’s tracking code, e.g. 2026-T-66-0012'),
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

export const ELIGIBLE_ROLES = ['judge', 'council_member', 'council_chair'] as const;

export const EligiblePeopleQuery = z
  .object({
    role: z.enum(ELIGIBLE_ROLES),
    /** Part of the name or e-mail (accent-insensitive for the name). */
    q: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type EligiblePeopleQuery = z.output<typeof EligiblePeopleQuery>;

export const EligiblePeople = z.object({
  items: z
    .array(
      z.object({
        id: z.string().uuid(),
        displayName: z.string(),
        email: z.string(),
        unitName: z.string().describe('The area of the grant that qualifies them ("Toàn quốc" for national)'),
      }),
    )
    .max(50),
});
export type EligiblePeople = z.output<typeof EligiblePeople>;
