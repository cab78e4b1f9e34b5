import { z } from 'zod';
import { InstanceView } from '../../workflow/dto.js';
import { safeText } from '../../common/zod.js';

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

export const EntryListQuery = z
  .object({
    roundId: z.string().uuid().optional(),
    stage: z.string().regex(/^[a-z_]{1,40}$/).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type EntryListQuery = z.output<typeof EntryListQuery>;

export const EntryView = z.object({
  instanceId: z.string().uuid(),
  roundId: z.string().uuid(),
  establishmentId: z.string().uuid(),
  establishmentName: z.string(),
  productName: z.string(),
  productGroup: z.string(),
  dossier: z.record(z.string(), z.unknown()),
  nominatedFrom: z.string().uuid().nullable(),
  instance: InstanceView,
});
export type EntryView = z.output<typeof EntryView>;

export const EntrySummary = z.object({
  instanceId: z.string().uuid(),
  roundId: z.string().uuid(),
  establishmentName: z.string(),
  productName: z.string(),
  productGroup: z.string(),
  provinceCode: z.string().nullable(),
  stage: z.string(),
  status: z.string(),
  version: z.number().int(),
  dueAt: z.string().nullable(),
});
export const EntryList = z.object({ items: z.array(EntrySummary) });
export type EntryList = z.output<typeof EntryList>;
