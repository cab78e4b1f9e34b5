import { randomUUID } from 'node:crypto';
import { commitNotifyDecision as commitNotify } from '@khuyencong/persistence/testing';
import { type DataSource } from 'typeorm';

/** The receipt name of the notification processor (apps/worker: NOTIFICATION_PROCESSOR). */
const NOTIFICATION_PROCESSOR = 'notification.deliver';

/** A published definition for instances written straight through the persistence layer. */
export async function publishChaosDefinition(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO workflow_definitions (code, version, status, body, published_at)
     VALUES ('chaos-test', 1, 'published', '{"stages": ["draft"]}', now()) ON CONFLICT DO NOTHING`,
  );
}

/** Active users that notifications go to, one e-mail address each. */
export async function createRecipients(dataSource: DataSource, count: number): Promise<{ id: string; email: string }[]> {
  const users: { id: string; email: string }[] = [];
  for (let i = 0; i < count; i += 1) {
    const email = `nhan-${i}-${randomUUID().slice(0, 8)}@chaos.test`;
    const [row] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO users (email, password_hash, display_name, active) VALUES ($1, 'x', 'Người nhận thử nghiệm', true) RETURNING id`,
      [email],
    );
    users.push({ id: row!.id, email });
  }
  return users;
}

/** One committed decision with one `notify` effect to one user (see @khuyencong/persistence/testing). Returns the outbox id. */
export function commitNotifyDecision(dataSource: DataSource, userId: string): Promise<string> {
  return commitNotify(dataSource, { definitionCode: 'chaos-test', to: { userId } });
}

/** What became of the committed `notify` effects, read from PostgreSQL. */
export interface NotifyLedger {
  /** `notify` outbox rows committed. */
  effects: number;
  /** Rows the relay has not handed to Redis yet. */
  unrelayed: number;
  /** Effects with a receipt of the notification processor (the primary key allows at most one). */
  processed: number;
  /** Notification rows per effect, recipient and channel beyond the first (the unique constraint says 0). */
  duplicateNotifications: number;
  /** Effects whose in-app and e-mail rows are not exactly one each per recipient. */
  incomplete: number;
  /** E-mail rows marked sent, and their Message-IDs (one per row; rows combined into one message share it). */
  emailsMarkedSent: number;
  sentMessageIds: string[];
  /** Distinct messages those rows went out in: what the SMTP server should have received once each. */
  sentMessages: number;
}

export async function notifyLedger(dataSource: DataSource): Promise<NotifyLedger> {
  const [totals] = await dataSource.query<{ effects: number; unrelayed: number; processed: number; incomplete: number }[]>(
    `SELECT count(*)::int AS effects,
            count(*) FILTER (WHERE o.relayed_at IS NULL)::int AS unrelayed,
            count(r.outbox_id)::int AS processed,
            count(*) FILTER (WHERE r.outbox_id IS NULL
                                OR (SELECT count(*) FROM notifications n WHERE n.outbox_id = o.id AND n.channel = 'in_app') <> (r.result->>'recipients')::int
                                OR (SELECT count(*) FROM notifications n WHERE n.outbox_id = o.id AND n.channel = 'email') <> (r.result->>'recipients')::int)::int AS incomplete
       FROM outbox o LEFT JOIN effect_receipts r ON r.outbox_id = o.id AND r.processor = $1
      WHERE o.effect_type = 'notify'`,
    [NOTIFICATION_PROCESSOR],
  );
  const [duplicates] = await dataSource.query<{ n: number }[]>(
    `SELECT coalesce(sum(c - 1), 0)::int AS n FROM (SELECT count(*) AS c FROM notifications GROUP BY outbox_id, user_id, channel) g`,
  );
  const sent = await dataSource.query<{ message_id: string }[]>(
    `SELECT data->>'messageId' AS message_id FROM notifications WHERE channel = 'email' AND data ? 'sentAt'`,
  );
  return {
    ...totals!,
    duplicateNotifications: duplicates!.n,
    emailsMarkedSent: sent.length,
    sentMessageIds: sent.map((row) => row.message_id),
    sentMessages: new Set(sent.map((row) => row.message_id)).size,
  };
}
