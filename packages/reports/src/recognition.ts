import { type Queryable } from './queryable.js';

export interface RecognitionFilter {
  year?: number;
  level?: string;
  regionCode?: string;
}

/** Recognised products (or product sets) and the distinct establishments behind them, per round. */
export interface RecognitionLine {
  roundId: string;
  level: string;
  year: number;
  regionCode: string | null;
  products: number;
  establishments: number;
}

/** Entries of the `product-selection` workflow that reached the `recognised` stage, grouped by round. */
export async function recognisedPerRound(db: Queryable, filter: RecognitionFilter): Promise<RecognitionLine[]> {
  const params: unknown[] = [];
  const where = [`i.definition_code = 'product-selection'`, `i.stage = 'recognised'`, 'i.round_id IS NOT NULL'];
  if (filter.year !== undefined) {
    params.push(filter.year);
    where.push(`i.year = $${params.length}`);
  }
  if (filter.level) {
    params.push(filter.level);
    where.push(`i.level = $${params.length}`);
  }
  if (filter.regionCode) {
    params.push(filter.regionCode);
    where.push(`i.region_code = $${params.length}`);
  }
  const rows = await db.query<{ round_id: string; level: string; year: number; region_code: string | null; products: number; establishments: number }[]>(
    `SELECT i.round_id::text AS round_id, i.level, i.year,
            CASE WHEN COUNT(DISTINCT i.region_code) = 1 THEN MIN(i.region_code) END AS region_code,
            COUNT(*)::int AS products, COUNT(DISTINCT i.establishment_id)::int AS establishments
       FROM workflow_instances i
      WHERE ${where.join(' AND ')}
      GROUP BY i.round_id, i.level, i.year
      ORDER BY i.year, i.level, i.round_id`,
    params,
  );
  return rows.map((row) => ({
    roundId: row.round_id,
    level: row.level,
    year: row.year,
    regionCode: row.region_code,
    products: row.products,
    establishments: row.establishments,
  }));
}
