import { type JobPayload } from '@khuyencong/jobs';
import { type DataSource } from 'typeorm';
import { PermanentJobError } from '../queues/processor-registry.js';
import { EmailBatches, type FlushJobSink } from './email-batches.js';
import { type Mailer } from './mailer.js';
import { resolveRecipients, type NotifyPayload } from './recipients.js';
import { readPayload } from '../queues/outbox-payloads.js';
import { renderNotification } from './templates.js';

/** The processor name under which receipts are recorded; persisted in `effect_receipts`, never rename it. */
export const NOTIFICATION_PROCESSOR = 'notification.deliver';

/** What one delivery did: rows written by this delivery (0 when a receipt existed) and e-mails it sent. */
export interface DeliveryResult {
  recipients: number;
  alreadyRecorded: boolean;
  emailsSent: number;
}

/** Recipients of one effect whose e-mails are sent (or held) at the same time: matches the SMTP pool's five connections. */
const TURNS_AT_ONCE = 5;

/** The channels every recipient gets a row for, in this order. */
const CHANNELS = ['in_app', 'email'] as const;

/**
 * Writes the receipt and, only if this statement wrote it, one row per recipient and channel: ONE statement, so
 * atomic without a transaction of our own. A concurrent delivery of the same effect waits on the receipt's
 * primary key, then finds it and writes nothing (the CTE reads `receipt`, which is then empty).
 */
const WRITE_NOTIFICATIONS = `
  WITH receipt AS (
    INSERT INTO effect_receipts (outbox_id, processor, result) VALUES ($1::bigint, $2::text, $3::jsonb)
    ON CONFLICT ON CONSTRAINT pk_effect_receipts DO NOTHING RETURNING outbox_id),
  written AS (
    INSERT INTO notifications (user_id, channel, template, subject, body, data, outbox_id)
    SELECT r.user_id, c.channel, $4::text, $5::text, $6::text, $7::jsonb, receipt.outbox_id
      FROM receipt, unnest($8::uuid[]) WITH ORDINALITY AS r(user_id, n), unnest($9::text[]) WITH ORDINALITY AS c(channel, m)
     ORDER BY r.n, c.m
    ON CONFLICT ON CONSTRAINT uq_notifications_outbox_user_channel DO NOTHING
    RETURNING channel)
  SELECT (SELECT count(*) FROM receipt)::int AS recorded, (SELECT count(*) FROM written WHERE channel = 'email')::int AS emails`;

/**
 * Delivers a `notify` effect in two steps, each idempotent:
 * 1. one statement writes the in-app and e-mail `notifications` rows of every recipient together with the
 *    effect's receipt; a second delivery finds the receipt and writes nothing;
 * 2. each recipient with an e-mail of the effect not yet sent nor held gets a turn of EmailBatches (issue 19): in one
 *    transaction holding the person's `email_windows` row, their unsent e-mails go now as ONE message (and are
 *    marked sent, `data.sentAt`, before the commit) or are held for the end of the combining minute or the morning
 *    digest, which a delayed `notification.flush` job (and, should it be lost, the `notification.sweep`) sends. A
 *    failed send fails the job, so it retries. A crash between sending and committing re-sends that message on the
 *    retry: at most once per failure, never once per delivery. In-app rows are visible at once, whatever is held.
 */
export class NotificationDelivery {
  /** The per-person e-mail turns; the `notification.flush` and `notification.sweep` jobs use them too. */
  readonly emails: EmailBatches;

  /** `sink` takes the delayed flush jobs of held e-mails (without one, the sweep flushes them); `combineWindowMs` is EMAIL_COMBINE_WINDOW_MS. */
  constructor(
    private readonly dataSource: DataSource,
    mailer: Mailer,
    options: { sink?: FlushJobSink; combineWindowMs?: number } = {},
  ) {
    this.emails = new EmailBatches(dataSource, mailer, options.sink, options.combineWindowMs);
  }

  async deliver(job: JobPayload<'notification.deliver'>): Promise<DeliveryResult> {
    const effect = await this.readEffect(job.outboxId);
    // A receipt means step 1 happened (this is a retry or a redelivery): only unsent e-mails may be left.
    if (effect.recorded) return { recipients: 0, alreadyRecorded: true, emailsSent: await this.sendPendingEmails(job.outboxId) };
    const written = await this.writeNotifications(job.outboxId, effect);
    // A delivery that wrote no e-mail row (nobody to tell) has nothing to send: no transaction for it.
    const emailsSent = written.alreadyRecorded || written.emails > 0 ? await this.sendPendingEmails(job.outboxId) : 0;
    return { recipients: written.recipients, alreadyRecorded: written.alreadyRecorded, emailsSent };
  }

  /** The effect's row, validated, and whether its receipt exists already: one query. */
  private async readEffect(outboxId: string): Promise<{ payload: NotifyPayload; instanceId: string | undefined; recorded: boolean }> {
    const [row] = await this.dataSource.query<{ effect_type: string; payload: unknown; instance_id: string | null; recorded: boolean }[]>(
      `SELECT o.effect_type, o.payload, o.instance_id,
              EXISTS (SELECT 1 FROM effect_receipts r WHERE r.outbox_id = o.id AND r.processor = $2::text) AS recorded
         FROM outbox o WHERE o.id = $1::bigint`,
      [outboxId, NOTIFICATION_PROCESSOR],
    );
    if (row === undefined) throw new PermanentJobError(`outbox #${outboxId} does not exist`);
    if (row.effect_type !== 'notify') throw new PermanentJobError(`outbox #${outboxId} is a ${row.effect_type} effect, not notify`);
    const payload = readPayload(outboxId, 'notify', row.payload);
    return { payload, instanceId: payload.instanceId ?? row.instance_id ?? undefined, recorded: row.recorded };
  }

  private async writeNotifications(
    outboxId: string,
    effect: { payload: NotifyPayload; instanceId: string | undefined },
  ): Promise<{ recipients: number; alreadyRecorded: boolean; emails: number }> {
    const recipients = await resolveRecipients(this.dataSource.manager, effect.payload.to);
    const data = { ...effect.payload.data, ...(effect.instanceId === undefined ? {} : { instanceId: effect.instanceId }) };
    const message = renderNotification(effect.payload.template, data);
    const [result] = await this.dataSource.query<{ recorded: number; emails: number }[]>(WRITE_NOTIFICATIONS, [
      outboxId,
      NOTIFICATION_PROCESSOR,
      JSON.stringify({ recipients: recipients.length }),
      effect.payload.template,
      message.subject,
      message.body,
      JSON.stringify(data),
      recipients.map((recipient) => recipient.userId),
      CHANNELS,
    ]);
    if (result === undefined || result.recorded === 0) return { recipients: 0, alreadyRecorded: true, emails: 0 };
    return { recipients: recipients.length, alreadyRecorded: false, emails: result.emails };
  }

  /**
   * Gives each recipient of the effect who still has an unsent, not yet held e-mail of it a turn (EmailBatches): their
   * e-mails go now, in one message, or are held for the combining window or the morning digest. A few recipients
   * at a time (each turn holds a connection through its SMTP exchange); a refused send fails the job after the
   * others' turns committed, so it retries and only the refused ones go again.
   */
  private async sendPendingEmails(outboxId: string): Promise<number> {
    const people = await this.dataSource.query<{ user_id: string }[]>(
      `SELECT DISTINCT user_id FROM notifications
        WHERE outbox_id = $1::bigint AND channel = 'email' AND NOT (data ? 'sentAt') AND NOT (data ? 'heldAt') ORDER BY user_id`,
      [outboxId],
    );
    let sent = 0;
    let failure: unknown;
    let next = 0;
    const turns = async () => {
      while (next < people.length) {
        const { user_id: userId } = people[next++]!;
        try {
          // Awaited before adding: `sent += await …` would read `sent` before the wait and lose the other turns' counts.
          const outcome = await this.emails.deliver(userId);
          sent += outcome.sent;
        } catch (error) {
          failure ??= error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(TURNS_AT_ONCE, people.length) }, turns));
    // Thrown after every turn, so the e-mails that did go stay marked sent.
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error(`e-mail not sent: ${JSON.stringify(failure)}`);
    return sent;
  }
}
