import { JOBS, type JobName, type JobPayload, type QueueName } from './contracts.js';

/**
 * Outbox effect types and the job that carries each out: the ONE place this mapping lives. Effect types are
 * persisted in the `outbox` table, so (like job names) they are only ever added, never renamed.
 */
export const EFFECT_JOBS = {
  notify: 'notification.deliver',
  /** Written by the command pipeline whenever it arms a timer; payload `{ timerId, dueAt }`. */
  'timer.wake': 'timer.wake',
  generate_certificate: 'certificate.render',
  'report.export': 'report.export',
} as const satisfies Record<string, JobName>;

/** An effect type the relay knows how to carry out. */
export type EffectType = keyof typeof EFFECT_JOBS;

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
