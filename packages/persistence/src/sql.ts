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
 * Runs a hot statement so that PostgreSQL parses and plans it once per connection instead of on every call (a
 * command's one big data-modifying statement costs more to plan than to run). `returns` lists the statement's
 * result columns with their types (`id uuid, version integer`); omit it for a statement that returns nothing.
 *
 * - Directly on PostgreSQL: a named prepared statement on the transaction's connection, the name derived from the
 *   text, so each distinct text is prepared once per connection.
 * - Behind a pooler in transaction mode (setNamedStatements(false)): node-pg remembers which names it prepared on
 *   its connection, but PgBouncer hands each transaction any server connection, where the name is unknown (or
 *   taken by another client's). There the statement becomes the body of a PL/pgSQL function, named by its text
 *   and created on first use, and the call is a one-line SELECT of it: PL/pgSQL caches the body's plan in each
 *   server session, so the pooled connections keep their plans as direct ones do.
 *
 * Outside a transaction (no query runner) it runs as a plain query. Errors keep TypeORM's shape
 * (QueryFailedError with the driver's error), as every other query.
 */
const statementNames = new Map<string, string>();
let namedStatements = true;

/** Off behind a pooler in transaction mode (DATABASE_TRANSACTION_POOLER): hot statements run as functions. */
export function setNamedStatements(enabled: boolean): void {
  namedStatements = enabled;
}

export async function preparedQuery<T>(manager: EntityManager, text: string, values: unknown[], returns?: string): Promise<T[]> {
  const runner = manager.queryRunner as unknown as PgClientHolder | undefined;
  const client = runner && !runner.isReleased ? runner.databaseConnection : undefined;
  if (!client) return manager.query<T[]>(text, values);
  if (!namedStatements) return statementFunctions.call<T>(manager, text, values, returns);
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

/** A hot statement as a PL/pgSQL function: its name, the call and the definition. */
interface StatementFunction {
  name: string;
  call: string;
  definition: string;
}

/**
 * The functions that stand for hot statements behind a pooler. One is created, under a transaction-scoped advisory
 * lock (the only kind a pooler in transaction mode keeps), by the first transaction that needs it; a process trusts
 * that a function exists once it has found it there without creating it, so a creation rolled back with its
 * command is made again by the next one.
 */
class StatementFunctions {
  private readonly functions = new Map<string, StatementFunction>();
  private readonly found = new Set<string>();
  /** What each transaction created itself: not yet committed, so not yet to be trusted by the others. */
  private readonly created = new WeakMap<object, Set<string>>();

  async call<T>(manager: EntityManager, text: string, values: unknown[], returns: string | undefined): Promise<T[]> {
    const fn = this.describe(text, values.length, returns);
    if (!this.found.has(fn.name)) await this.ensure(manager, fn);
    try {
      return await manager.query<T[]>(fn.call, values);
    } catch (error) {
      // Gone (dropped by hand, or a database restored without it): look again on the next call.
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNDEFINED_FUNCTION) this.found.delete(fn.name);
      throw error;
    }
  }

  private async ensure(manager: EntityManager, fn: StatementFunction): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1::text))', [fn.name]);
    const present = await manager.query<unknown[]>('SELECT 1 FROM pg_proc WHERE proname = $1::text', [fn.name]);
    const transaction = manager.queryRunner ?? manager;
    const createdHere = this.created.get(transaction) ?? new Set<string>();
    if (present.length === 0) {
      await manager.query(fn.definition);
      this.created.set(transaction, createdHere.add(fn.name));
    } else if (!createdHere.has(fn.name)) this.found.add(fn.name);
  }

  private describe(text: string, parameterCount: number, returns: string | undefined): StatementFunction {
    const key = `${returns ?? ''}\n${text}`;
    const known = this.functions.get(key);
    if (known) return known;
    const types = parameterTypes(text, parameterCount);
    const name = `kc_s_${createHash('sha1').update(key).digest('hex').slice(0, 24)}`;
    const args = types.map((type, index) => `$${index + 1}::${type}`).join(', ');
    // The result columns are OUT parameters of the function: names in the body mean the tables' columns.
    const body = returns ? `#variable_conflict use_column\nBEGIN\nRETURN QUERY ${text};\nEND` : `BEGIN\n${text};\nEND`;
    const fn: StatementFunction = {
      name,
      call: returns ? `SELECT * FROM ${name}(${args})` : `SELECT ${name}(${args})`,
      definition: `CREATE FUNCTION ${name}(${types.join(', ')}) RETURNS ${returns ? `TABLE (${returns})` : 'void'} LANGUAGE plpgsql AS $kc_body$\n${body}\n$kc_body$`,
    };
    this.functions.set(key, fn);
    return fn;
  }
}

const UNDEFINED_FUNCTION = '42883';
const statementFunctions = new StatementFunctions();

/** The type of each parameter $1…$n, from the casts the statement writes on them (`$3::jsonb`); each must have one. */
export function parameterTypes(text: string, parameterCount: number): string[] {
  const types = new Array<string | undefined>(parameterCount).fill(undefined);
  for (const match of text.matchAll(/\$(\d+)::([a-z_]+(?:\[\])?)/g)) {
    const index = Number(match[1]) - 1;
    const type = match[2]!;
    if (index >= parameterCount) throw new Error(`hot statement: $${index + 1} beyond its ${parameterCount} values`);
    if (types[index] !== undefined && types[index] !== type) throw new Error(`hot statement: $${index + 1} cast both to ${types[index]} and ${type}`);
    types[index] = type;
  }
  return types.map((type, index) => {
    if (type === undefined) throw new Error(`hot statement: $${index + 1} has no cast to give its function a parameter type`);
    return type;
  });
}
