import { COUNT_CAP } from '@khuyencong/persistence';
import { z } from 'zod';

/**
 * The parts every searchable list shares (entries, establishments, certificates, schemes): a search text, a sort
 * column from the list's own whitelist, a direction and a page (limit/offset). The column names are mapped to SQL
 * by the list itself, so a sort value never reaches the SQL text unchecked.
 */
export const searchText = z.string().trim().min(1).max(100).optional().describe('Search text (accent-insensitive: "ca phe" finds "Cà phê")');
export const sortOrder = z.enum(['asc', 'desc']).optional().describe('Sort direction; each sort column has its natural default');
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

/** The fields every list answer carries about its size. */
export const listTotalShape = {
  total: z.number().int().describe(`Rows matching the filters, counted up to ${COUNT_CAP}`),
  totalCapped: z.boolean().describe(`true when more than ${COUNT_CAP} rows match: \`total\` is then ${COUNT_CAP} and the caller should narrow the filters`),
};

/** The list's size from a capped count. */
export function listTotal(counted: number | undefined): { total: number; totalCapped: boolean } {
  const total = counted ?? 0;
  return total > COUNT_CAP ? { total: COUNT_CAP, totalCapped: true } : { total, totalCapped: false };
}
