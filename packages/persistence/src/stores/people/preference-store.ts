import { type EntityManager } from 'typeorm';
import { returnedRows } from '../returned-rows.js';

/** How a person receives notification e-mails (users.email_delivery, issue 19); in-app notifications always come at once. */
export const EMAIL_DELIVERY_MODES = ['immediate', 'daily'] as const;
export type EmailDelivery = (typeof EMAIL_DELIVERY_MODES)[number];

/** What a signed-in person chooses for themselves. */
export interface UserPreferences {
  emailDelivery: EmailDelivery;
}

/** A person's own preferences: read and changed by that person only (the API passes the signed-in user's id). */
export class PreferenceStore {
  /** The user's preferences; undefined when there is no such user. */
  async find(manager: EntityManager, userId: string): Promise<UserPreferences | undefined> {
    const [row] = await manager.query<{ email_delivery: EmailDelivery }[]>(`SELECT email_delivery FROM users WHERE id = $1`, [userId]);
    return row ? { emailDelivery: row.email_delivery } : undefined;
  }

  /**
   * Sets how the user receives e-mails; undefined when there is no such user. One statement: a switch to
   * `immediate` also brings the e-mails held for the morning digest forward to now (or to the end of the current
   * combining window), so the worker's overdue sweep sends them within its interval; a switch to `daily` leaves
   * held e-mails at the time they were given (those of the current minute still go when it ends).
   */
  async setEmailDelivery(manager: EntityManager, userId: string, emailDelivery: EmailDelivery): Promise<UserPreferences | undefined> {
    const rows = await manager.query<{ email_delivery: EmailDelivery }[]>(
      `WITH changed AS (UPDATE users SET email_delivery = $2::text, updated_at = now() WHERE id = $1 RETURNING email_delivery),
       hurried AS (
         UPDATE email_windows w SET flush_at = GREATEST(now(), COALESCE(w.quiet_until, now()))
          WHERE w.user_id = $1 AND $2::text = 'immediate' AND w.flush_at > GREATEST(now(), COALESCE(w.quiet_until, now())) AND EXISTS (SELECT 1 FROM changed))
       SELECT email_delivery FROM changed`,
      [userId, emailDelivery],
    );
    const [row] = returnedRows<{ email_delivery: EmailDelivery }>(rows);
    return row ? { emailDelivery: row.email_delivery } : undefined;
  }
}
