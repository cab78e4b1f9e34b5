import type { ActorRule, Condition, StageDefinition, WorkflowDefinition } from './schema.js';
import { loadDefinition, type ValidDefinition } from './validate.js';

/**
 * Typical rural industrial product selection (SPCNNTTB, DESIGN.md §4): one definition for the commune,
 * provincial, regional and national rounds; who organises, prepares and signs follows the entry's round level.
 */
const local: Condition = { type: 'round_level_in', levels: ['commune', 'province'] };
const higher: Condition = { type: 'round_level_in', levels: ['region', 'national'] };

/** The organiser of a round: commune staff, the province, or the Cục for regional and national rounds. */
const organiser: ActorRule[] = [
  { role: 'commune_officer', scopeTypes: ['commune'], when: [{ type: 'round_level_in', levels: ['commune'] }] },
  { role: 'provincial_officer', scopeTypes: ['province'], when: [{ type: 'round_level_in', levels: ['province'] }] },
  { role: 'central_officer', scopeTypes: ['national'], when: [higher] },
];
/**
 * Who prepares and submits: the applicant, the commune nominating its product to the provincial round, or the
 * province nominating to a regional or national round.
 */
const preparer: ActorRule[] = [
  { role: 'applicant', scopeTypes: ['establishment'], when: [local] },
  {
    role: 'commune_officer',
    scopeTypes: ['commune'],
    when: [
      { type: 'round_level_in', levels: ['province'] },
      { type: 'attribute_in', attribute: 'lowerCertificateLevel', values: ['commune'] },
    ],
  },
  { role: 'provincial_officer', scopeTypes: ['province'], when: [higher] },
];
const applicant: ActorRule[] = [{ role: 'applicant', scopeTypes: ['establishment'] }];
const signer: ActorRule[] = [
  { role: 'signer', scopeTypes: ['commune'], when: [{ type: 'round_level_in', levels: ['commune'] }] },
  { role: 'signer', scopeTypes: ['province'], when: [{ type: 'round_level_in', levels: ['province'] }] },
  { role: 'signer', scopeTypes: ['national'], when: [higher] },
];
const system: ActorRule[] = [{ role: 'system' }];

const withdraw = { name: 'withdraw', actors: applicant, to: 'withdrawn', bySubject: true } as const;
const escalation = { escalateAfterWorkingDays: 2, escalateTo: { role: 'signer', scopeType: 'province' } } as const;
const submitter = { type: 'notify', to: { subject: 'submitter' } } as const;

const stages: StageDefinition[] = [
  {
    id: 'draft',
    name: { vi: 'Hồ sơ nháp', en: 'Draft' },
    kind: 'task',
    claimable: false,
    actions: [
      {
        name: 'submit',
        actors: preparer,
        to: 'screening',
        bySubject: true,
        marksSubmission: true,
        requires: [{ type: 'registration_open' }, { type: 'dossier_complete', minPhotos: 3 }, { type: 'lower_level_certificate', when: [higher] }],
      },
      withdraw,
    ],
  },
  {
    id: 'screening',
    name: { vi: 'Kiểm tra hồ sơ', en: 'Screening' },
    kind: 'task',
    sla: { workingDays: 10, dueSoonWorkingDays: 2, ...escalation },
    onEnter: [{ ...submitter, template: 'entry_received' }],
    actions: [
      { name: 'accept', actors: organiser, to: 'scoring' },
      { name: 'return', actors: organiser, to: 'revision', requiresReason: true, effects: [{ ...submitter, template: 'entry_returned' }] },
      { name: 'reject', actors: organiser, to: 'ineligible', requiresReason: true, effects: [{ ...submitter, template: 'entry_rejected' }] },
      withdraw,
    ],
  },
  {
    id: 'revision',
    name: { vi: 'Bổ sung, chỉnh sửa hồ sơ', en: 'Revision' },
    kind: 'task',
    claimable: false,
    waitsForApplicant: true,
    actions: [
      {
        name: 'resubmit',
        actors: preparer,
        to: 'screening',
        bySubject: true,
        marksSubmission: true,
        requires: [{ type: 'dossier_complete', minPhotos: 3 }],
      },
      withdraw,
    ],
  },
  {
    id: 'scoring',
    name: { vi: 'Chấm điểm', en: 'Scoring' },
    kind: 'jury',
    sla: { workingDays: 15, dueSoonWorkingDays: 3, ...escalation },
    jury: {
      // TT 26/2014/TT-BCT, appendix 4: four criteria groups, 40 / 40 / 10 / 10 = 100 points.
      criteria: [
        { code: 'MARKET', name: { vi: 'Đáp ứng thị trường và khả năng phát triển sản xuất', en: 'Market fit and growth' }, max: 40 },
        { code: 'ECON_TECH_SOC_ENV', name: { vi: 'Kinh tế - kỹ thuật - xã hội và môi trường', en: 'Economic, technical, social, environmental' }, max: 40 },
        { code: 'CULTURE_AESTHETIC', name: { vi: 'Tính văn hóa, tính thẩm mỹ', en: 'Culture and aesthetics' }, max: 10 },
        { code: 'OTHER', name: { vi: 'Một số tiêu chí khác', en: 'Other criteria' }, max: 10 },
      ],
      // Defaults only: pass threshold, quorum and spread are round configuration (no text fixes them).
      quorum: { type: 'ratio', ratio: 2 / 3 },
      spreadLimit: 10,
      passThreshold: 70,
      maxRescoringRounds: 1,
      passTo: 'council_review',
      failTo: 'not_recognised',
    },
    actions: [
      { name: 'assign_judges', actors: organiser },
      { name: 'score', actors: [{ role: 'judge' }] },
      { name: 'recuse', actors: [{ role: 'judge' }] },
      { name: 'close_jury', actors: organiser },
      withdraw,
    ],
  },
  {
    id: 'council_review',
    name: { vi: 'Hội đồng xét duyệt', en: 'Council review' },
    kind: 'council',
    sla: { workingDays: 10, dueSoonWorkingDays: 2, ...escalation },
    council: {
      rule: { type: 'majority' },
      chairVeto: true,
      decideWhen: 'as_soon_as_certain',
      approveTo: 'decision',
      rejectTo: 'not_recognised',
    },
    actions: [{ name: 'assign_council', actors: organiser }, { name: 'vote', actors: [{ role: 'council_member' }, { role: 'council_chair' }] }, withdraw],
  },
  {
    id: 'decision',
    name: { vi: 'Quyết định công nhận', en: 'Recognition decision' },
    kind: 'batch',
    sla: { workingDays: 15, dueSoonWorkingDays: 3, ...escalation },
    actions: [{ name: 'decide', actors: signer, to: 'recognised', batch: { sameRound: true, issueCertificate: true } }, withdraw],
  },
  {
    id: 'recognised',
    name: { vi: 'Được công nhận', en: 'Recognised' },
    kind: 'system',
    outcome: 'recognised',
    certificateExpiry: true,
    onEnter: [{ ...submitter, template: 'entry_recognised' }],
    actions: [
      {
        name: 'nominate',
        // The commune's own officer nominates its recognised products into the provincial round (TT 38/2025/TT-BCT).
        actors: [
          { role: 'provincial_officer', scopeTypes: ['province'] },
          { role: 'commune_officer', scopeTypes: ['commune'], when: [{ type: 'round_level_in', levels: ['commune'] }] },
        ],
        when: [{ type: 'round_level_in', levels: ['commune', 'province', 'region'] }],
        batch: { sameRound: true, nominationQuota: true },
      },
      { name: 'revoke', actors: signer, to: 'revoked', requiresReason: true, payload: [{ field: 'decisionReference', type: 'text', required: true }] },
      { name: 'expire', actors: system, to: 'expired' },
    ],
  },
  { id: 'ineligible', name: { vi: 'Không đủ điều kiện', en: 'Ineligible' }, kind: 'terminal', outcome: 'ineligible', actions: [] },
  { id: 'not_recognised', name: { vi: 'Không được công nhận', en: 'Not recognised' }, kind: 'terminal', outcome: 'not_recognised', actions: [] },
  { id: 'withdrawn', name: { vi: 'Đã rút hồ sơ', en: 'Withdrawn' }, kind: 'terminal', outcome: 'withdrawn', actions: [] },
  { id: 'revoked', name: { vi: 'Bị thu hồi', en: 'Revoked' }, kind: 'terminal', outcome: 'revoked', actions: [] },
  { id: 'expired', name: { vi: 'Hết hiệu lực', en: 'Expired' }, kind: 'terminal', outcome: 'expired', actions: [] },
];

/** The definition as data (what an admin would see and edit into a new version). */
export const productSelectionData: WorkflowDefinition = {
  code: 'product-selection',
  version: 1,
  title: { vi: 'Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu', en: 'Typical rural industrial product selection' },
  subjectKind: 'entry',
  initialStage: 'draft',
  stages,
};

/** The validated, frozen product-selection definition, version 1. */
export const productSelection: ValidDefinition = loadDefinition(productSelectionData);
