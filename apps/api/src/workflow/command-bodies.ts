// One schema per command type, with its payload, as the OpenAPI document publishes them (issue 18): a client
// generated from the document gets a discriminated union by `type`. The engine stays the judge of a payload (it
// refuses with its own codes: REASON_REQUIRED, SCORE_OUT_OF_BOUNDS, VALIDATION_FAILED naming the field);
// command-bodies.spec checks these schemas name exactly the fields the engine's definitions read.
import { z } from 'zod';
import { ChangeKind, DisbursementKind, isoDate, vnd } from '../schemes/dto.js';

const reason = z.string().min(1).max(2000).describe('Why — shown to the other side and kept in the history (not blank)');
const optionalReason = z.string().max(2000).optional().describe('Why, if the sender wants to say');
const person = z.uuid().describe('A user id, as the eligible-people and eligible-assignees lists give it');
const none = z.object({}).strict();

function command<T extends string, P extends z.ZodType>(type: T, payload: P, description: string) {
  return z
    .object({ type: z.literal(type), payload })
    .strict()
    .describe(description);
}

// ---- Entries (product selection), sent to POST /api/instances/{id}/commands/{type} ----

export const AcceptCommand = command('accept', none, 'Screening: the dossier is complete and eligible (an officer of the round’s area; not the submitter)');
export const ReturnCommand = command('return', z.object({ reason }).strict(), 'Screening: back to the applicant for correction, with the reason');
export const RejectCommand = command('reject', z.object({ reason }).strict(), 'Screening: ineligible, with the reason (ends the entry)');
export const WithdrawCommand = command(
  'withdraw',
  z.object({ reason: optionalReason }).strict(),
  'The applicant’s side takes the entry back (before a decision)',
);
export const AssignJudgesCommand = command(
  'assign_judges',
  z.object({ judges: z.array(person).min(1).max(15).describe('Distinct judges; those who already scored must stay') }).strict(),
  'The organiser names the jury of one entry (PUT /api/rounds/{id}/jury does it for the whole round)',
);
export const ScoreCommand = command(
  'score',
  z
    .object({
      points: z
        .record(z.string(), z.number().min(0))
        .describe('Points by criteria group code — every group of the instance view’s `criteria`, each at most its `max`'),
      comment: z.string().max(2000).optional(),
    })
    .strict(),
  'A judge’s score sheet, once per scoring round (only an assigned judge who has not scored or recused)',
);
export const RecuseCommand = command('recuse', z.object({ reason }).strict(), 'A judge steps aside from this entry, with the reason');
export const CloseJuryCommand = command('close_jury', none, 'The organiser closes the jury once its quorum of sheets is in');
export const AssignCouncilCommand = command(
  'assign_council',
  z.object({ members: z.array(person).min(1).max(15).describe('Distinct members, the chair included'), chair: person.nullable().optional() }).strict(),
  'The organiser names the council of one entry, before any vote (PUT /api/rounds/{id}/council does it for the round)',
);
export const VoteCommand = command(
  'vote',
  z.object({ vote: z.enum(['approve', 'reject', 'veto']).describe('veto: the chair only, where the rules give one') }).strict(),
  'A council member’s vote, once',
);
export const ClaimCommand = command('claim', none, 'Take a single-officer task (the inbox’s claim is the advisory one)');
export const UnclaimCommand = command('unclaim', none, 'Give a claimed task back');
export const DelegateCommand = command('delegate', z.object({ toUserId: person }).strict(), 'The task’s owner lets a colleague act for them');
export const ReassignCommand = command('reassign', z.object({ toUserId: person }).strict(), 'An administrator gives the task to someone else');

/** What the generic command route takes for an entry: submit, resubmit and revoke have their own routes. */
export const EntryCommandBody = z
  .discriminatedUnion('type', [
    AcceptCommand,
    ReturnCommand,
    RejectCommand,
    WithdrawCommand,
    AssignJudgesCommand,
    ScoreCommand,
    RecuseCommand,
    CloseJuryCommand,
    AssignCouncilCommand,
    VoteCommand,
    ClaimCommand,
    UnclaimCommand,
    DelegateCommand,
    ReassignCommand,
  ])
  .describe('One command: `type` (the same as in the path) and its payload');

// ---- Schemes, sent to POST /api/schemes/{id}/commands/{type} ----

export const SchemeSubmitCommand = command(
  'submit',
  none,
  'The implementing side sends the draft for appraisal (four-eyes: the sender decides nothing on it after)',
);
export const SchemeResubmitCommand = command('resubmit', none, 'Sends the corrected scheme back for appraisal');
export const SchemeWithdrawCommand = command('withdraw', z.object({ reason: optionalReason }).strict(), 'The implementing side takes the scheme back');
export const SchemePassCommand = command(
  'pass',
  z
    .object({ approvedAmount: vnd.describe('At most the requested amount (base appraisal) or the allocation (central appraisal)'), reason: optionalReason })
    .strict(),
  'Appraisal passed with the approved amount',
);
export const SchemeReturnCommand = command('return', z.object({ reason }).strict(), 'Appraisal: back for correction, with the reason');
export const SchemeRejectCommand = command('reject', z.object({ reason }).strict(), 'Appraisal: refused, with the reason');
export const SchemeContractCommand = command(
  'contract',
  z.object({ contractNumber: z.string().min(1).max(100) }).strict(),
  'The contract is signed: the scheme starts',
);
export const SchemeCancelCommand = command('cancel', z.object({ reason }).strict(), 'The scheme is cancelled, with the reason');
export const SchemeProgressCommand = command(
  'record_progress',
  z.object({ progressPercent: z.number().int().min(0).max(100) }).strict(),
  'Progress of the work, in per cent',
);
export const SchemeDisbursementCommand = command(
  'record_disbursement',
  z
    .object({
      kind: DisbursementKind.describe('An advance is bounded by the advance rule of the scheme’s activity (e.g. 70 % of the allocation)'),
      amount: vnd.describe('Together with what was paid, at most the allocation'),
      paidOn: isoDate.optional(),
    })
    .strict(),
  'Money paid to the implementing unit',
);
export const SchemeChangeCommand = command(
  'request_change',
  z
    .object({
      changeKind: ChangeKind,
      reason,
      newAllocatedAmount: vnd.optional().describe('adjust / supplement: the allocation asked for'),
      newEndsOn: isoDate.optional().describe('extend: the new completion date'),
    })
    .strict(),
  'A change asked for by the implementing side (adjust, supplement, suspend, cancel, extend)',
);
export const SchemeCompleteCommand = command('complete', none, 'The work is done: the acceptance council may be named');
export const SchemeApproveChangeCommand = command('approve_change', none, 'The change asked for is approved');
export const SchemeRejectChangeCommand = command('reject_change', z.object({ reason }).strict(), 'The change asked for is refused, with the reason');
export const SchemeAssignCouncilCommand = command(
  'assign_council',
  z.object({ members: z.array(person).min(1).max(15), chair: person.optional() }).strict(),
  'The acceptance council (members and chair)',
);
export const SchemeVoteCommand = command(
  'vote',
  z.object({ vote: z.enum(['approve', 'reject']), conditions: z.string().max(2000).optional().describe('Approve with conditions') }).strict(),
  'An acceptance council member’s vote, once',
);
export const SchemeSettleCommand = command(
  'settle',
  z.object({ settledAmount: vnd.describe('At most the allocation'), settledOn: isoDate.optional() }).strict(),
  'The settlement: the final amount',
);

export const SchemeCommandUnion = z
  .discriminatedUnion('type', [
    SchemeSubmitCommand,
    SchemeResubmitCommand,
    SchemeWithdrawCommand,
    SchemePassCommand,
    SchemeReturnCommand,
    SchemeRejectCommand,
    SchemeContractCommand,
    SchemeCancelCommand,
    SchemeProgressCommand,
    SchemeDisbursementCommand,
    SchemeChangeCommand,
    SchemeCompleteCommand,
    SchemeApproveChangeCommand,
    SchemeRejectChangeCommand,
    SchemeAssignCouncilCommand,
    SchemeVoteCommand,
    SchemeSettleCommand,
  ])
  .describe('One scheme command: `type` (the same as in the path) and its payload');

/** The command types of a union, for the checks against the engine's definitions. */
export function typesOf(union: typeof EntryCommandBody | typeof SchemeCommandUnion): string[] {
  return union.options.map((option) => option.shape.type.value);
}
