import { type EntityManager } from 'typeorm';
import { z } from 'zod';

const scopeTypes = ['establishment', 'commune', 'province', 'region', 'national'] as const;

/** The payload of a `notify` outbox row, as the command pipeline writes it from the engine's effect. */
export const notifyPayload = z.object({
  to: z.union([
    z.object({ role: z.string().min(1), scope: z.object({ type: z.enum(scopeTypes), id: z.string().nullable().optional() }) }),
    z.object({ userId: z.string().min(1) }),
  ]),
  template: z.string().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
  instanceId: z.string().optional(),
});
export type NotifyPayload = z.output<typeof notifyPayload>;

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
