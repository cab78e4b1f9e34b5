import { type EntityManager } from 'typeorm';
import { type z } from 'zod';
import { type OUTBOX_PAYLOADS } from '@khuyencong/jobs';

/** The payload of a `notify` outbox row (its one schema lives with the effect map in @khuyencong/jobs). */
export type NotifyPayload = z.output<typeof OUTBOX_PAYLOADS.notify>;

/** A user a notification goes to. */
export interface Recipient {
  userId: string;
  email: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Active users a notification goes to: the one user named, or everyone with a grant of the role, valid now,
 * whose scope is the recipient scope or national (a national grant covers every unit).
 */
export async function resolveRecipients(manager: EntityManager, to: NotifyPayload['to']): Promise<Recipient[]> {
  if ('userId' in to) {
    // Engine actors such as the system have no user row; there is nobody to tell.
    if (!UUID.test(to.userId)) return [];
    return manager.query<Recipient[]>('SELECT id AS "userId", email FROM users WHERE id = $1::uuid AND active', [to.userId]);
  }
  return manager.query<Recipient[]>(
    `SELECT DISTINCT u.id AS "userId", u.email
       FROM users u JOIN role_grants g ON g.user_id = u.id
      WHERE u.active AND g.role = $1::text
        AND g.valid_from <= now() AND (g.valid_to IS NULL OR g.valid_to > now())
        AND (g.scope_type = 'national' OR (g.scope_type = $2::text AND g.scope_id = $3::text))
      ORDER BY u.id`,
    [to.role, to.scope.type, to.scope.id ?? null],
  );
}
