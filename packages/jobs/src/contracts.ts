import { z } from 'zod';

/**
 * Queues and the jobs they carry. BullMQ carries side effects only (notifications, documents, exports,
 * timer wake-ups); workflow state lives in PostgreSQL and processors re-read it.
 *
 * Queue and job names are PERSISTED in Redis (they are part of every job key and job record): renaming one
 * strands the jobs already queued under the old name. Add new names; retire old ones only once drained.
 */
export const QUEUE_NAMES = ['notifications', 'timers', 'documents', 'reports'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Every job payload carries ids and an idempotency key, never a snapshot of business data. */
const effectRef = z.object({
  /** The outbox row this job was relayed from; also the BullMQ job id, so a re-relay is a no-op. */
  outboxId: z.string().regex(/^\d+$/, 'outbox ids are decimal strings'),
  idempotencyKey: z.string().min(1).max(200),
});

/** The job map: a job's name fixes its queue and its payload type, so the compiler ties them together. */
export const JOBS = {
  'notification.deliver': { queue: 'notifications', payload: effectRef },
  /**
   * Sends, as one message, the e-mails held for one person (issue 19: the rest of a combining minute, or the morning
   * digest). Delayed until the time they are due, with a job id made of the person and that time, so the holds of
   * one window collapse into one job; the person's `email_windows` row decides what goes, so an early, late or
   * repeated flush sends nothing twice.
   */
  'notification.flush': {
    queue: 'notifications',
    payload: z.object({ idempotencyKey: z.string().min(1).max(200), userId: z.string().uuid() }),
  },
  /** Repeated by a BullMQ job scheduler: flushes held e-mails whose flush job was lost (Redis lost its data, a job failed for good). */
  'notification.sweep': { queue: 'notifications', payload: z.object({ idempotencyKey: z.string().min(1).max(200) }) },
  /**
   * A wake-up hint for a durable timer (delayed until its due time); the timer row decides whether it fires.
   * Relayed from an outbox row (timers due soon) or scheduled by the timer sweep (no outbox row: no outboxId).
   */
  'timer.wake': {
    queue: 'timers',
    payload: effectRef.extend({ outboxId: effectRef.shape.outboxId.optional(), timerId: z.string().regex(/^\d+$/, 'timer ids are decimal strings') }),
  },
  /** Repeated by a BullMQ job scheduler: fires due timers whose wake-up job was lost. */
  'timer.sweep': { queue: 'timers', payload: z.object({ idempotencyKey: z.string().min(1).max(200) }) },
  // Documents and exports re-read their outbox row for the details (certificate number, export filters).
  'certificate.render': { queue: 'documents', payload: effectRef },
  'report.export': { queue: 'reports', payload: effectRef },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.output<(typeof JOBS)[N]['payload']>;
export type QueueOf<N extends JobName> = (typeof JOBS)[N]['queue'];

/** Job names served by one queue. */
export function jobsOfQueue(queue: QueueName): JobName[] {
  return (Object.keys(JOBS) as JobName[]).filter((name) => JOBS[name].queue === queue);
}

/** Validates a payload against its job's schema; throws a zod error naming the bad field. */
export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  return JOBS[name].payload.parse(data) as JobPayload<N>;
}

export function isJobName(value: string): value is JobName {
  return Object.prototype.hasOwnProperty.call(JOBS, value);
}

export function isQueueName(value: string): value is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(value);
}
