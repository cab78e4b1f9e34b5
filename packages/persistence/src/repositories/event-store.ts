import { type EntityManager } from 'typeorm';
import { type ChainLink, type ChainVerification, verifyLinks } from '../hash-chain.js';
import { type NewEvent, type StoredEvent } from './types.js';

interface EventRow {
  id: string;
  instance_id: string;
  seq: number;
  type: string;
  actor_user_id: string | null;
  data: unknown;
  occurred_at: Date;
  prev_hash: string;
  hash: string;
}

const EVENT_COLUMNS = 'id, instance_id, seq, type, actor_user_id, data, occurred_at, prev_hash, hash';

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    instanceId: row.instance_id,
    seq: row.seq,
    type: row.type,
    actorUserId: row.actor_user_id,
    data: row.data,
    occurredAt: row.occurred_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The append-only, hash-chained event log of workflow instances. The database assigns seq and the hashes and
 * refuses UPDATE, DELETE and TRUNCATE; this store appends, reads and verifies.
 */
export class EventStore {
  /**
   * Appends events in order, one statement each so the chain trigger sees its predecessor. Call it in the
   * transaction that updated the instance: the row lock on the instance keeps appends of one instance serial.
   */
  async append(manager: EntityManager, instanceId: string, events: readonly NewEvent[]): Promise<StoredEvent[]> {
    const stored: StoredEvent[] = [];
    for (const event of events) {
      const rows = await manager.query<EventRow[]>(
        `INSERT INTO workflow_events (instance_id, type, actor_user_id, data, occurred_at)
         VALUES ($1::uuid, $2::text, $3::uuid, $4::jsonb, coalesce($5::timestamptz, now()))
         RETURNING ${EVENT_COLUMNS}`,
        [instanceId, event.type, event.actorUserId ?? null, JSON.stringify(event.data ?? {}), event.occurredAt ?? null],
      );
      const row = rows[0];
      if (row === undefined) throw new Error('INSERT ... RETURNING returned no row');
      stored.push(toStoredEvent(row));
    }
    return stored;
  }

  /** The instance's events, oldest first. */
  async history(manager: EntityManager, instanceId: string): Promise<StoredEvent[]> {
    const rows = await manager.query<EventRow[]>(`SELECT ${EVENT_COLUMNS} FROM workflow_events WHERE instance_id = $1::uuid ORDER BY seq`, [instanceId]);
    return rows.map(toStoredEvent);
  }

  /**
   * Recomputes every event's hash from the stored row and checks the links; reports the first broken seq.
   * An instance without events verifies as `{ ok: true, count: 0 }`.
   */
  async verifyChain(manager: EntityManager, instanceId: string): Promise<ChainVerification> {
    const rows = await manager.query<{ seq: number; prev_hash: string; hash: string; recomputed: string }[]>(
      `SELECT seq, prev_hash, hash,
              kc_workflow_event_hash(prev_hash, instance_id, seq, type, actor_user_id, data, occurred_at) AS recomputed
         FROM workflow_events WHERE instance_id = $1::uuid ORDER BY seq`,
      [instanceId],
    );
    const links: ChainLink[] = rows.map((row) => ({
      seq: row.seq,
      prevHash: row.prev_hash,
      hash: row.hash,
      recomputedHash: row.recomputed,
    }));
    return verifyLinks(links);
  }
}
