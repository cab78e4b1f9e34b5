import { z } from 'zod';

export const RoundIdParam = z.object({ id: z.string().uuid('must be a UUID') });
const instanceIds = z
  .array(z.string().uuid())
  .min(1)
  .max(5000)
  .refine((ids) => new Set(ids).size === ids.length, 'an entry is listed twice');

export const DecisionBody = z
  .object({
    number: z.string().trim().min(1).max(100).describe('e.g. 245/QĐ-CĐP'),
    date: z.iso.date().describe('YYYY-MM-DD'),
    /** The issuing body printed on certificates; defaults by level. */
    issuer: z.string().trim().min(3).max(300).optional(),
    instanceIds,
  })
  .strict();
export type DecisionBody = z.output<typeof DecisionBody>;

export const NominationBody = z.object({ instanceIds }).strict();
export type NominationBody = z.output<typeof NominationBody>;

export const DecisionItem = z.object({
  instanceId: z.string().uuid(),
  certificateNumber: z.string(),
  productName: z.string(),
  establishmentId: z.string().uuid(),
  establishmentName: z.string(),
  provinceCode: z.string().nullable(),
  status: z.string(),
  validUntil: z.string(),
});

export const DecisionView = z.object({
  id: z.string().uuid(),
  roundId: z.string().uuid(),
  number: z.string(),
  date: z.string(),
  issuer: z.string(),
  signerUserId: z.string().uuid().nullable(),
  productCount: z.number().int(),
  establishmentCount: z.number().int(),
  provinceCount: z.number().int(),
  items: z.array(DecisionItem),
});
export type DecisionView = z.output<typeof DecisionView>;

export const NominationResult = z.object({
  targetRoundId: z.string().uuid(),
  nominated: z.array(z.object({ sourceInstanceId: z.string().uuid(), instanceId: z.string().uuid(), certificateNumber: z.string() })),
});
export type NominationResult = z.output<typeof NominationResult>;
