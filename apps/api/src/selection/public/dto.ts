import { z } from 'zod';
import { Password } from '../../auth/dto.js';
import { safeText } from '../../common/zod.js';
import { EstablishmentView, RegisterEstablishmentBody } from '../establishments/dto.js';
import { PRODUCT_GROUPS } from '../entries/dto.js';
import { RoundContactView } from '../rounds/dto.js';
import { LEVELS, ROUND_STATUSES } from '../rounds/round-store.js';

const unitCode = z.string().regex(/^[a-z0-9-]{2,80}$/, 'unit code: lower-case slug or official code, e.g. gia-lai-2025, 23734');

export const PublicRoundQuery = z
  .object({
    level: z.enum(LEVELS).optional(),
    /** Rounds of this province, of its communes, of its region, and national ones. */
    provinceCode: unitCode.optional(),
  })
  .strict();
export type PublicRoundQuery = z.output<typeof PublicRoundQuery>;

export const PublicRound = z.object({
  id: z.string().uuid(),
  name: z.string(),
  level: z.enum(LEVELS),
  year: z.number().int(),
  scopeType: z.string(),
  scopeCode: z.string(),
  scopeName: z.string().describe('Vietnamese name of the commune, province or region; "Toàn quốc" for a national round'),
  registrationOpensAt: z.string(),
  registrationClosesAt: z.string(),
  status: z.enum(ROUND_STATUSES),
  criteriaSetCode: z.string(),
  criteria: z.array(z.object({ code: z.string(), name: z.string(), maxPoints: z.number().int() })),
  passThreshold: z.number(),
  screeningWorkingDays: z.number().int(),
  contact: RoundContactView,
});
export type PublicRound = z.output<typeof PublicRound>;
export const PublicRoundList = z.object({ items: z.array(PublicRound) });
export type PublicRoundList = z.output<typeof PublicRoundList>;

export const PublicProductQuery = z
  .object({
    /** Product or establishment name, accent-insensitive. */
    q: z.string().trim().min(1).max(100).optional(),
    /** A province of today covers the provinces it succeeded. */
    provinceCode: unitCode.optional(),
    communeCode: unitCode.optional(),
    productGroup: z.enum(PRODUCT_GROUPS).optional(),
    level: z.enum(LEVELS).optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type PublicProductQuery = z.output<typeof PublicProductQuery>;

export const PublicProduct = z.object({
  certificateNumber: z.string(),
  productName: z.string(),
  productGroup: z.string().nullable(),
  establishmentName: z.string(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  level: z.enum(LEVELS),
  year: z.number().int(),
  issuedOn: z.string(),
  validUntil: z.string(),
});
export const PublicProductPage = z.object({ items: z.array(PublicProduct), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type PublicProductPage = z.output<typeof PublicProductPage>;

export const PublicRegistrationBody = z
  .object({
    account: z
      .object({
        email: z.string().trim().toLowerCase().email().max(254),
        password: Password,
        displayName: safeText(1, 200),
        phone: z
          .string()
          .trim()
          .regex(/^\+?[0-9][0-9 .-]{5,29}$/, 'phone: 6–30 digits, spaces, dots or dashes, e.g. 0912 345 678')
          .optional(),
      })
      .strict(),
    establishment: RegisterEstablishmentBody,
  })
  .strict();
export type PublicRegistrationBody = z.output<typeof PublicRegistrationBody>;

export const PublicRegistration = z.object({ userId: z.string().uuid(), email: z.string(), establishment: EstablishmentView });
export type PublicRegistration = z.output<typeof PublicRegistration>;
