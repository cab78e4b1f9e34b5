import { z } from 'zod';
import { SUB_ACTIVITIES } from './activities.js';
import { searchText, sortColumn, sortOrder, listTotalShape } from '../common/list-query.js';
import { safeText } from '../common/zod.js';

/** Whole đồng. */
export const vnd = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a calendar date')
  .describe('A calendar date, YYYY-MM-DD');
export const DisbursementKind = z.enum(['advance', 'payment']);
export const ChangeKind = z.enum(['adjust', 'supplement', 'suspend', 'cancel', 'extend']);
const text = (max: number) => z.string().trim().min(1).max(max);
const activityCodes = SUB_ACTIVITIES.map((activity) => activity.code) as [string, ...string[]];

export const CreateSchemeBody = z.object({
  title: safeText(1, 300),
  /** The implementing unit: an organisation (the provincial khuyến công centre). */
  implementingUnitId: z.uuid(),
  contentGroupCode: z.string().regex(/^CG\d$/),
  subActivity: z.enum(activityCodes),
  fundingSource: z.enum(['NATIONAL', 'LOCAL']),
  year: z.number().int().min(2021).max(2100),
  provinceCode: z.string().min(1).max(64),
  location: text(300),
  /** The planned completion date; an approved extension moves it. */
  endsOn: isoDate.optional(),
  beneficiaries: z
    .array(z.object({ name: safeText(1, 300), organisationId: z.uuid().optional(), supportAmount: vnd, coFundingAmount: vnd }))
    .max(200)
    .default([]),
  budgetLines: z
    .array(
      z.object({
        activityCode: z.enum(activityCodes),
        description: text(500),
        eligibleCost: vnd,
        supportAmount: vnd,
        /** The beneficiary establishment (one of `beneficiaries[].organisationId`); caps "per establishment" sum its lines. */
        establishmentId: z.uuid().optional(),
        /** A technology line: the cap's technology-line multiplier applies (TT 28/2018/TT-BTC, 1.5×). */
        technologyLine: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(200),
});
export type CreateSchemeBody = z.output<typeof CreateSchemeBody>;

/** A draft or returned scheme rewritten: everything of a new one but its year, province and fund (they fix its code and rules). */
export const UpdateSchemeBody = CreateSchemeBody.omit({ year: true, provinceCode: true, fundingSource: true }).strict();
export type UpdateSchemeBody = z.output<typeof UpdateSchemeBody>;

export const SchemeIdParam = z.object({ id: z.uuid() });
export const SchemeDocumentParams = z.object({ id: z.uuid(), documentId: z.uuid() });

export const SCHEME_DOCUMENT_KINDS = ['proposal', 'estimate', 'contract', 'progress_report', 'acceptance_minutes', 'settlement', 'other'] as const;
/** A document the caller uploaded for the scheme's implementing unit (POST /api/documents with its organisationId), attached with its kind. */
export const AttachSchemeDocumentBody = z.object({ documentId: z.uuid(), kind: z.enum(SCHEME_DOCUMENT_KINDS) }).strict();
export type AttachSchemeDocumentBody = z.output<typeof AttachSchemeDocumentBody>;
export const SchemeCommandParams = z.object({
  id: z.uuid(),
  type: z.enum([
    'submit',
    'resubmit',
    'withdraw',
    'pass',
    'return',
    'reject',
    'contract',
    'cancel',
    'record_progress',
    'record_disbursement',
    'request_change',
    'approve_change',
    'reject_change',
    'complete',
    'assign_council',
    'vote',
    'settle',
  ]),
});
export type SchemeCommandType = z.output<typeof SchemeCommandParams>['type'];

/** The engine's payload plus the finance fields: disbursement kind and date, change amounts, vote conditions, settlement date. */
export const SchemeCommandBody = z.object({
  type: z.string().optional().describe('The command type again (optional): when sent it must be the one in the path'),
  payload: z
    .object({
      reason: z.string().max(2000).optional(),
      approvedAmount: vnd.optional(),
      contractNumber: z.string().max(100).optional(),
      progressPercent: z.number().int().min(0).max(100).optional(),
      amount: vnd.optional(),
      kind: DisbursementKind.optional(),
      paidOn: isoDate.optional(),
      changeKind: ChangeKind.optional(),
      newAllocatedAmount: vnd.optional(),
      /** An extension's new completion date (changeKind `extend` only). */
      newEndsOn: isoDate.optional(),
      members: z.array(z.uuid()).max(15).optional(),
      chair: z.uuid().optional(),
      vote: z.enum(['approve', 'reject']).optional(),
      conditions: z.string().max(2000).optional(),
      settledAmount: vnd.optional(),
      settledOn: isoDate.optional(),
    })
    .strict()
    .default({}),
});
export type SchemeCommandBody = z.output<typeof SchemeCommandBody>;
export type SchemePayload = SchemeCommandBody['payload'];

export const LocalPlanApprovalBody = z.object({
  items: z
    .array(z.object({ schemeId: z.uuid(), version: z.number().int().min(1) }))
    .min(1)
    .max(500),
});
export type LocalPlanApprovalBody = z.output<typeof LocalPlanApprovalBody>;

export const SCHEME_SORTS = ['year', 'code', 'title', 'province', 'stage', 'requested', 'allocated'] as const;

export const SchemeListQuery = z.object({
  /** Code or title (accent-insensitive). */
  q: searchText,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  provinceCode: z.string().max(64).optional(),
  fundingSource: z.enum(['NATIONAL', 'LOCAL']).optional(),
  contentGroupCode: z
    .string()
    .regex(/^CG\d$/, 'content group: CG1…CG9')
    .optional(),
  stage: z.string().max(64).optional(),
  sort: sortColumn(SCHEME_SORTS),
  order: sortOrder,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SchemeListQuery = z.output<typeof SchemeListQuery>;

const Amount = z.number().int();
export const SchemeView = z.object({
  id: z.string(),
  instanceId: z.string().nullable(),
  version: z.number().nullable().describe('Instance version for If-Match on commands'),
  revision: z.number().int().describe('1, plus one per edit of the draft: the If-Match of PUT /api/schemes/{id}'),
  code: z.string(),
  title: z.string(),
  implementingUnit: z.string(),
  implementingUnitId: z.string().nullable().describe('The implementing organisation (null for schemes imported without a workflow)'),
  programmeCode: z.string().describe('The programme whose period holds the scheme’s year'),
  contentGroupCode: z.string(),
  subActivity: z.string(),
  fundingSource: z.string(),
  year: z.number(),
  provinceCode: z.string(),
  regionCode: z.string().nullable(),
  location: z.string(),
  stage: z.string(),
  requestedAmount: Amount,
  allocatedAmount: Amount.nullable(),
  disbursedAmount: Amount,
  progressPercent: z.number(),
  contractNumber: z.string().nullable(),
  endsOn: z.string().nullable().describe('Planned completion date (YYYY-MM-DD)'),
  beneficiaries: z.array(z.object({ name: z.string(), organisationId: z.string().nullable(), supportAmount: Amount, coFundingAmount: Amount })),
  budgetLines: z.array(
    z.object({
      position: z.number(),
      activityCode: z.string(),
      description: z.string(),
      eligibleCost: Amount,
      supportAmount: Amount,
      ruleCode: z.string().nullable(),
      establishmentId: z.string().nullable(),
      technologyLine: z.boolean(),
    }),
  ),
  disbursements: z.array(z.object({ kind: z.string(), amount: Amount, paidOn: z.string(), period: z.string() })),
  changes: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      reason: z.string(),
      newAllocatedAmount: Amount.nullable(),
      newEndsOn: z.string().nullable(),
      status: z.string(),
    }),
  ),
  acceptances: z.array(z.object({ attempt: z.number(), outcome: z.string(), conditions: z.string().nullable() })),
  settlement: z.object({ settledAmount: Amount, settledOn: z.string(), recordedAgainst: z.string(), budgetCode: z.string() }).nullable(),
  documents: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(SCHEME_DOCUMENT_KINDS),
        fileName: z.string(),
        mimeType: z.string(),
        sizeBytes: z.number().int(),
        addedAt: z.string(),
        addedBy: z.string().nullable().describe('The name of who attached it'),
        addedById: z.string().nullable(),
      }),
    )
    .describe('The scheme’s documents in the order they were attached'),
});
export type SchemeView = z.infer<typeof SchemeView>;

export const SchemeListResponse = z.object({
  items: z.array(
    SchemeView.omit({ beneficiaries: true, budgetLines: true, disbursements: true, changes: true, acceptances: true, settlement: true, documents: true }),
  ),
  ...listTotalShape,
});
export type SchemeListResponse = z.infer<typeof SchemeListResponse>;
