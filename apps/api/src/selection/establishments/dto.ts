import { z } from 'zod';
import { safeText } from '../../common/zod.js';

const unitCode = z.string().regex(/^[a-z0-9-]{2,80}$/, 'unit code: lower-case slug, e.g. gia-lai');

export const EstablishmentIdParam = z.object({ id: z.string().uuid('must be a UUID') });

export const RegisterEstablishmentBody = z
  .object({
    name: safeText(2, 300),
    legalForm: z.enum(['enterprise', 'cooperative', 'household_business']),
    registrationNumber: z.string().trim().min(3).max(50),
    taxCode: z.string().regex(/^\d{10}(-\d{3})?$/, 'tax code: 10 digits, optionally -NNN').optional(),
    communeCode: unitCode,
    provinceCode: unitCode,
    priorityFlags: z.partialRecord(z.enum(['womenOwned', 'ethnicMinority', 'difficultArea', 'disabledOwner']), z.boolean()).default({}),
  })
  .strict();
export type RegisterEstablishmentBody = z.output<typeof RegisterEstablishmentBody>;

export const EstablishmentListQuery = z
  .object({
    provinceCode: unitCode.optional(),
    verified: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type EstablishmentListQuery = z.output<typeof EstablishmentListQuery>;

export const EstablishmentView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  legalForm: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  taxCode: z.string().nullable(),
  communeCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  priorityFlags: z.record(z.string(), z.boolean()),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
});
export type EstablishmentView = z.output<typeof EstablishmentView>;

export const EstablishmentList = z.object({ items: z.array(EstablishmentView) });
export type EstablishmentList = z.output<typeof EstablishmentList>;
