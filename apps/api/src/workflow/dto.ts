import { z } from 'zod';

const json = z.record(z.string(), z.unknown());

export const InstanceIdParam = z.object({ id: z.string().uuid('must be a UUID') });
export const CommandParams = InstanceIdParam.extend({ type: z.string().regex(/^[a-z_]{1,40}$/, 'lower-case action name') });

export const CommandBody = z
  .object({
    type: z.string().optional().describe('The command type again (optional): when sent it must be the one in the path'),
    payload: json.optional().describe('Action data, e.g. { reason } for return/reject, { points, comment } for score'),
  })
  .strict();
export type CommandBody = z.output<typeof CommandBody>;

/** `Idempotency-Key`: required on every command; the same key replays the first response. */
export const IdempotencyKey = z.string().regex(/^[A-Za-z0-9._:-]{8,200}$/, 'Idempotency-Key must be 8–200 characters of A–Z, a–z, 0–9, . _ : -');

/** `If-Match`: the instance version the caller saw (`3`, `"3"` or `W/"3"`). */
export const IfMatch = z
  .string()
  .transform((value) =>
    value
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1'),
  )
  .pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,8}$/, 'If-Match must be the instance version, e.g. "3"')
      .transform(Number),
  );

export const TaskView = z.object({
  instanceId: z.string(),
  stage: z.string(),
  actions: z.array(z.string()),
  dueAt: z.string().nullable(),
});

export const AvailableActionView = z
  .object({
    name: z.string().describe('The action, sent as the command type'),
    to: z.string().optional().describe('The stage it moves to; absent when it records something and stays'),
    requiresReason: z.boolean().describe('A reason is required (return, reject, recuse, …)'),
    fields: z
      .array(
        z.object({
          field: z.string(),
          type: z.enum(['vnd', 'percent', 'text']),
          required: z.boolean(),
          max: z.number().nullable().describe('The most the value may be (e.g. a settlement up to the allocation); null: no bound but the type’s'),
        }),
      )
      .describe('Values the payload carries, e.g. approvedAmount (VND) of a pass'),
  })
  .describe(
    'An action the caller may take now: the engine’s own checks (role and scope, four-eyes, claim, jury and council membership, a judge scores and a member votes once, quorum, registration window); the payload is still checked when sent',
  );

export const CriterionView = z.object({ code: z.string(), name: z.object({ vi: z.string(), en: z.string() }), max: z.number() });

const level = z.enum(['commune', 'province', 'region', 'national']);
const quorum = z.discriminatedUnion('type', [
  z.object({ type: z.literal('count'), count: z.number().int() }),
  z.object({ type: z.literal('ratio'), ratio: z.number() }),
]);

export const RoundFacts = z
  .object({
    roundId: z.string(),
    level,
    year: z.number().int(),
    registrationOpensAt: z.string().optional(),
    registrationClosesAt: z.string().optional(),
    passThreshold: z.number().optional(),
    quorum: quorum.optional(),
    spreadLimit: z.number().nullable().optional(),
    nominationQuota: z.number().int().optional(),
    stageWorkingDays: z.record(z.string(), z.number()).optional(),
  })
  .describe('The round facts an entry carries (they override the jury defaults)');

export const TaskHolderView = z
  .object({ owner: z.string().nullable(), delegate: z.string().nullable() })
  .describe('Who holds a single-officer task, if claimed');

export const JurySheetView = z.object({
  points: z.record(z.string(), z.number()).describe('Points by criteria group code'),
  totalHundredths: z.number().int(),
  comment: z.string(),
  submittedAt: z.string(),
});

export const JuryView = z
  .object({
    round: z.number().int(),
    closed: z.boolean(),
    judges: z.array(z.string()),
    ownSheet: JurySheetView.nullable(),
    sheets: z.record(z.string(), JurySheetView).describe('By judge: only the viewer’s own until the jury closes'),
    results: z.array(
      z.object({
        round: z.number().int(),
        sheets: z.record(z.string(), JurySheetView),
        averageHundredths: z.number().int(),
        spreadHundredths: z.number().int(),
        outcome: z.enum(['passed', 'failed', 'rescoring']),
      }),
    ),
  })
  .describe('Blind until the jury closes: only the viewer’s own sheet before that');

export const CouncilView = z.object({
  stage: z.string(),
  members: z.array(z.string()),
  chair: z.string().nullable(),
  votes: z.record(z.string(), z.enum(['approve', 'reject', 'veto'])),
  outcome: z.enum(['approved', 'rejected']).nullable(),
});

export const CertificateFacts = z.object({ number: z.string(), level, issuedOn: z.string(), validUntil: z.string(), decisionNumber: z.string() });

export const InstanceView = z.object({
  instanceId: z.string().uuid(),
  definitionCode: z.string(),
  definitionVersion: z.number().int(),
  version: z.number().int(),
  stage: z.string(),
  status: z.enum(['active', 'terminal']),
  outcome: z.string().nullable(),
  subject: z.object({ establishmentId: z.string(), communeCode: z.string(), provinceCode: z.string(), regionCode: z.string() }),
  attributes: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .describe('Recorded values: amounts in whole đồng, percentages, codes, dates'),
  round: RoundFacts.nullable(),
  task: TaskHolderView,
  jury: JuryView.nullable(),
  council: CouncilView.nullable(),
  certificate: CertificateFacts.nullable(),
  sla: z.object({ stage: z.string(), dueAt: z.string(), dueSoonAt: z.string(), pausedAt: z.string().nullable(), state: z.string() }).nullable(),
  lastReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  people: z.record(z.string(), z.object({ displayName: z.string() })).describe('The judges, council members and chair the view mentions, by user id'),
  availableActions: z
    .array(AvailableActionView)
    .describe('What the caller may do now on this instance (actions over a list, such as a round’s decision, have their own routes)'),
  submittedByYou: z.boolean().describe('The caller submitted this instance: by the four-eyes rule, its decisions are for others'),
  criteria: z.array(CriterionView).describe('The criteria groups a judge scores on, with their maxima (empty for a scheme)'),
});
export type InstanceView = z.output<typeof InstanceView>;

export const OpenTaskView = z.object({
  stage: z.string(),
  actions: z.array(z.string()),
  dueAt: z.string().nullable(),
  assignee: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('person'), userId: z.string(), name: z.string().nullable() }),
    z.object({ kind: z.literal('role'), role: z.string(), scopeType: z.string(), scopeId: z.string().nullable() }),
  ]),
});

export const CommandResponse = z.object({
  instance: InstanceView,
  nextTasks: z.array(TaskView).describe('The open tasks the caller holds now'),
  openTasks: z.array(OpenTaskView).describe('Every open task of the instance after the command, with whom it waits for (a person, or a role over a unit)'),
});
export type CommandResponse = z.output<typeof CommandResponse>;

export const HistoryEvent = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  data: json.nullable().describe('Null where it would reveal a judge’s sheet before the jury closes'),
  hash: z.string(),
});
export const HistoryResponse = z.object({ instanceId: z.string(), events: z.array(HistoryEvent) });
export type HistoryResponse = z.output<typeof HistoryResponse>;

export const ChainResponse = z.object({ instanceId: z.string(), ok: z.boolean(), count: z.number().int(), brokenAtSeq: z.number().int().optional() });
export type ChainResponse = z.output<typeof ChainResponse>;
