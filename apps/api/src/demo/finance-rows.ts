import { type EntityManager } from 'typeorm';
import { DemoStore, type DemoTable } from '@khuyencong/persistence';

const demo = new DemoStore();

/** Inserts rows (all with the same keys) in chunks of multi-row INSERTs; `constants` are added to every row. */
export function insertRows(
  manager: EntityManager,
  table: DemoTable,
  rows: readonly Record<string, unknown>[],
  constants: Record<string, unknown> = {},
): Promise<void> {
  return demo.insertRows(manager, table, rows, constants);
}
