import { type RelayJob } from '@khuyencong/jobs';
import { type DataSource, type EntityManager } from 'typeorm';
import { type Mailer } from './mailer.js';
import { notificationParts, renderCombined } from './templates.js';

/** The default combining window: e-mails of one person within a minute of a message go together (EMAIL_COMBINE_WINDOW_MS). */
export const DEFAULT_COMBINE_WINDOW_MS = 60_000;

/** The most notifications one message lists; a person with more held gets the rest in the next message, from the sweep. */
export const MAX_PER_MESSAGE = 100;

/** Users the sweep flushes per run at most; the next run takes the rest. */
const SWEEP_LIMIT = 500;

/** Added to a flush job's delay so that a worker clock a little ahead of PostgreSQL's does not run it early. */
const FLUSH_MARGIN_MS = 250;

/** Where flush jobs go (JobQueues in the worker). */
export interface FlushJobSink {
  addAll(jobs: readonly RelayJob[]): Promise<void>;
}

/** What one turn for one person did: e-mails (rows) sent in one message, e-mails held for later. */
export interface PersonOutcome {
  sent: number;
  held: number;
}

/** The person's window row, locked, with what the decision needs. Times are PostgreSQL's (`now`), not this process's. */
interface WindowRow {
  email: string;
  email_delivery: 'immediate' | 'daily';
  quiet_until: Date | null;
  flush_at: Date | null;
  now: Date;
  next_digest: Date;
}

interface UnsentEmail {
  id: string;
  template: string;
  subject: string;
  body: string;
  data: Record<string, unknown>;
}

/**
 * Locks (creating it when missing) the person's `email_windows` row: ON CONFLICT DO UPDATE takes the row lock and
 * waits for a transaction holding it, so the deliveries and flushes of one person take turns, and each sees what
 * the one before it committed. No row for a user deleted since (a flush job outliving its person finds nothing). The morning digest is at 07:00 Asia/Ho_Chi_Minh (UTC+7 all year, no summer time).
 */
const LOCK_WINDOW = `
  WITH w AS (
    INSERT INTO email_windows (user_id) SELECT id FROM users WHERE id = $1::uuid
    ON CONFLICT ON CONSTRAINT pk_email_windows DO UPDATE SET user_id = EXCLUDED.user_id
    RETURNING user_id, quiet_until, flush_at),
  today AS (SELECT (date_trunc('day', now() AT TIME ZONE 'Asia/Ho_Chi_Minh') + interval '7 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at)
  SELECT u.email, u.email_delivery, w.quiet_until, w.flush_at, now() AS now,
         CASE WHEN today.at > now() THEN today.at ELSE today.at + interval '1 day' END AS next_digest
    FROM w JOIN users u ON u.id = w.user_id, today`;

/** A person's window that holds e-mails for a flush later, and their new e-mails marked held under it (EmailBatches.deliver). */
const JOIN_HELD = `
  WITH holding AS (
    SELECT 1 FROM email_windows w JOIN users u ON u.id = w.user_id
     WHERE w.user_id = $1::uuid AND w.flush_at > now() AND (u.email_delivery = 'daily' OR (w.quiet_until > now() AND w.flush_at <= w.quiet_until))),
  held AS (
    UPDATE notifications SET data = data || jsonb_build_object('heldAt', now())
     WHERE user_id = $1::uuid AND channel = 'email' AND NOT (data ? 'sentAt') AND NOT (data ? 'heldAt') AND EXISTS (SELECT 1 FROM holding)
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM holding) AS holding, (SELECT count(*) FROM held)::integer AS held`;

/**
 * The e-mail side of notifications, per person (issue 19): e-mails that keep up and do not flood. Each person's
 * unsent e-mails either go now, all in ONE message (the notification's own when there is one, a combined one
 * otherwise), or are held until a time, in one transaction that holds the person's `email_windows` row:
 * - `immediate`: a message goes at once unless one went less than the combining window ago (`quiet_until`); then
 *   the e-mails are held until the window ends and go together. Every message opens a new window, so a person gets
 *   at most one message per window however many notifications arrive.
 * - `daily`: everything is held until the next 07:00 (Vietnam time) and goes as one digest.
 * Held e-mails are marked (`data.heldAt`, so the relay's redelivery sweep leaves them to us), the person's
 * `flush_at` says when they go, and a delayed `notification.flush` job keyed by person and time wakes us then; the
 * `notification.sweep` job scheduler flushes any person whose `flush_at` passed, so a lost flush job makes an
 * e-mail late by at most the sweep interval, never lost.
 *
 * Never doubled: the person's rows are sent only while their window row is locked, and marked sent (`sentAt`,
 * `messageId`) in the transaction that sent them; the next turn, waiting on the lock, finds them sent. A failed send
 * rolls the transaction back (nothing marked, window unchanged) and throws, so the job retries. A crash between the
 * server taking the message and the commit re-sends that one message on the retry: at most once per failure.
 */
export class EmailBatches {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly sink: FlushJobSink | undefined,
    private readonly combineWindowMs: number = DEFAULT_COMBINE_WINDOW_MS,
  ) {}

  /**
   * A new e-mail of a person: when their window is already holding e-mails for a later flush, it only joins them
   * (marked held, no turn, no wait on the window row); otherwise the person takes a turn (sendOrHold).
   *
   * Safe without the lock: the e-mail's row committed before this statement, and a window seen holding (flush due
   * later, and for `immediate` still quiet) means no turn can send before the flush time (every turn until then
   * holds, and would keep the flush time: for `immediate` it is no later than the window's end), and the flush then
   * takes every unsent row, this one included. A row a flush sent meanwhile is left
   * alone (`NOT sentAt`, re-checked after waiting on its row lock).
   */
  async deliver(userId: string): Promise<PersonOutcome> {
    const [joined] = await this.dataSource.query<{ holding: boolean; held: number }[]>(JOIN_HELD, [userId]);
    if (joined?.holding) return { sent: 0, held: joined.held };
    return this.sendOrHold(userId);
  }

  /** One turn for one person: sends their unsent e-mails as one message if they are due, else holds them. */
  async sendOrHold(userId: string): Promise<PersonOutcome> {
    const { outcome, flushAt } = await this.dataSource.transaction(async (manager) => this.turn(manager, userId));
    // After the commit: a job added before it could run before the hold is visible and find nothing to send.
    if (flushAt !== undefined) await this.scheduleFlush(userId, flushAt.at, flushAt.delayMs);
    return outcome;
  }

  /** The sweep: flushes every person whose held e-mails are overdue (their flush job was lost, failed for good, or is late). */
  async flushOverdue(): Promise<{ users: number; sent: number; failed: number }> {
    const due = await this.dataSource.query<{ user_id: string }[]>(
      `SELECT user_id FROM email_windows WHERE flush_at <= now() ORDER BY flush_at LIMIT $1::integer`,
      [SWEEP_LIMIT],
    );
    let sent = 0;
    let failed = 0;
    for (const { user_id: userId } of due) {
      try {
        sent += (await this.sendOrHold(userId)).sent;
      } catch {
        // This person's SMTP failure must not stop the others; their flush_at stays, so the next run tries again.
        failed += 1;
      }
    }
    return { users: due.length, sent, failed };
  }

  private async turn(manager: EntityManager, userId: string): Promise<{ outcome: PersonOutcome; flushAt?: { at: Date; delayMs: number } }> {
    const [window] = await manager.query<WindowRow[]>(LOCK_WINDOW, [userId]);
    if (window === undefined) return { outcome: { sent: 0, held: 0 } };
    // FOR UPDATE without SKIP LOCKED: every sender of this person holds their window row, so nobody else of ours
    // holds these rows; a row still locked is one an older worker version is sending, and waiting for it (the
    // condition is re-checked after the wait) keeps it from being sent twice or left behind.
    const unsent = await manager.query<UnsentEmail[]>(
      `SELECT id, template, subject, body, data FROM notifications
        WHERE user_id = $1::uuid AND channel = 'email' AND NOT (data ? 'sentAt')
        ORDER BY created_at, id LIMIT $2::integer FOR UPDATE`,
      [userId, MAX_PER_MESSAGE + 1],
    );
    const now = window.now.getTime();
    const flushDue = window.flush_at !== null && window.flush_at.getTime() <= now;
    if (unsent.length === 0) {
      if (window.flush_at !== null) await manager.query(`UPDATE email_windows SET flush_at = NULL WHERE user_id = $1::uuid`, [userId]);
      return { outcome: { sent: 0, held: 0 } };
    }
    const quiet = window.quiet_until !== null && window.quiet_until.getTime() > now;
    if (flushDue || (window.email_delivery === 'immediate' && !quiet)) {
      const outcome = await this.send(manager, userId, window, unsent);
      // More than one message's worth: the rest go next, by a flush job right after this commit (not the sweep's next run).
      return unsent.length > MAX_PER_MESSAGE ? { outcome, flushAt: { at: window.now, delayMs: 0 } } : { outcome };
    }

    // Hold: until the window ends (immediate) or the morning digest (daily); an earlier time already set stands.
    const wanted = window.email_delivery === 'immediate' ? window.quiet_until! : window.next_digest;
    const at = window.flush_at !== null && window.flush_at.getTime() < wanted.getTime() ? window.flush_at : wanted;
    await manager.query(`UPDATE email_windows SET flush_at = $2::timestamptz WHERE user_id = $1::uuid`, [userId, at]);
    await manager.query(`UPDATE notifications SET data = data || jsonb_build_object('heldAt', now()) WHERE id = ANY($1::uuid[]) AND NOT (data ? 'heldAt')`, [
      unsent.map((mail) => mail.id),
    ]);
    return { outcome: { sent: 0, held: unsent.length }, flushAt: { at, delayMs: at.getTime() - now } };
  }

  /** Sends the e-mails as one message, marks them sent and opens a new combining window; throws (nothing marked) when the server refuses. */
  private async send(manager: EntityManager, userId: string, window: WindowRow, unsent: UnsentEmail[]): Promise<PersonOutcome> {
    const batch = unsent.slice(0, MAX_PER_MESSAGE);
    const single = batch.length === 1 ? batch[0] : undefined;
    const message = single ? { subject: single.subject, body: single.body } : renderCombined(batch.map((mail) => notificationParts(mail.template, mail.data)));
    const { messageId } = await this.mailer.send({ to: window.email, subject: message.subject, text: message.body });
    await manager.query(
      `UPDATE notifications SET data = data || jsonb_build_object('sentAt', now(), 'messageId', $2::text, 'combined', $3::integer)
        WHERE id = ANY($1::uuid[])`,
      [batch.map((mail) => mail.id), messageId, batch.length],
    );
    // More than one message's worth held: the rest are due now (the window would hold them otherwise).
    const rest = unsent.length > batch.length;
    await manager.query(
      `UPDATE email_windows SET quiet_until = now() + make_interval(secs => $2::float8), flush_at = CASE WHEN $3::boolean THEN now() ELSE NULL END
        WHERE user_id = $1::uuid`,
      [userId, this.combineWindowMs / 1000, rest],
    );
    return { sent: batch.length, held: 0 };
  }

  /**
   * The delayed flush job of a person's held e-mails: one job id per person and due time, so every hold of one
   * window adds the same job (BullMQ ignores a job id it holds). Without a sink (tests of the delivery alone), the
   * sweep is what flushes.
   */
  private async scheduleFlush(userId: string, at: Date, delayMs: number): Promise<void> {
    if (this.sink === undefined) return;
    const jobId = emailFlushJobId(userId, at);
    await this.sink.addAll([
      { queue: 'notifications', name: 'notification.flush', jobId, delayMs: Math.max(0, delayMs) + FLUSH_MARGIN_MS, data: { idempotencyKey: jobId, userId } },
    ]);
  }
}

/** The BullMQ job id of the flush of `userId`'s e-mails held until `at` (no colon, not an integer: BullMQ). */
export function emailFlushJobId(userId: string, at: Date): string {
  return `email-flush-${userId}-${at.getTime()}`;
}
