import { createHash } from 'node:crypto';
import { QueryFailedError, type EntityManager } from 'typeorm';

/**
 * `($1::uuid, $2::text), ($3::uuid, $4::text)` for `rowCount` rows of the given column types, numbering
 * parameters from `offset + 1`. Callers pass the row values flattened in the same order.
 */
export function valuesList(types: readonly string[], rowCount: number, offset = 0): string {
  const rows = Array.from({ length: rowCount }, (_, row) => {
    const cells = types.map((type, column) => `$${offset + row * types.length + column + 1}::${type}`);
    return `(${cells.join(', ')})`;
  });
  return rows.join(', ');
}

/** What TypeORM's PostgreSQL query runner holds: the pool client of its connection (not in its public types). */
interface PgClientHolder {
  isReleased: boolean;
  databaseConnection?: { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }> };
}

/**
 * Runs a hot statement as a named prepared statement on the transaction's connection, so PostgreSQL parses
 * and plans it once per connection instead of on every call (a command's one big data-modifying statement
 * costs more to plan than to run). The name is derived from the text, so each distinct text is prepared once.
 * Outside a transaction (no query runner) it falls back to a plain query. Errors keep TypeORM's shape
 * (QueryFailedError with the driver's error), as every other query.
 */
const statementNames = new Map<string, string>();
let namedStatements = true;

/**
 * Off behind a pooler in transaction mode (DATABASE_TRANSACTION_POOLER): node-pg remembers which names it
 * prepared on its connection, but PgBouncer hands each transaction any server connection, where the name is
 * unknown (or taken by another client's). Then preparedQuery sends unnamed statements, as every other query does.
 */
export function setNamedStatements(enabled: boolean): void {
  namedStatements = enabled;
}

export async function preparedQuery<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner as unknown as PgClientHolder | undefined;
  const client = runner && !runner.isReleased ? runner.databaseConnection : undefined;
  if (!client || !namedStatements) return manager.query<T[]>(text, values);
  try {
    let name = statementNames.get(text);
    if (name === undefined) {
      name = `kc_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
      statementNames.set(text, name);
    }
    const result = await client.query({ name, text, values });
    return result.rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
