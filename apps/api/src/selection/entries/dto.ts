import { z } from 'zod';
import { InstanceView } from '../../workflow/dto.js';
import { pageOffset, searchText, sortColumn, sortOrder, unitCode, yearParam, listTotalShape } from '../../common/list-query.js';
import { safeText } from '../../common/zod.js';
import { EstablishmentView } from '../establishments/dto.js';
import { RoundContactView } from '../rounds/dto.js';
import { LEVELS } from '../rounds/round-store.js';

export const PRODUCT_GROUPS = ['HANDICRAFT', 'PROCESSED_FOOD', 'MECHANICAL', 'OTHER'] as const;

export const EntryIdParam = z.object({ id: z.string().uuid('must be a UUID') });
export const RoundEntriesParam = z.object({ id: z.string().uuid('must be a UUID') });

/** Document ids of the dossier parts (uploaded through /api/documents first). */
export const Dossier = z
  .object({
    registrationForm: z.string().uuid().nullable().optional(),
    businessRegistration: z.string().uuid().nullable().optional(),
    productDescription: z.string().uuid().nullable().optional(),
    photos: z.array(z.string().uuid()).max(30).default([]),
    /** Quality or food-safety certificates, awards. */
    others: z.array(z.string().uuid()).max(30).default([]),
  })
  .strict();
export type Dossier = z.output<typeof Dossier>;

export const CreateEntryBody = z
  .object({
    establishmentId: z.string().uuid(),
    productName: safeText(2, 300),
    productGroup: z.enum(PRODUCT_GROUPS),
    dossier: Dossier.optional(),
  })
  .strict();
export type CreateEntryBody = z.output<typeof CreateEntryBody>;

/** Corrections of the product's name or group while the entry is a draft or returned for revision. */
export const UpdateEntryBody = z
  .object({ productName: safeText(2, 300).optional(), productGroup: z.enum(PRODUCT_GROUPS).optional() })
  .strict()
  .refine((body) => body.productName !== undefined || body.productGroup !== undefined, { message: 'send productName, productGroup or both' });
export type UpdateEntryBody = z.output<typeof UpdateEntryBody>;

export const ENTRY_SORTS = ['created', 'product', 'establishment', 'round', 'stage', 'due'] as const;
export const DEADLINE_STATES = ['overdue', 'due_soon', 'on_time', 'none'] as const;

export const EntryListQuery = z
  .object({
    roundId: z.string().uuid().optional(),
    stage: z
      .string()
      .regex(/^[a-z_]{1,40}$/)
      .optional(),
    /** Product, establishment (name or tax code), or the beginning of a tracking code. */
    q: searchText,
    year: yearParam.optional().describe('The round’s year'),
    level: z.enum(['commune', 'province', 'region', 'national']).optional().describe('The round’s level'),
    provinceCode: unitCode.optional(),
    communeCode: unitCode.optional(),
    productGroup: z.enum(PRODUCT_GROUPS).optional(),
    deadline: z.enum(DEADLINE_STATES).optional().describe('The deadline of the current stage: overdue, due soon, on time, none'),
    sort: sortColumn(ENTRY_SORTS),
    order: sortOrder,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: pageOffset,
  })
  .strict();
export type EntryListQuery = z.output<typeof EntryListQuery>;

export const DOSSIER_PARTS = ['registrationForm', 'businessRegistration', 'productDescription', 'photos', 'others'] as const;

/** A file of the dossier, named: the part it fills and what it is. */
export const EntryDocument = z.object({
  id: z.string().uuid(),
  part: z.enum(DOSSIER_PARTS),
  fileName: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
});
export type EntryDocument = z.output<typeof EntryDocument>;

/** The dossier's tracking code: the round's code and a sequence. */
const entryCode = z
  .string()
  .describe('The dossier’s tracking code: the round’s code and a sequence, e.g. 2026-T-66-0012 (year, level X/T/KV/QG, unit, number)');

export const EntryView = z.object({
  instanceId: z.string().uuid(),
  code: entryCode,
  roundId: z.string().uuid(),
  establishmentId: z.string().uuid(),
  establishmentName: z.string(),
  productName: z.string(),
  productGroup: z.string(),
  dossier: z.record(z.string(), z.unknown()),
  /** The dossier's files in part order (photos and others in the dossier's order). */
  documents: z.array(EntryDocument),
  establishment: EstablishmentView,
  nominatedFrom: z.string().uuid().nullable(),
  round: z
    .object({
      id: z.string().uuid(),
      name: z.string(),
      level: z.enum(LEVELS),
      year: z.number().int(),
      scopeName: z.string().describe('Vietnamese name of the round’s commune, province or region; "Toàn quốc" for a national round'),
      contact: RoundContactView,
    })
    .describe('The round the entry is in, with whom to contact about it (the applicant’s next-answer card)'),
  instance: InstanceView,
});
export type EntryView = z.output<typeof EntryView>;

export const EntrySummary = z.object({
  instanceId: z.string().uuid(),
  code: entryCode,
  roundId: z.string().uuid(),
  roundName: z.string(),
  establishmentId: z.string().uuid(),
  establishmentName: z.string(),
  productName: z.string(),
  productGroup: z.string(),
  provinceCode: z.string().nullable(),
  roundYear: z.number().int(),
  roundLevel: z.string(),
  communeCode: z.string().nullable(),
  stage: z.string(),
  status: z.string(),
  version: z.number().int(),
  dueAt: z.string().nullable(),
  deadline: z.enum(DEADLINE_STATES),
});
/** One page of entries and how many match in all. */
export const EntryList = z.object({ items: z.array(EntrySummary), ...listTotalShape });
export type EntryList = z.output<typeof EntryList>;
