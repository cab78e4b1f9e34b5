import { type DataSource, type EntityManager } from 'typeorm';
import { loadReferenceData, type ReferenceData } from './reference-data.js';
import { seedCalendarDays } from './seed-calendar.js';
import { type SeedMode, type SeedTable, upsertRows } from './upsert.js';

/** Rows inserted or changed per table by one seeding run; all zeros when the database was already seeded. */
export type SeedSummary = Record<string, number>;

export interface SeedOptions {
  /** Default `keep`: rows already present are left alone, so admin edits survive a restart. */
  mode?: SeedMode;
  /** Defaults to the package's data files. */
  data?: ReferenceData;
}

const text = (name: string) => ({ name, type: 'text' });
const date = (name: string) => ({ name, type: 'date' });
const integer = (name: string) => ({ name, type: 'integer' });

const TABLES = {
  units: {
    table: 'administrative_units',
    key: ['code'],
    columns: [text('code'), text('name'), text('level'), text('parent_code'), date('valid_from'), date('valid_to'), text('official_code')],
  },
  successions: {
    table: 'unit_successions',
    key: ['from_code', 'to_code', 'effective_date'],
    columns: [text('from_code'), text('to_code'), date('effective_date')],
  },
  regions: { table: 'regions', key: ['code'], columns: [text('code'), text('name')] },
  memberships: {
    table: 'region_memberships',
    key: ['region_code', 'unit_code', 'valid_from'],
    columns: [text('region_code'), text('unit_code'), date('valid_from'), date('valid_to')],
  },
  fundingSources: { table: 'funding_sources', key: ['code'], columns: [text('code'), text('name'), text('owner')] },
  programmes: { table: 'programmes', key: ['code'], columns: [text('code'), text('basis'), integer('period_start_year'), integer('period_end_year')] },
  contentGroups: {
    table: 'content_groups',
    key: ['programme_code', 'code'],
    columns: [text('programme_code'), text('code'), text('name'), integer('position'), text('carried_from_programme')],
  },
  supportRules: {
    table: 'support_rules',
    key: ['code'],
    columns: [
      text('code'),
      text('basis'),
      text('article'),
      text('funding_source_code'),
      text('province_code'),
      text('activity_code'),
      text('activity_name'),
      { name: 'max_percent', type: 'numeric' },
      { name: 'max_amount', type: 'bigint' },
      text('per'),
      { name: 'conditions', type: 'jsonb' },
      date('valid_from'),
      date('valid_to'),
    ],
  },
  schemeRules: {
    table: 'scheme_rules',
    key: ['code'],
    columns: [
      text('code'),
      text('kind'),
      text('basis'),
      text('article'),
      text('description'),
      text('funding_source_code'),
      text('province_code'),
      { name: 'activity_codes', type: 'text[]' },
      { name: 'max_percent', type: 'numeric' },
      { name: 'progress_above', type: 'numeric' },
      text('deadline_month_day'),
      integer('deadline_year_offset'),
      date('valid_from'),
      date('valid_to'),
    ],
  },
  criteriaSets: { table: 'criteria_sets', key: ['code'], columns: [text('code'), text('name'), text('basis')] },
  criteriaGroups: {
    table: 'criteria_groups',
    key: ['criteria_set_code', 'code'],
    columns: [text('criteria_set_code'), text('code'), text('name'), integer('max_points'), integer('position')],
  },
  productGroups: { table: 'product_groups', key: ['code'], columns: [text('code'), text('name'), integer('position')] },
  calendars: { table: 'calendars', key: ['code'], columns: [text('code'), text('name'), { name: 'weekend_days', type: 'smallint[]' }] },
} satisfies Record<string, SeedTable>;

/**
 * Seeds the reference data (geography, regions, programmes, support caps, criteria, calendars) in one
 * transaction. Idempotent: a second run inserts and changes nothing and reports zeros.
 */
export async function seedReferenceData(dataSource: DataSource, options: SeedOptions = {}): Promise<SeedSummary> {
  const mode = options.mode ?? 'keep';
  const { geography, communes, khuyenCong, calendar } = options.data ?? loadReferenceData();
  const officialCodes = new Map(communes.provinces.map((p) => [p.code, p.officialCode]));
  return dataSource.transaction(async (manager) => {
    const summary: SeedSummary = {};
    const seed = async (spec: SeedTable, rows: unknown[][]) => {
      summary[spec.table] = (summary[spec.table] ?? 0) + (await upsertRows(manager, spec, rows, mode));
    };
    await seed(TABLES.units, [
      ...geography.units.map((u) => [u.code, u.name, u.level, u.parentCode, u.validFrom, u.validTo, officialCodeOf(officialCodes, u.code)]),
      ...communes.communes.map((c) => [c.code, c.name, 'commune', c.provinceCode, communes.validFrom, null, c.code]),
    ]);
    // Provinces seeded before official codes existed get theirs; a code an administrator set is kept.
    summary.administrative_units = (summary.administrative_units ?? 0) + (await fillOfficialCodes(manager, communes.provinces));
    await seed(
      TABLES.successions,
      geography.successions.map((s) => [s.fromCode, s.toCode, s.effectiveDate]),
    );
    await seed(
      TABLES.regions,
      geography.regions.map((r) => [r.code, r.name]),
    );
    await seed(
      TABLES.memberships,
      geography.regionMemberships.map((m) => [m.regionCode, m.unitCode, m.validFrom, m.validTo]),
    );
    await seed(
      TABLES.fundingSources,
      khuyenCong.fundingSources.map((f) => [f.code, f.name, f.owner]),
    );
    await seed(
      TABLES.programmes,
      khuyenCong.programmes.map((p) => [p.code, p.basis, p.periodStartYear, p.periodEndYear]),
    );
    await seed(TABLES.contentGroups, contentGroupRows(khuyenCong));
    await seed(
      TABLES.supportRules,
      khuyenCong.supportRules.map((r) => [
        r.code,
        r.basis,
        r.article,
        r.fundingSourceCode,
        r.provinceCode,
        r.activityCode,
        r.activityName,
        r.maxPercent,
        r.maxAmount,
        r.per,
        JSON.stringify(r.conditions),
        r.validFrom,
        r.validTo,
      ]),
    );
    await seed(
      TABLES.schemeRules,
      khuyenCong.schemeRules.map((r) => [
        r.code,
        r.kind,
        r.basis,
        r.article,
        r.description,
        r.fundingSourceCode,
        r.provinceCode,
        r.activityCodes,
        r.maxPercent,
        r.progressAbove,
        r.deadlineMonthDay,
        r.deadlineYearOffset,
        r.validFrom,
        r.validTo,
      ]),
    );
    await seed(
      TABLES.criteriaSets,
      khuyenCong.criteriaSets.map((s) => [s.code, s.name, s.basis]),
    );
    await seed(
      TABLES.criteriaGroups,
      khuyenCong.criteriaSets.flatMap((s) => s.groups.map((g) => [s.code, g.code, g.name, g.maxPoints, g.position])),
    );
    await seed(
      TABLES.productGroups,
      khuyenCong.productGroups.map((g) => [g.code, g.name, g.position]),
    );
    await seed(
      TABLES.calendars,
      calendar.calendars.map((c) => [c.code, c.name, c.weekendDays]),
    );
    // The days follow the file for the rows it owns and never touch an administrator's edits (seed-calendar.ts).
    summary.calendar_days = await seedCalendarDays(manager, calendar, mode);
    return summary;
  });
}

function officialCodeOf(codes: Map<string, string>, unitCode: string): string | null {
  return codes.get(unitCode) ?? null;
}

async function fillOfficialCodes(manager: EntityManager, provinces: { code: string; officialCode: string }[]): Promise<number> {
  const [row] = await manager.query<{ n: number }[]>(
    `WITH changed AS (
       UPDATE administrative_units u SET official_code = p.official_code
         FROM unnest($1::text[], $2::text[]) AS p(code, official_code)
        WHERE u.code = p.code AND u.official_code IS NULL RETURNING 1
     ) SELECT count(*)::int AS n FROM changed`,
    [provinces.map((p) => p.code), provinces.map((p) => p.officialCode)],
  );
  return row?.n ?? 0;
}

/** Content groups per programme; a programme without its own list carries over the one it names (marked as such). */
function contentGroupRows(data: ReferenceData['khuyenCong']): unknown[][] {
  return data.programmes.flatMap((p) => {
    const from = p.contentGroups.length === 0 && p.contentGroupsFrom ? data.programmes.find((other) => other.code === p.contentGroupsFrom) : undefined;
    const groups = from ? from.contentGroups : p.contentGroups;
    return groups.map((g) => [p.code, g.code, g.name, g.position, from ? from.code : null]);
  });
}
