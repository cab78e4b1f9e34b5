/** TypeORM's query() answers UPDATE/DELETE … RETURNING with `[rows, affected]` and everything else with rows. */
export function returnedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as T[]) : (result as T[]);
}

/** The one row an INSERT or UPDATE … RETURNING must give back. */
export function required<T>(row: T | undefined): T {
  if (!row) throw new Error('the statement returned no row');
  return row;
}
