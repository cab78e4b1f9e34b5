import { type JobPayload } from '@khuyencong/jobs';
import { type DataSource } from 'typeorm';
import { PermanentJobError } from '../queues/processor-registry.js';
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

interface PendingEmail {
  id: string;
  email: string;
  subject: string;
  body: string;
}

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
 * 2. one transaction locks the effect's e-mail rows not yet marked sent (SKIP LOCKED: rows another delivery of
 *    the same effect holds are its to send), sends them over the pooled SMTP transport, marks those the server
 *    took as sent (`data.sentAt`) and commits; a failed send then fails the job, so it retries. A crash between
 *    sending and committing re-sends the effect's messages on the retry: at most once per failure, never once
 *    per delivery.
 * Round trips for a new effect: read, recipients, write, then BEGIN, lock, mark, COMMIT when it has e-mails (it
 * was 7 + 4 per e-mail with a transaction per e-mail and a separate receipt insert).
 */
export class NotificationDelivery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
  ) {}

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
   * Sends every e-mail of the effect not yet marked sent, in one transaction that holds their row locks while
   * the SMTP server takes them; a failed send fails the job (after marking the others) so it retries.
   */
  private async sendPendingEmails(outboxId: string): Promise<number> {
    const { sent, failure } = await this.dataSource.transaction(async (manager) => {
      const pending = await manager.query<PendingEmail[]>(
        `SELECT n.id, u.email, n.subject, n.body FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.outbox_id = $1::bigint AND n.channel = 'email' AND NOT (n.data ? 'sentAt')
          ORDER BY n.id FOR UPDATE OF n SKIP LOCKED`,
        [outboxId],
      );
      const outcomes = await Promise.allSettled(pending.map((mail) => this.mailer.send({ to: mail.email, subject: mail.subject, text: mail.body })));
      const taken = pending.flatMap((mail, index) => {
        const outcome = outcomes[index]!;
        return outcome.status === 'fulfilled' ? [{ id: mail.id, messageId: outcome.value.messageId }] : [];
      });
      if (taken.length > 0) {
        await manager.query(
          `UPDATE notifications n SET data = n.data || jsonb_build_object('sentAt', now(), 'messageId', s.message_id)
             FROM unnest($1::uuid[], $2::text[]) AS s(id, message_id) WHERE n.id = s.id`,
          [taken.map((mail) => mail.id), taken.map((mail) => mail.messageId)],
        );
      }
      const rejected = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      const reason: unknown = rejected?.reason;
      return {
        sent: taken.length,
        failure: rejected === undefined ? undefined : reason instanceof Error ? reason : new Error(`e-mail not sent: ${JSON.stringify(reason)}`),
      };
    });
    // Thrown after the commit, so the e-mails that did go stay marked sent.
    if (failure !== undefined) throw failure;
    return sent;
  }
}
