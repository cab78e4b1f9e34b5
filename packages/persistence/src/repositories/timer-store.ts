import { type EntityManager } from 'typeorm';

/** A pending timer whose due time has come. */
export interface DueTimer {
  id: string;
  instanceId: string;
  kind: string;
  key: string;
  dueAt: Date;
}

/** Durable timers of workflow instances (armed by InstanceStore, fired by the worker's sweep). */
export class TimerStore {
  /**
   * Pending timers due at `now`, earliest first, locked with FOR UPDATE SKIP LOCKED so parallel sweeps split
   * the work. Fire them and `markFired` in the same transaction.
   */
  async due(manager: EntityManager, now: Date, limit: number): Promise<DueTimer[]> {
    const rows = await manager.query<{ id: string; instance_id: string; kind: string; key: string; due_at: Date }[]>(
      `SELECT id, instance_id, kind, key, due_at FROM timers
        WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= $1::timestamptz
        ORDER BY due_at, id LIMIT $2::integer FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => ({ id: row.id, instanceId: row.instance_id, kind: row.kind, key: row.key, dueAt: row.due_at }));
  }

  /** Marks timers fired; returns how many were still pending. */
  async markFired(manager: EntityManager, ids: readonly string[], firedAt: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE timers SET fired_at = $2::timestamptz
        WHERE id = ANY($1::bigint[]) AND fired_at IS NULL AND cancelled_at IS NULL`,
      [ids, firedAt],
    );
    return count;
  }

  /** Cancels the instance's pending timer with this key; returns false when there was none. */
  async cancel(manager: EntityManager, instanceId: string, key: string, cancelledAt: Date): Promise<boolean> {
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE timers SET cancelled_at = $3::timestamptz
        WHERE instance_id = $1::uuid AND key = $2::text AND fired_at IS NULL AND cancelled_at IS NULL`,
      [instanceId, key, cancelledAt],
    );
    return count === 1;
  }
}
