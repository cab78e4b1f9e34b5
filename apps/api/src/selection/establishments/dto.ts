import { z } from 'zod';
import { pageOffset, searchText, sortColumn, sortOrder, listTotalShape } from '../../common/list-query.js';
import { safeText } from '../../common/zod.js';

const unitCode = z.string().regex(/^[a-z0-9-]{2,80}$/, 'unit code: lower-case slug, e.g. gia-lai');

export const EstablishmentIdParam = z.object({ id: z.string().uuid('must be a UUID') });

export const RegisterEstablishmentBody = z
  .object({
    name: safeText(2, 300),
    legalForm: z.enum(['enterprise', 'cooperative', 'household_business']),
    registrationNumber: z.string().trim().min(3).max(50),
    taxCode: z
      .string()
      .regex(/^\d{10}(-\d{3})?$/, 'tax code: 10 digits, optionally -NNN')
      .optional(),
    communeCode: unitCode,
    provinceCode: unitCode,
    priorityFlags: z.partialRecord(z.enum(['womenOwned', 'ethnicMinority', 'difficultArea', 'disabledOwner']), z.boolean()).default({}),
  })
  .strict();
export type RegisterEstablishmentBody = z.output<typeof RegisterEstablishmentBody>;

/** An officer registering for someone may name an existing user who becomes its applicant. */
export const CreateEstablishmentBody = RegisterEstablishmentBody.extend({
  applicantEmail: z.string().trim().toLowerCase().email().max(254).optional().describe('Officers only: an existing user who becomes the applicant'),
}).strict();
export type CreateEstablishmentBody = z.output<typeof CreateEstablishmentBody>;

export const ESTABLISHMENT_SORTS = ['name', 'registeredAt', 'taxCode'] as const;

export const EstablishmentListQuery = z
  .object({
    /** Name, tax code or registration number (accent-insensitive for the name). */
    q: searchText,
    provinceCode: unitCode.optional(),
    communeCode: unitCode.optional(),
    verified: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    sort: sortColumn(ESTABLISHMENT_SORTS),
    order: sortOrder,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: pageOffset,
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
  communeName: z.string().nullable(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  regionCode: z.string().nullable(),
  priorityFlags: z.record(z.string(), z.boolean()),
  verified: z.boolean(),
  verifiedAt: z.string().nullable(),
  registeredAt: z.string(),
});
export type EstablishmentView = z.output<typeof EstablishmentView>;

/** One page of establishments and how many match in all. */
export const EstablishmentList = z.object({ items: z.array(EstablishmentView), ...listTotalShape });
export type EstablishmentList = z.output<typeof EstablishmentList>;
