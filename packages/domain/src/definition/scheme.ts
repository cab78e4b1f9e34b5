import type { ActorRule, Condition, StageDefinition, WorkflowDefinition } from './schema.js';
import { loadDefinition, type ValidDefinition } from './validate.js';

/**
 * Khuyến công schemes (đề án, DESIGN.md §5). National funds pass two appraisals (province, then the Cục);
 * local funds enter the plan when the province approves its local plan. Attributes the engine reads:
 * `fundingSource` (NATIONAL | LOCAL), `requestedAmount` (VND), optional `registrationDeadline` (YYYY-MM-DD).
 */
const national: Condition = { type: 'attribute_in', attribute: 'fundingSource', values: ['NATIONAL'] };
const localFunds: Condition = { type: 'attribute_in', attribute: 'fundingSource', values: ['LOCAL'] };

/** The implementing unit (provincial khuyến công centre) prepares and carries out the scheme. */
const implementer: ActorRule[] = [{ role: 'provincial_officer', scopeTypes: ['province'] }];
const province: ActorRule[] = [{ role: 'provincial_officer', scopeTypes: ['province'] }];
const central: ActorRule[] = [{ role: 'central_officer', scopeTypes: ['national'] }];
/** The appraiser who approves change requests: the Cục for national funds, the province for local ones. */
const appraiser: ActorRule[] = [
  { role: 'central_officer', scopeTypes: ['national'], when: [national] },
  { role: 'provincial_officer', scopeTypes: ['province'], when: [localFunds] },
];

const withdraw = { name: 'withdraw', actors: implementer, to: 'withdrawn', bySubject: true } as const;
const escalation = { escalateAfterWorkingDays: 3, escalateTo: { role: 'signer', scopeType: 'province' } } as const;
const amount = (field: string, atMost: string) => ({ field, type: 'vnd', required: true, saveAs: 'allocatedAmount', atMostAttribute: atMost }) as const;

const stages: StageDefinition[] = [
  {
    id: 'draft',
    name: { vi: 'Đề án nháp', en: 'Draft' },
    kind: 'task',
    claimable: false,
    actions: [
      {
        name: 'submit',
        actors: implementer,
        to: 'base_appraisal',
        bySubject: true,
        marksSubmission: true,
        requires: [{ type: 'before_deadline', attribute: 'registrationDeadline', when: [national] }],
      },
      withdraw,
    ],
  },
  {
    id: 'base_appraisal',
    name: { vi: 'Thẩm định cơ sở', en: 'Base appraisal' },
    kind: 'task',
    sla: { workingDays: 15, dueSoonWorkingDays: 3, ...escalation },
    actions: [
      { name: 'pass', actors: province, when: [national], to: 'central_appraisal', payload: [amount('approvedAmount', 'requestedAmount')] },
      { name: 'pass', actors: province, when: [localFunds], to: 'awaiting_local_plan', payload: [amount('approvedAmount', 'requestedAmount')] },
      { name: 'return', actors: province, to: 'revision', requiresReason: true },
      { name: 'reject', actors: province, to: 'rejected', requiresReason: true },
      withdraw,
    ],
  },
  {
    id: 'revision',
    name: { vi: 'Hoàn thiện đề án', en: 'Revision' },
    kind: 'task',
    claimable: false,
    waitsForApplicant: true,
    actions: [{ name: 'resubmit', actors: implementer, to: 'base_appraisal', bySubject: true, marksSubmission: true }, withdraw],
  },
  {
    id: 'central_appraisal',
    name: { vi: 'Thẩm định của Cục', en: 'Central appraisal' },
    kind: 'task',
    sla: { workingDays: 20, dueSoonWorkingDays: 3, ...escalation },
    actions: [
      { name: 'pass', actors: central, to: 'in_plan', payload: [amount('approvedAmount', 'allocatedAmount')] },
      { name: 'return', actors: central, to: 'revision', requiresReason: true },
      { name: 'reject', actors: central, to: 'rejected', requiresReason: true },
      withdraw,
    ],
  },
  {
    id: 'awaiting_local_plan',
    name: { vi: 'Chờ phê duyệt kế hoạch địa phương', en: 'Awaiting the local plan' },
    kind: 'batch',
    sla: { workingDays: 30, dueSoonWorkingDays: 5, ...escalation },
    actions: [{ name: 'approve_plan', actors: [{ role: 'signer', scopeTypes: ['province'] }], to: 'in_plan', batch: { sameRound: false } }, withdraw],
  },
  {
    id: 'in_plan',
    name: { vi: 'Trong kế hoạch', en: 'In plan' },
    kind: 'task',
    actions: [
      { name: 'contract', actors: province, to: 'in_progress', payload: [{ field: 'contractNumber', type: 'text', required: true }] },
      { name: 'cancel', actors: province, to: 'cancelled', requiresReason: true },
    ],
  },
  {
    id: 'in_progress',
    name: { vi: 'Đang thực hiện', en: 'In progress' },
    kind: 'task',
    // The implementing unit carries out its own scheme: nothing to claim, and no four-eyes on its reports.
    claimable: false,
    actions: [
      { name: 'record_progress', actors: implementer, bySubject: true, payload: [{ field: 'progressPercent', type: 'percent', required: true }] },
      {
        name: 'record_disbursement',
        actors: implementer,
        bySubject: true,
        payload: [{ field: 'amount', type: 'vnd', required: true, saveAs: 'disbursedAmount', accumulate: true, atMostAttribute: 'allocatedAmount' }],
      },
      {
        name: 'request_change',
        actors: implementer,
        bySubject: true,
        to: 'change_review',
        requiresReason: true,
        payload: [{ field: 'changeKind', type: 'text', required: true }],
      },
      { name: 'complete', actors: implementer, bySubject: true, to: 'acceptance' },
    ],
  },
  {
    id: 'change_review',
    name: { vi: 'Xem xét điều chỉnh', en: 'Change review' },
    kind: 'task',
    sla: { workingDays: 10, dueSoonWorkingDays: 2, ...escalation },
    actions: [
      { name: 'approve_change', actors: appraiser, when: [{ type: 'attribute_in', attribute: 'changeKind', values: ['cancel'] }], to: 'cancelled' },
      { name: 'approve_change', actors: appraiser, to: 'in_progress' },
      { name: 'reject_change', actors: appraiser, to: 'in_progress', requiresReason: true },
    ],
  },
  {
    id: 'acceptance',
    name: { vi: 'Nghiệm thu', en: 'Acceptance' },
    kind: 'council',
    sla: { workingDays: 20, dueSoonWorkingDays: 3, ...escalation },
    council: { rule: { type: 'majority' }, chairVeto: false, decideWhen: 'all_voted', approveTo: 'settlement', rejectTo: 'in_progress' },
    actions: [
      { name: 'assign_council', actors: province },
      { name: 'vote', actors: [{ role: 'council_member' }, { role: 'council_chair' }] },
    ],
  },
  {
    id: 'settlement',
    name: { vi: 'Quyết toán', en: 'Settlement' },
    kind: 'task',
    sla: { workingDays: 20, dueSoonWorkingDays: 3, ...escalation },
    actions: [
      {
        name: 'settle',
        actors: province,
        to: 'closed',
        payload: [{ field: 'settledAmount', type: 'vnd', required: true, atMostAttribute: 'allocatedAmount' }],
      },
    ],
  },
  { id: 'closed', name: { vi: 'Đã quyết toán, kết thúc', en: 'Settled and closed' }, kind: 'terminal', outcome: 'settled', actions: [] },
  { id: 'rejected', name: { vi: 'Không được phê duyệt', en: 'Rejected' }, kind: 'terminal', outcome: 'rejected', actions: [] },
  { id: 'withdrawn', name: { vi: 'Đã rút', en: 'Withdrawn' }, kind: 'terminal', outcome: 'withdrawn', actions: [] },
  { id: 'cancelled', name: { vi: 'Đã hủy', en: 'Cancelled' }, kind: 'terminal', outcome: 'cancelled', actions: [] },
];

/** The definition as data. */
export const khuyencongSchemeData: WorkflowDefinition = {
  code: 'khuyencong-scheme',
  version: 1,
  title: { vi: 'Đề án khuyến công', en: 'Industrial-promotion scheme' },
  subjectKind: 'scheme',
  initialStage: 'draft',
  stages,
};

/** The validated, frozen scheme definition, version 1. */
export const khuyencongScheme: ValidDefinition = loadDefinition(khuyencongSchemeData);
