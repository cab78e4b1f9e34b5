import { z } from 'zod';

const Deadline = z.enum(['overdue', 'due_soon', 'on_time', 'none']);

/**
 * The inbox query. Without any of q, kind, claim, sort or page it is the original deadline-ordered cursor walk
 * (limit, cursor: the fast path the benchmark times); with any of them it is a searched, sorted page with a
 * total (page, limit).
 */
export const InboxQuery = z
  .object({
    definition: z.string().max(60).optional(),
    stage: z.string().max(60).optional(),
    deadline: Deadline.optional(),
    province: z.string().max(60).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Product or scheme title, establishment or implementing unit, round name, scheme code or entry tracking code; accents and case ignored'),
    kind: z.enum(['entry', 'scheme']).optional().describe('Entries of the product selection, or khuyến công schemes'),
    claim: z.enum(['mine', 'unclaimed', 'others']).optional().describe('Claimed by me, claimed by nobody, or claimed by a colleague'),
    sort: z.enum(['deadline', 'received', 'name']).optional().describe('deadline: soonest first; received: newest first; name: by title'),
    page: z.coerce.number().int().min(1).max(10_000).optional().describe('1-based page of `limit` rows; the answer then carries total'),
  })
  .strict();
export type InboxQuery = z.output<typeof InboxQuery>;

const Person = z.object({ userId: z.string().uuid(), name: z.string() });

export const InboxItem = z.object({
  taskId: z.string().uuid(),
  instanceId: z.string().uuid(),
  definitionCode: z.string(),
  subjectKind: z.string(),
  stage: z.string(),
  stageLabelKey: z.string().describe('i18n label key of the stage, e.g. stage.screening'),
  actions: z.array(z.string()),
  dueAt: z.string().nullable(),
  receivedAt: z.string().describe('When the task came into the inbox'),
  deadline: Deadline,
  provinceCode: z.string().nullable(),
  establishmentId: z.string().nullable(),
  roundId: z.string().nullable(),
  roundName: z.string().nullable().describe('The round of an entry'),
  schemeCode: z.string().nullable().describe('The code of a scheme'),
  entryCode: z.string().nullable().describe('The tracking code of an entry (round code and sequence, e.g. 2026-T-66-0012)'),
  year: z.number().int().nullable(),
  level: z.string().nullable(),
  productGroup: z.string().nullable(),
  assignedToMe: z.boolean(),
  title: z.string().nullable().describe('The product name of an entry, the title of a scheme'),
  subjectName: z.string().nullable().describe('The establishment of an entry, the implementing unit of a scheme'),
  claimable: z.boolean().describe('A row of an officer role (claims apply); false for work already addressed to one person and for an applicant’s own work'),
  claimedBy: Person.nullable().describe('Who has claimed the task (advisory: colleagues still see it)'),
  claimedByMe: z.boolean(),
});
export type InboxItem = z.output<typeof InboxItem>;
export const InboxResponse = z.object({
  items: z.array(InboxItem),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional().describe('All matching rows; present on a page request (q, kind, claim, sort or page given)'),
  page: z.number().int().optional(),
});
export type InboxResponse = z.output<typeof InboxResponse>;

export const TaskIdParam = z.object({ taskId: z.string().uuid() }).strict();
export const ReassignBody = z.object({ toUserId: z.string().uuid().describe('A person from GET /api/inbox/{taskId}/eligible-assignees') }).strict();
export type ReassignBody = z.output<typeof ReassignBody>;

export const ClaimResponse = z.object({
  taskId: z.string().uuid(),
  instanceId: z.string().uuid(),
  claimedBy: Person.nullable(),
});
export type ClaimResponse = z.output<typeof ClaimResponse>;

export const EligibleAssignees = z.object({ items: z.array(Person.extend({ email: z.string(), claimant: z.boolean() })) });
export type EligibleAssignees = z.output<typeof EligibleAssignees>;
