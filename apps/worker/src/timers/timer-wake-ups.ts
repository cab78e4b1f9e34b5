import { type RelayJob } from '@khuyencong/jobs';
import { TIMER_WAKE_HORIZON_MS } from '@khuyencong/persistence';
import { type DataSource } from 'typeorm';

/**
 * How far back each run looks again behind the end of the previous window: a timer armed by a transaction that
 * began before the previous run but committed after its read would otherwise fall between two windows (it would
 * still fire, by the overdue sweep, up to one sweep interval late). Re-adding a job id BullMQ holds is a no-op.
 */
export const WAKE_WINDOW_OVERLAP_MS = 30_000;

/** Timers read per query; a window holding more is read page by page. */
const PAGE_SIZE = 500;

/** A pending timer that comes due within the window being scheduled. */
export interface UpcomingTimer {
  id: string;
  dueAt: Date;
}

/**
 * The BullMQ job id of the wake-up of a timer due at `dueAt`: the same for every sweep run and every worker, so
 * the job is added once; a timer re-armed to another time gets another job (BullMQ keeps a completed job a day,
 * so `timer-<id>` alone would swallow the wake-up of a re-armed timer). Not an integer and no colon (BullMQ).
 */
export function timerWakeJobId(timerId: string, dueAt: Date): string {
  return `timer-${timerId}-${dueAt.getTime()}`;
}

/** The delayed `timer.wake` job that fires `timer` at its due time (at once if `now` is already past it). */
export function wakeUpJob(timer: UpcomingTimer, now: Date): RelayJob<'timer.wake'> {
  const jobId = timerWakeJobId(timer.id, timer.dueAt);
  return {
    queue: 'timers',
    name: 'timer.wake',
    jobId,
    delayMs: Math.max(0, timer.dueAt.getTime() - now.getTime()),
    data: { idempotencyKey: jobId, timerId: timer.id },
  };
}

/**
 * The due times a run at `now` schedules: (from, to], to = now + horizon. From the end of the previous window
 * (less the overlap) when there was one, else from `now`, since overdue timers are the overdue sweep's.
 */
export function wakeWindow(previousEnd: Date | undefined, now: Date, horizonMs: number, overlapMs: number): { from: Date; to: Date } {
  const to = new Date(now.getTime() + horizonMs);
  const from = previousEnd === undefined ? now : new Date(Math.max(now.getTime(), Math.min(previousEnd.getTime(), to.getTime()) - overlapMs));
  return { from, to };
}

/** Where the wake-up jobs go (JobQueues in the worker). */
export interface WakeUpSink {
  addAll(jobs: readonly RelayJob[]): Promise<void>;
}

/**
 * Schedules a delayed `timer.wake` job for every pending timer that comes due within the horizon, so a timer armed
 * days ahead (the command pipeline writes a wake-up row only for timers due within TIMER_WAKE_HORIZON_MS) still
 * fires on time to the second. Each run covers the due times after the previous run's window, so a timer is added
 * about once, not once per run. The window end moves on only after Redis took the jobs; a failed run is covered
 * by the next. A timer that also has the pipeline's `outbox-<id>` wake-up fires once: `fireTimer` locks the timer
 * and fires it only while pending, so the later job finds it `gone`.
 */
export class TimerWakeUps {
  private scheduledThrough: Date | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sink: WakeUpSink,
    private readonly horizonMs: number = TIMER_WAKE_HORIZON_MS,
    private readonly overlapMs: number = WAKE_WINDOW_OVERLAP_MS,
  ) {}

  /** One run at `now`: returns how many wake-ups it handed to Redis (ones Redis already held included). */
  async schedule(now: Date = new Date()): Promise<number> {
    const { from, to } = wakeWindow(this.scheduledThrough, now, this.horizonMs, this.overlapMs);
    let added = 0;
    let after: PageKey | undefined;
    for (;;) {
      const page = await this.upcoming(from, to, after);
      if (page.timers.length > 0) await this.sink.addAll(page.timers.map((timer) => wakeUpJob(timer, now)));
      added += page.timers.length;
      if (page.next === undefined) break;
      after = page.next;
    }
    this.scheduledThrough = to;
    return added;
  }

  /**
   * Pending timers due in (from, to], earliest first, after `after` in (due_at, id) order (ix_timers_pending_due).
   * The key keeps due_at as PostgreSQL's text: a JavaScript Date drops the microseconds and would read rows again.
   */
  private async upcoming(from: Date, to: Date, after: PageKey | undefined): Promise<{ timers: UpcomingTimer[]; next: PageKey | undefined }> {
    const rows = await this.dataSource.query<{ id: string; due_at: Date; due_key: string }[]>(
      `SELECT id, due_at, due_at::text AS due_key FROM timers
        WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at > $1::timestamptz AND due_at <= $2::timestamptz
          AND ($3::timestamptz IS NULL OR (due_at, id) > ($3::timestamptz, $4::bigint))
        ORDER BY due_at, id LIMIT $5::integer`,
      [from, to, after?.dueKey ?? null, after?.id ?? null, PAGE_SIZE],
    );
    const last = rows[rows.length - 1];
    return {
      timers: rows.map((row) => ({ id: row.id, dueAt: row.due_at })),
      next: rows.length === PAGE_SIZE && last !== undefined ? { id: last.id, dueKey: last.due_key } : undefined,
    };
  }
}

/** Where a page of upcoming timers ended. */
interface PageKey {
  id: string;
  dueKey: string;
}
