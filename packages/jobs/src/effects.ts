import type { Effect } from '@khuyencong/domain';
import { z } from 'zod';
import { JOBS, type JobName, type JobPayload, type QueueName } from './contracts.js';

/** How the command pipeline carries out one kind of effect the engine emits. */
export type EngineEffectHandling =
  /** An outbox row in the command's transaction; the relay hands it to this job. */
  | { readonly via: 'outbox'; readonly job: JobName }
  /** Done by the command's own transaction (why says where); no outbox row, nothing for the relay. */
  | { readonly via: 'transaction'; readonly why: string };

/**
 * Every effect type the engine can emit and what carries it out. Keyed by the domain's `Effect['type']` union
 * and checked with `satisfies`, so an effect type added to the engine breaks the build until it is placed here
 * (and a type removed from the engine breaks it too). The worker checks at start that each job has a processor.
 */
export const ENGINE_EFFECTS = {
  notify: { via: 'outbox', job: 'notification.deliver' },
  generate_certificate: { via: 'outbox', job: 'certificate.render' },
  schedule_timer: { via: 'transaction', why: 'a timers row written with the new state; the pipeline adds a timer.wake outbox row' },
  cancel_timer: { via: 'transaction', why: 'the pending timers row with that key is deleted with the new state' },
  nominate_to_next_level: {
    via: 'transaction',
    why: "POST /api/rounds/{id}/nominations creates the next level's entry in the nominating transaction; the effect stays in the event as its record",
  },
} as const satisfies { readonly [T in Effect['type']]: EngineEffectHandling };

/** Engine effect types written to the outbox. */
type EngineOutboxEffect = { [T in keyof typeof ENGINE_EFFECTS]: (typeof ENGINE_EFFECTS)[T]['via'] extends 'outbox' ? T : never }[keyof typeof ENGINE_EFFECTS];

/** Outbox effect types the pipeline and the API write themselves (not engine effects). */
type PipelineOutboxEffect = 'timer.wake' | 'report.export';

/**
 * Outbox effect types and the job that carries each out: the ONE place this mapping lives. Effect types are
 * persisted in the `outbox` table, so (like job names) they are only ever added, never renamed. Exhaustive over
 * the engine's outbox effects (their job taken from {@link ENGINE_EFFECTS}) and the pipeline's own.
 */
export const EFFECT_JOBS = {
  notify: ENGINE_EFFECTS.notify.job,
  /** Written by the command pipeline whenever it arms a timer; payload `{ timerId, dueAt }`. */
  'timer.wake': 'timer.wake',
  generate_certificate: ENGINE_EFFECTS.generate_certificate.job,
  'report.export': 'report.export',
} as const satisfies { readonly [T in EngineOutboxEffect | PipelineOutboxEffect]: JobName };

const scopeTypes = ['establishment', 'commune', 'province', 'region', 'national'] as const;
const digits = z.string().regex(/^\d+$/, 'decimal id');

/**
 * The payload of an outbox row of each effect type: written by the pipeline and the API (typed by
 * {@link OutboxPayload}), read by the processors through {@link readOutboxPayload}. Exhaustive over
 * {@link EFFECT_JOBS}: an effect type without a payload schema breaks the build.
 */
export const OUTBOX_PAYLOADS = {
  /** The engine's notify effect and its instance. */
  notify: z.object({
    type: z.literal('notify').optional(),
    to: z.union([
      z.object({ role: z.string().min(1), scope: z.object({ type: z.enum(scopeTypes), id: z.string().nullable().optional() }) }),
      z.object({ userId: z.string().min(1) }),
    ]),
    template: z.string().min(1),
    data: z.record(z.string(), z.unknown()).default({}),
    instanceId: z.string().optional(),
  }),
  /** Written in SQL with the timer row it wakes (persistence's instance store). */
  'timer.wake': z.object({ timerId: digits, dueAt: z.string() }),
  /**
   * The engine's generate_certificate effect. The processor needs the number only (it re-reads the certificate
   * by it); the rest of the effect is kept in the row as written.
   */
  generate_certificate: z.object({
    type: z.literal('generate_certificate').optional(),
    instanceId: z.string().optional(),
    certificateNumber: z.string().min(1),
    level: z.string().optional(),
    issuedOn: z.string().optional(),
    validUntil: z.string().optional(),
    decisionNumber: z.string().optional(),
  }),
  /** An export the API queued: the processor re-reads its row. */
  'report.export': z.object({ exportId: z.uuid() }),
} as const satisfies { readonly [T in keyof typeof EFFECT_JOBS]: z.ZodType };

/** What an outbox row of this effect type carries, as its writer builds it. */
export type OutboxPayload<T extends EffectType> = z.input<(typeof OUTBOX_PAYLOADS)[T]>;

/** The payload of an outbox row read back, validated against its effect type; throws naming the bad field. */
export function readOutboxPayload<T extends EffectType>(effectType: T, payload: unknown): z.output<(typeof OUTBOX_PAYLOADS)[T]> {
  const parsed = OUTBOX_PAYLOADS[effectType].safeParse(payload);
  if (!parsed.success)
    throw new Error(`malformed ${effectType} payload: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data as z.output<(typeof OUTBOX_PAYLOADS)[T]>;
}

/** An effect type the relay knows how to carry out. */
export type EffectType = keyof typeof EFFECT_JOBS;

/** Every effect type that may be written to the outbox. */
export function outboxEffectTypes(): EffectType[] {
  return Object.keys(EFFECT_JOBS) as EffectType[];
}

/** Whether the pipeline writes this engine effect to the outbox (otherwise its own transaction carries it out). */
export function isOutboxEffect(effect: Effect): boolean {
  return ENGINE_EFFECTS[effect.type].via === 'outbox';
}

/** The job for an outbox effect type, or undefined when none carries it out. */
export function jobForEffect(effectType: string): JobName | undefined {
  return Object.prototype.hasOwnProperty.call(EFFECT_JOBS, effectType) ? EFFECT_JOBS[effectType as EffectType] : undefined;
}

/**
 * The BullMQ job id of the job relayed from an outbox row, so relaying a row twice adds one job. BullMQ refuses
 * custom ids that look like integers or contain `:`, hence `outbox-42` rather than `42`.
 */
export function outboxJobId(outboxId: string): string {
  return `outbox-${outboxId}`;
}

/** The idempotency key of the effect an outbox row stands for. */
export function outboxIdempotencyKey(outboxId: string): string {
  return `outbox:${outboxId}`;
}

/** What the relay reads of an outbox row. */
export interface RelayableRow {
  id: string;
  effectType: string;
  payload: unknown;
}

/** A job to add for an outbox row. */
export interface RelayJob<N extends JobName = JobName> {
  queue: QueueName;
  name: N;
  data: JobPayload<N>;
  jobId: string;
  /** Milliseconds to hold the job back (timer wake-ups wait for their due time). */
  delayMs: number;
}

/** How the relay handles one outbox row: add a job, or mark it relayed and report why nothing carries it out. */
export type RelayPlan = { kind: 'job'; job: RelayJob } | { kind: 'unroutable'; reason: string };

function timerWakePayload(payload: unknown): { timerId: string; dueAt: Date } | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { timerId, dueAt } = payload as { timerId?: unknown; dueAt?: unknown };
  const id = typeof timerId === 'number' && Number.isSafeInteger(timerId) ? String(timerId) : timerId;
  if (typeof id !== 'string' || !/^\d+$/.test(id) || typeof dueAt !== 'string') return undefined;
  const due = new Date(dueAt);
  return Number.isNaN(due.getTime()) ? undefined : { timerId: id, dueAt: due };
}

/** Decides the job for one outbox row at `now`. Pure, so the relay's routing is tested without Redis. */
export function planRelay(row: RelayableRow, now: Date): RelayPlan {
  const name = jobForEffect(row.effectType);
  if (name === undefined) return { kind: 'unroutable', reason: `no job carries out effect type "${row.effectType}"` };
  const ref = { outboxId: row.id, idempotencyKey: outboxIdempotencyKey(row.id) };
  const base = { queue: JOBS[name].queue, jobId: outboxJobId(row.id) };
  if (name === 'timer.wake') {
    const wake = timerWakePayload(row.payload);
    if (wake === undefined) return { kind: 'unroutable', reason: 'timer.wake payload needs { timerId, dueAt } (the sweep still fires it)' };
    const data: JobPayload<'timer.wake'> = { ...ref, timerId: wake.timerId };
    return { kind: 'job', job: { ...base, name, data, delayMs: Math.max(0, wake.dueAt.getTime() - now.getTime()) } };
  }
  return { kind: 'job', job: { ...base, name, data: ref, delayMs: 0 } };
}
