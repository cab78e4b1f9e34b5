/** Anything that runs parameterised SQL: a TypeORM DataSource or EntityManager, a pg client. */
export interface Queryable {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** Funding sources the reports know: national and local khuyến công funds. */
export const FUNDING_SOURCES = ['NATIONAL', 'LOCAL'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** An ISO calendar date (YYYY-MM-DD). */
export type IsoDate = string;

/** The same calendar day one year earlier (29 Feb → 28 Feb). */
export function sameDayPreviousYear(date: IsoDate): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year - 1, month, 0)).getUTCDate();
  return `${year - 1}-${String(month).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}
