import { type EntityManager } from 'typeorm';

/** Inserts rows (all with the same keys) in chunks of multi-row INSERTs; `constants` are added to every row. */
export async function insertRows(manager: EntityManager, table: string, rows: readonly Record<string, unknown>[], constants: Record<string, unknown> = {}): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...Object.keys(rows[0]!), ...Object.keys(constants)];
  const chunk = Math.max(1, Math.floor(30_000 / columns.length));
  for (let start = 0; start < rows.length; start += chunk) {
    const params: unknown[] = [];
    const values = rows.slice(start, start + chunk).map((row) => {
      const full: Record<string, unknown> = { ...row, ...constants };
      return `(${columns.map((column) => `$${params.push(full[column] ?? null)}`).join(', ')})`;
    });
    await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, params);
  }
}
