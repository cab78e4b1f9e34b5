import { percentHundredths, ratioChangeHundredths } from './arithmetic.js';
import { planVsActual, type PlanActualLine } from './plan-actual.js';
import { sameDayPreviousYear, type IsoDate, type Queryable } from './queryable.js';

/** One funding source of a region: plan, actual, rate, and the region's share of the nationwide actual. */
export interface RegionSourceLine extends PlanActualLine {
  nationwideActualVnd: bigint;
  /** region actual / nationwide actual of the same source, in hundredths of a percent. */
  sharePercent: bigint | null;
}

/** The figures a conference quotes for one region and period (DESIGN.md §5, article-figures.json). */
export interface RegionSummary {
  regionCode: string;
  regionName: string;
  provinceCount: number;
  year: number;
  until: IsoDate;
  sources: RegionSourceLine[];
  /** The sum of the source lines. */
  total: PlanActualLine;
  previous: { year: number; until: IsoDate; planVnd: bigint; actualVnd: bigint; percent: bigint | null };
  /** How much higher (or lower) this period's execution rate is than the same period last year. */
  rateChangePercent: bigint | null;
}

export interface RegionSummaryFilter {
  regionCode: string;
  year: number;
  until?: IsoDate;
}

export async function regionSummary(db: Queryable, filter: RegionSummaryFilter): Promise<RegionSummary> {
  const until = filter.until ?? `${filter.year}-12-31`;
  const [region] = await db.query<{ name: string; provinces: number }[]>(
    `SELECT r.name, (SELECT COUNT(*)::int FROM region_memberships m
                      WHERE m.region_code = r.code AND m.valid_from <= $2::date AND (m.valid_to IS NULL OR m.valid_to >= $2::date)) AS provinces
       FROM regions r WHERE r.code = $1`,
    [filter.regionCode, until],
  );
  if (!region) throw new RangeError(`unknown region ${filter.regionCode}`);
  const own = await planVsActual(db, { year: filter.year, until, groupBy: 'funding_source', regionCode: filter.regionCode });
  const nationwide = await planVsActual(db, { year: filter.year, until, groupBy: 'funding_source' });
  const previousUntil = sameDayPreviousYear(until);
  const previous = await planVsActual(db, { year: filter.year - 1, until: previousUntil, groupBy: 'funding_source', regionCode: filter.regionCode });
  const sources = own.lines.map((line) => {
    const nationwideActualVnd = nationwide.lines.find((candidate) => candidate.key === line.key)?.actualVnd ?? 0n;
    return { ...line, nationwideActualVnd, sharePercent: percentHundredths(line.actualVnd, nationwideActualVnd) };
  });
  return {
    regionCode: filter.regionCode,
    regionName: region.name,
    provinceCount: region.provinces,
    year: filter.year,
    until,
    sources,
    total: own.total,
    previous: {
      year: filter.year - 1,
      until: previousUntil,
      planVnd: previous.total.planVnd,
      actualVnd: previous.total.actualVnd,
      percent: previous.total.percent,
    },
    rateChangePercent: ratioChangeHundredths(own.total.actualVnd, own.total.planVnd, previous.total.actualVnd, previous.total.planVnd),
  };
}
