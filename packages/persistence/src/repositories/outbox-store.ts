import { type EntityManager } from 'typeorm';

/** An outbox row claimed for relaying. `id` is a bigserial (string); use it as the queue job id. */
export interface OutboxMessage {
  id: string;
  instanceId: string | null;
  effectType: string;
  payload: unknown;
  /** Claims so far, this one included. */
  attempts: number;
  createdAt: Date;
}

interface OutboxRow {
  id: string;
  instance_id: string | null;
  effect_type: string;
  payload: unknown;
  attempts: number;
  created_at: Date;
}

/** The transactional outbox, read by the relay. */
export class OutboxStore {
  /**
   * Claims up to `limit` unrelayed rows, oldest first, locking them with FOR UPDATE SKIP LOCKED so concurrent
   * relays never get the same row; counts the attempt. The lock lasts until the caller's transaction ends, so
   * enqueue and `markRelayed` inside that same transaction.
   */
  /** Whether any row waits to be relayed: one index probe, outside any transaction (the relay's poll). */
  async hasUnrelayed(manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM outbox WHERE relayed_at IS NULL LIMIT 1`);
    return rows.length > 0;
  }

  async claimBatch(manager: EntityManager, limit: number): Promise<OutboxMessage[]> {
    const [rows] = await manager.query<[OutboxRow[], number]>(
      `UPDATE outbox SET attempts = attempts + 1
        WHERE id IN (SELECT id FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT $1::integer FOR UPDATE SKIP LOCKED)
        RETURNING id, instance_id, effect_type, payload, attempts, created_at`,
      [limit],
    );
    return rows
      .map((row) => ({
        id: row.id,
        instanceId: row.instance_id,
        effectType: row.effect_type,
        payload: row.payload,
        attempts: row.attempts,
        createdAt: row.created_at,
      }))
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** Marks rows as handed to the queue; returns how many were still unrelayed. */
  async markRelayed(manager: EntityManager, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const [, count] = await manager.query<[unknown[], number]>('UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[]) AND relayed_at IS NULL', [
      ids,
    ]);
    return count;
  }

  /** Rows not yet relayed (for health checks and metrics). */
  async pendingCount(manager: EntityManager): Promise<number> {
    const rows = await manager.query<{ count: number }[]>('SELECT count(*)::integer AS count FROM outbox WHERE relayed_at IS NULL');
    return rows[0]?.count ?? 0;
  }
}
