import { ReceiptStore } from '@khuyencong/persistence';
import { type JobPayload } from '@khuyencong/jobs';
import { type DataSource, type EntityManager } from 'typeorm';
import { PermanentJobError } from '../queues/processor-registry.js';
import { type Mailer } from './mailer.js';
import { notifyPayload, resolveRecipients, type NotifyPayload } from './recipients.js';
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

/**
 * Delivers a `notify` effect in two steps, each idempotent:
 * 1. one transaction writes the in-app and e-mail `notifications` rows of every recipient together with the
 *    effect's receipt; a second delivery finds the receipt and writes nothing;
 * 2. each e-mail row not yet marked sent is locked, sent, and marked sent (`data.sentAt`) in its own
 *    transaction. A crash between sending and committing re-sends that one message on the retry: at most
 *    once per failure, never once per delivery.
 */
export class NotificationDelivery {
  private readonly receipts = new ReceiptStore();

  constructor(
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
  ) {}

  async deliver(job: JobPayload<'notification.deliver'>): Promise<DeliveryResult> {
    const written = await this.dataSource.transaction((manager) => this.writeNotifications(manager, job.outboxId));
    const emailsSent = await this.sendPendingEmails(job.outboxId);
    return { ...written, emailsSent };
  }

  private async writeNotifications(manager: EntityManager, outboxId: string): Promise<Omit<DeliveryResult, 'emailsSent'>> {
    const [row] = await manager.query<{ effect_type: string; payload: unknown; instance_id: string | null }[]>(
      'SELECT effect_type, payload, instance_id FROM outbox WHERE id = $1::bigint',
      [outboxId],
    );
    if (row === undefined) throw new PermanentJobError(`outbox #${outboxId} does not exist`);
    if (row.effect_type !== 'notify') throw new PermanentJobError(`outbox #${outboxId} is a ${row.effect_type} effect, not notify`);
    const parsed = notifyPayload.safeParse(row.payload);
    if (!parsed.success) throw new PermanentJobError(`outbox #${outboxId}: malformed notify payload: ${parsed.error.message}`);
    const payload: NotifyPayload = parsed.data;

    const recipients = await resolveRecipients(manager, payload.to);
    // The receipt first: a concurrent delivery of the same effect waits here on the primary key, then skips.
    if (!(await this.receipts.record(manager, outboxId, NOTIFICATION_PROCESSOR, { recipients: recipients.length }))) {
      return { recipients: 0, alreadyRecorded: true };
    }
    if (recipients.length === 0) return { recipients: 0, alreadyRecorded: false };

    const instanceId = payload.instanceId ?? row.instance_id ?? undefined;
    const data = { ...payload.data, ...(instanceId === undefined ? {} : { instanceId }) };
    const message = renderNotification(payload.template, data);
    const rows = recipients.flatMap((recipient) => (['in_app', 'email'] as const).map((channel) => ({ userId: recipient.userId, channel })));
    const columns = ['uuid', 'text', 'text', 'text', 'text', 'jsonb', 'bigint'];
    const tuples = rows.map((_, row) => `(${columns.map((type, column) => `$${row * columns.length + column + 1}::${type}`).join(', ')})`);
    await manager.query(
      `INSERT INTO notifications (user_id, channel, template, subject, body, data, outbox_id) VALUES ${tuples.join(', ')}
       ON CONFLICT ON CONSTRAINT uq_notifications_outbox_user_channel DO NOTHING`,
      rows.flatMap((row) => [row.userId, row.channel, payload.template, message.subject, message.body, JSON.stringify(data), outboxId]),
    );
    return { recipients: recipients.length, alreadyRecorded: false };
  }

  /** Sends every e-mail of the effect not yet marked sent; a failed send fails the job so it retries. */
  private async sendPendingEmails(outboxId: string): Promise<number> {
    const pending = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM notifications WHERE outbox_id = $1::bigint AND channel = 'email' AND NOT (data ? 'sentAt') ORDER BY id`,
      [outboxId],
    );
    let sent = 0;
    let firstFailure: Error | undefined;
    for (const { id } of pending) {
      try {
        if (await this.sendOne(id)) sent += 1;
      } catch (error) {
        firstFailure ??= error as Error;
      }
    }
    if (firstFailure) throw firstFailure;
    return sent;
  }

  private sendOne(notificationId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // SKIP LOCKED: another delivery of this effect is sending it right now; it will mark it.
      const [mail] = await manager.query<PendingEmail[]>(
        `SELECT n.id, u.email, n.subject, n.body FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.id = $1::uuid AND NOT (n.data ? 'sentAt') FOR UPDATE OF n SKIP LOCKED`,
        [notificationId],
      );
      if (mail === undefined) return false;
      const { messageId } = await this.mailer.send({ to: mail.email, subject: mail.subject, text: mail.body });
      await manager.query(
        `UPDATE notifications SET data = data || jsonb_build_object('sentAt', now(), 'messageId', $2::text) WHERE id = $1::uuid`,
        [notificationId, messageId],
      );
      return true;
    });
  }
}
