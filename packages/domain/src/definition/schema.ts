import { z } from 'zod';
import { roles, scopeTypes } from '../types.js';

/** Levels of the typical-product contest (DESIGN.md §4). */
export const roundLevels = ['commune', 'province', 'region', 'national'] as const;
/** One of {@link roundLevels}. */
export type RoundLevel = (typeof roundLevels)[number];

/** Kinds of stage the engine knows how to run (DESIGN.md §6). */
export const stageKinds = ['task', 'jury', 'council', 'batch', 'system', 'terminal'] as const;
/** One of {@link stageKinds}. */
export type StageKind = (typeof stageKinds)[number];

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower snake case');
/** Payload fields and attributes follow the JSON convention of the API (camelCase). */
const fieldName = z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase');
const text = z.strictObject({ vi: z.string().min(1), en: z.string().min(1) });
const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A condition on the instance: selects which variant of an action applies or which actor rule is live. */
export const conditionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('round_level_in'), levels: z.array(z.enum(roundLevels)).min(1) }),
  z.strictObject({ type: z.literal('attribute_in'), attribute: fieldName, values: z.array(scalar).min(1) }),
]);
/** See {@link conditionSchema}. */
export type Condition = z.infer<typeof conditionSchema>;

/** A rule that must hold before an action is accepted; each failure has its own error code. */
export const preconditionSchema = z.discriminatedUnion('type', [
  /** The round's registration window contains `now`. */
  z.strictObject({ type: z.literal('registration_open'), when: z.array(conditionSchema).optional() }),
  /** `now` is on or before the calendar date held in an attribute (e.g. the 20 May national deadline). */
  z.strictObject({ type: z.literal('before_deadline'), attribute: fieldName, when: z.array(conditionSchema).optional() }),
  /** `payload.dossier` lists the mandatory documents and enough photos. */
  z.strictObject({
    type: z.literal('dossier_complete'),
    minPhotos: z.number().int().min(0),
    when: z.array(conditionSchema).optional(),
  }),
  /** The entry holds a certificate of the level below, valid today. */
  z.strictObject({ type: z.literal('lower_level_certificate'), when: z.array(conditionSchema).optional() }),
]);
/** See {@link preconditionSchema}. */
export type Precondition = z.infer<typeof preconditionSchema>;

/** Who may perform an action: a role, optionally limited to grant levels and to instances meeting conditions. */
export const actorRuleSchema = z.strictObject({
  role: z.enum(roles),
  /** Grant levels accepted for this rule; the scope must also cover the instance. Absent: any level. */
  scopeTypes: z.array(z.enum(scopeTypes)).min(1).optional(),
  when: z.array(conditionSchema).optional(),
});
/** See {@link actorRuleSchema}. */
export type ActorRule = z.infer<typeof actorRuleSchema>;

/** Who receives a notification: holders of a role at the instance's unit of a level, or the submitter. */
export const recipientTemplateSchema = z.union([
  z.strictObject({ role: z.enum(roles), scopeType: z.enum(scopeTypes) }),
  z.strictObject({ subject: z.literal('submitter') }),
]);
/** See {@link recipientTemplateSchema}. */
export type RecipientTemplate = z.infer<typeof recipientTemplateSchema>;

/** A notification the engine emits when a stage is entered or left, or an action is taken. */
export const effectTemplateSchema = z.strictObject({
  type: z.literal('notify'),
  to: recipientTemplateSchema,
  template: z.string().min(1),
});
/** See {@link effectTemplateSchema}. */
export type EffectTemplate = z.infer<typeof effectTemplateSchema>;

/** A value an action reads from its payload and records on the instance's attributes. */
export const payloadFieldSchema = z.strictObject({
  field: fieldName,
  type: z.enum(['vnd', 'percent', 'text']),
  required: z.boolean(),
  /** Attribute to write; defaults to `field`. */
  saveAs: fieldName.optional(),
  /** Add to the attribute instead of replacing it (e.g. disbursements). */
  accumulate: z.boolean().optional(),
  /** The recorded value may not exceed this attribute (e.g. settled ≤ allocated). */
  atMostAttribute: fieldName.optional(),
});
/** See {@link payloadFieldSchema}. */
export type PayloadField = z.infer<typeof payloadFieldSchema>;

/** Rules of an action that may only run over a list of instances at once. */
export const batchRuleSchema = z.strictObject({
  /** Every instance must belong to the same round. */
  sameRound: z.boolean(),
  /** Each instance gets a certificate (recognition decision). */
  issueCertificate: z.boolean().optional(),
  /** The round's per-province nomination quota bounds the list (plus `payload.alreadyNominated`). */
  nominationQuota: z.boolean().optional(),
});
/** See {@link batchRuleSchema}. */
export type BatchRule = z.infer<typeof batchRuleSchema>;

/** A step someone (or the system) can take in a stage. Several variants of one name are told apart by `when`. */
export const actionSchema = z.strictObject({
  name: identifier,
  actors: z.array(actorRuleSchema).min(1),
  /** Target stage; absent for actions that record something and stay. */
  to: identifier.optional(),
  when: z.array(conditionSchema).optional(),
  requires: z.array(preconditionSchema).optional(),
  requiresReason: z.boolean().optional(),
  /** Taken by the subject's side (submit, withdraw): exempt from four-eyes and from task claims. */
  bySubject: z.boolean().optional(),
  /** The actor becomes the submitter, whom four-eyes then keeps away from every later decision. */
  marksSubmission: z.boolean().optional(),
  payload: z.array(payloadFieldSchema).optional(),
  batch: batchRuleSchema.optional(),
  effects: z.array(effectTemplateSchema).optional(),
});
/** See {@link actionSchema}. */
export type ActionDefinition = z.infer<typeof actionSchema>;

/** Working-day service level of a stage. */
export const slaSchema = z.strictObject({
  workingDays: z.number().int().min(1),
  /** The last N working days before the due date count as "due soon"; a reminder fires when it starts. */
  dueSoonWorkingDays: z.number().int().min(1),
  /** Escalation fires this many working days after the due date (0: the day after). */
  escalateAfterWorkingDays: z.number().int().min(0),
  escalateTo: z.strictObject({ role: z.enum(roles), scopeType: z.enum(scopeTypes) }),
});
/** See {@link slaSchema}. */
export type SlaDefinition = z.infer<typeof slaSchema>;

const quorumSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('count'), count: z.number().int().min(1) }),
  z.strictObject({ type: z.literal('ratio'), ratio: z.number().gt(0).max(1) }),
]);
/** How many sheets a jury needs: a head count, or a share of the judges who did not recuse. */
export type QuorumRule = z.infer<typeof quorumSchema>;
export { quorumSchema };

/** Scoring rules of a jury stage; the round may override quorum, spread limit and pass threshold. */
export const jurySchema = z.strictObject({
  criteria: z.array(z.strictObject({ code: z.string().min(1), name: text, max: z.number().positive() })).min(1),
  quorum: quorumSchema,
  /** Max − min of the judges' totals above this sends the entry to a re-scoring round; null: no rule. */
  spreadLimit: z.number().min(0).nullable(),
  passThreshold: z.number().min(0),
  maxRescoringRounds: z.number().int().min(0),
  passTo: identifier,
  failTo: identifier,
});
/** See {@link jurySchema}. */
export type JuryDefinition = z.infer<typeof jurySchema>;

/** Voting rules of a council stage. */
export const councilSchema = z.strictObject({
  rule: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('k_of_n'), k: z.number().int().min(1) }),
    z.strictObject({ type: z.literal('majority') }),
  ]),
  chairVeto: z.boolean(),
  /** Decide as soon as no remaining vote can change the outcome, or only once everyone has voted. */
  decideWhen: z.enum(['as_soon_as_certain', 'all_voted']),
  approveTo: identifier,
  rejectTo: identifier,
});
/** See {@link councilSchema}. */
export type CouncilDefinition = z.infer<typeof councilSchema>;

/** One stage of a workflow. */
export const stageSchema = z.strictObject({
  id: identifier,
  name: text,
  kind: z.enum(stageKinds),
  /** Outcome recorded on the instance when it enters this stage (e.g. `recognised`, `rejected`). */
  outcome: identifier.optional(),
  /** The instance waits for the applicant here: the running SLA clock pauses until it comes back. */
  waitsForApplicant: z.boolean().optional(),
  /** Task stages only: whether officers claim the work (false for the applicant's own drafts). */
  claimable: z.boolean().optional(),
  /** Schedule a certificate-expiry timer on entry (the stage then offers the `expire` action). */
  certificateExpiry: z.boolean().optional(),
  sla: slaSchema.optional(),
  onEnter: z.array(effectTemplateSchema).optional(),
  onExit: z.array(effectTemplateSchema).optional(),
  actions: z.array(actionSchema),
  jury: jurySchema.optional(),
  council: councilSchema.optional(),
});
/** See {@link stageSchema}. */
export type StageDefinition = z.infer<typeof stageSchema>;

/** A versioned workflow definition: data, validated once when loaded or published. */
export const definitionSchema = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.number().int().min(1),
  title: text,
  subjectKind: z.enum(['entry', 'scheme']),
  initialStage: identifier,
  stages: z.array(stageSchema).min(1),
});
/** A workflow definition as data (not yet checked for references). */
export type WorkflowDefinition = z.infer<typeof definitionSchema>;
