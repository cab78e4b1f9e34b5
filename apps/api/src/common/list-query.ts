import { z } from 'zod';

/**
 * The parts every searchable list shares (entries, establishments, certificates, schemes): a search text, a sort
 * column from the list's own whitelist, a direction and a page (limit/offset). The column names are mapped to SQL
 * by the list itself, so a sort value never reaches the SQL text unchecked.
 */
export const searchText = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .optional()
  .describe('Search text (accent-insensitive: "ca phe" finds "Cà phê")');
export const sortOrder = z
  .enum(['asc', 'desc'])
  .optional()
  .describe('Sort direction; each sort column has its natural default');
export const pageOffset = z.coerce.number().int().min(0).max(1_000_000).default(0);
export const unitCode = z.string().regex(/^[a-z0-9-]{2,80}$/, 'unit code: lower-case slug, e.g. gia-lai');
export const yearParam = z.coerce.number().int().min(2000).max(2100);

/** The sort columns of a list, as a zod enum of their names. */
export function sortColumn<const T extends readonly [string, ...string[]]>(columns: T) {
  return z
    .enum(columns)
    .optional()
    .describe(`Sort column: ${columns.join(', ')}`);
}

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

/** The fields every list answer carries about its size. */
export const listTotalShape = {
  total: z.number().int().describe(`Rows matching the filters, counted up to ${COUNT_CAP}`),
  totalCapped: z.boolean().describe(`true when more than ${COUNT_CAP} rows match: \`total\` is then ${COUNT_CAP} and the caller should narrow the filters`),
};

/** SQL counting the rows of `FROM … WHERE …` up to COUNT_CAP + 1 (read with {@link listTotal}). */
export function cappedCountSql(from: string, filter: string): string {
  return `SELECT count(*)::int AS total FROM (SELECT 1 FROM ${from} WHERE ${filter} LIMIT ${COUNT_CAP + 1}) capped`;
}

/** The list's size from a capped count. */
export function listTotal(counted: number | undefined): { total: number; totalCapped: boolean } {
  const total = counted ?? 0;
  return total > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total, totalCapped: false };
}
