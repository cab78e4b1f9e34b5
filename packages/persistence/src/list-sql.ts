/**
 * The ORDER BY of a list: the column's SQL (a whitelist keyed by the validated name), its direction (the column's
 * default when none is asked), then a unique tie-breaker so pages never overlap or skip rows.
 */
export function orderBy<K extends string>(
  columns: Record<K, { sql: string; order: 'asc' | 'desc'; nulls?: 'last' }>,
  sort: K,
  order: 'asc' | 'desc' | undefined,
  tieBreaker: string,
): string {
  const column = columns[sort];
  const direction = order ?? column.order;
  // Missing values (no deadline, no allocation) come last either way.
  return `ORDER BY ${column.sql} ${direction.toUpperCase()}${column.nulls ? ' NULLS LAST' : ''}, ${tieBreaker}`;
}

/**
 * Lists count their matches up to this many and then say "more than" (`totalCapped`): an exact count of 100,000
 * visible rows (or of 12,000 search hits) costs more than the page itself, and nobody pages past a thousand rows —
 * they filter. Counting stops after COUNT_CAP + 1 rows, so a count costs at most that much.
 */
export const COUNT_CAP = 1000;

/** SQL counting the rows of `FROM … WHERE …` up to COUNT_CAP + 1 (read with the API's `listTotal`). */
export function cappedCountSql(from: string, filter: string): string {
  return `SELECT count(*)::int AS total FROM (SELECT 1 FROM ${from} WHERE ${filter} LIMIT ${COUNT_CAP + 1}) capped`;
}
