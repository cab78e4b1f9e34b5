import { type EntityManager } from 'typeorm';

/** A processor's receipt for one effect. */
export interface EffectReceipt {
  outboxId: string;
  processor: string;
  result: unknown;
  processedAt: Date;
}

/** Receipts that make effect processing idempotent under at-least-once delivery. */
export class ReceiptStore {
  /**
   * Records that `processor` handled outbox row `outboxId`. Returns false when a receipt already existed: the
   * effect was handled before, so the caller must not apply it again (roll back its transaction or skip).
   */
  async record(manager: EntityManager, outboxId: string, processor: string, result: unknown = {}): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO effect_receipts (outbox_id, processor, result) VALUES ($1::bigint, $2::text, $3::jsonb)
       ON CONFLICT ON CONSTRAINT pk_effect_receipts DO NOTHING RETURNING 1`,
      [outboxId, processor, JSON.stringify(result)],
    );
    return rows.length === 1;
  }

  /** The receipt, if the processor already handled the effect. */
  async find(manager: EntityManager, outboxId: string, processor: string): Promise<EffectReceipt | null> {
    const rows = await manager.query<{ outbox_id: string; processor: string; result: unknown; processed_at: Date }[]>(
      'SELECT outbox_id, processor, result, processed_at FROM effect_receipts WHERE outbox_id = $1::bigint AND processor = $2::text',
      [outboxId, processor],
    );
    const row = rows[0];
    return row === undefined ? null : { outboxId: row.outbox_id, processor: row.processor, result: row.result, processedAt: row.processed_at };
  }
}
