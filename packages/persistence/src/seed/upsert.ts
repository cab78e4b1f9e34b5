import { type EntityManager } from 'typeorm';

/** A column of a seeded table: its name and the SQL type its parameter is cast to. */
export interface SeedColumn {
  name: string;
  type: string;
}

/** A reference table to seed; names come from code in this package, never from input. */
export interface SeedTable {
  table: string;
  columns: SeedColumn[];
  /** The natural key (the primary key of the table). */
  key: string[];
}

/**
 * What seeding does with a row whose key already exists: `keep` leaves it (an admin may have edited it),
 * `overwrite` replaces it with the shipped values when they differ.
 */
export type SeedMode = 'keep' | 'overwrite';

/** Builds the upsert statement for `rowCount` rows; unchanged rows are not touched, so nothing changes twice. */
export function buildUpsertSql(spec: SeedTable, rowCount: number, mode: SeedMode): string {
  const width = spec.columns.length;
  const values = Array.from({ length: rowCount }, (_, row) => {
    const cells = spec.columns.map((column, index) => `$${row * width + index + 1}::${column.type}`);
    return `(${cells.join(', ')})`;
  });
  const head = `INSERT INTO ${spec.table} AS t (${spec.columns.map((c) => c.name).join(', ')}) VALUES ${values.join(', ')}`;
  const conflict = `ON CONFLICT (${spec.key.join(', ')})`;
  const others = spec.columns.map((c) => c.name).filter((name) => !spec.key.includes(name));
  if (mode === 'keep' || others.length === 0) return `${head} ${conflict} DO NOTHING RETURNING 1`;
  const set = others.map((name) => `${name} = EXCLUDED.${name}`).join(', ');
  const current = others.map((name) => `t.${name}`).join(', ');
  const incoming = others.map((name) => `EXCLUDED.${name}`).join(', ');
  return `${head} ${conflict} DO UPDATE SET ${set} WHERE (${current}) IS DISTINCT FROM (${incoming}) RETURNING 1`;
}

/** Upserts rows (each an array in column order) and returns how many rows were inserted or changed. */
export async function upsertRows(manager: EntityManager, spec: SeedTable, rows: unknown[][], mode: SeedMode): Promise<number> {
  if (rows.length === 0) return 0;
  const changed = await manager.query<unknown[]>(buildUpsertSql(spec, rows.length, mode), rows.flat());
  return changed.length;
}
