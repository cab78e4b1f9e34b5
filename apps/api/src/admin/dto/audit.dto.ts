import { z } from 'zod';

export const AuditQuery = z.object({
  actor: z.string().uuid().optional().describe('Actor user id'),
  action: z.string().trim().min(1).max(100).optional().describe('Action, or a prefix of it (e.g. "admin.user")'),
  since: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this instant'),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional()
    .describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.output<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.string(),
  actorUserId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.output<typeof AuditEntry>;

export const AuditPage = z.object({
  items: z.array(AuditEntry),
  nextCursor: z.string().nullable().describe('Pass as cursor for older entries; null at the end'),
});
export type AuditPage = z.output<typeof AuditPage>;
