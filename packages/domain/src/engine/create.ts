import { z } from 'zod';
import { DomainError } from '../errors.js';
import { quorumSchema, roundLevels } from '../definition/schema.js';
import { stageOf, type ValidDefinition } from '../definition/validate.js';
import { slaOf, startClock } from '../sla/sla.js';
import type { InstanceState } from '../state.js';
import type { DecideContext, DomainEvent } from '../types.js';
import { actorMatches } from './rules.js';
import { openRun, type DecideResult } from './run.js';
import { notifications } from './transition.js';

const code = z.string().min(1).max(64);
const instant = z.iso.datetime();

/** What the caller supplies to open an instance. */
export const instanceInitSchema = z.strictObject({
  instanceId: code,
  subject: z.strictObject({ establishmentId: code, communeCode: code, provinceCode: code, regionCode: code }),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  round: z
    .strictObject({
      roundId: code,
      level: z.enum(roundLevels),
      year: z.number().int().min(2000).max(2200),
      registrationOpensAt: instant.optional(),
      registrationClosesAt: instant.optional(),
      passThreshold: z.number().min(0).optional(),
      quorum: quorumSchema.optional(),
      spreadLimit: z.number().min(0).nullable().optional(),
      nominationQuota: z.number().int().min(0).optional(),
      stageWorkingDays: z.record(code, z.number().int().min(1).max(365)).optional(),
    })
    .optional(),
});
/** See {@link instanceInitSchema}. */
export type InstanceInit = z.infer<typeof instanceInitSchema>;

/**
 * Opens an instance in the definition's initial stage, on the definition's version for good. Only someone who
 * may act in the initial stage (the applicant for their own establishment, or the officer preparing a
 * nomination or a scheme) may open one.
 */
export function createInstance(definition: ValidDefinition, init: InstanceInit, context: DecideContext): DecideResult {
  const run = openRun(context, {});
  const parsed = instanceInitSchema.safeParse(init);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', { issues: parsed.error.issues.map((issue) => issue.path.join('.')) });
  }
  const { instanceId, subject, attributes = {}, round } = parsed.data;
  const stage = stageOf(definition, definition.initialStage);
  const draft: InstanceState = {
    instanceId,
    definitionCode: definition.code,
    definitionVersion: definition.version,
    version: 1,
    stage: stage.id,
    status: 'active',
    outcome: null,
    subject,
    createdBy: run.actor.userId,
    submittedBy: null,
    attributes,
    round: round ?? null,
    task: { owner: null, delegate: null },
    jury: stage.kind === 'jury' ? { stage: stage.id, round: 1, judges: [], sheets: {}, recused: {}, closed: false, results: [] } : null,
    council: stage.kind === 'council' ? { stage: stage.id, members: [], chair: null, votes: {}, outcome: null } : null,
    certificate: null,
    sla: null,
    slaHistory: [],
    lastReason: null,
    createdAt: run.now,
    updatedAt: run.now,
  };
  // The people who submit from the first stage open instances; without a submit action, anyone acting there.
  const submitting = stage.actions.filter((action) => action.marksSubmission);
  const creators = (submitting.length > 0 ? submitting : stage.actions).flatMap((action) => action.actors);
  if (!actorMatches(creators, run.actor, draft, run.resolveScope)) {
    throw new DomainError('NOT_ALLOWED', { action: 'create', stage: stage.id });
  }
  const sla = slaOf(stage, draft.round);
  const clock = sla ? startClock(instanceId, stage.id, sla, { ms: run.nowMs, iso: run.now }, run.calendar, 1) : null;
  const state: InstanceState = { ...draft, sla: clock?.clock ?? null };
  const event: DomainEvent = {
    type: 'instance_created',
    at: run.now,
    actor: { userId: run.actor.userId },
    version: 1,
    data: { instance: state },
  };
  return { state, events: [event], effects: [...notifications(stage.onEnter, state), ...(clock?.effects ?? [])] };
}
