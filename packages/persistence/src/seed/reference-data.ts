import { readFileSync } from 'node:fs';

/** data/geography.json: provinces before and after the 2025 reform, successions and dated region membership. */
export interface GeographyData {
  regions: { code: string; name: string }[];
  units: { code: string; name: string; level: string; parentCode: string | null; validFrom: string; validTo: string | null }[];
  successions: { fromCode: string; toCode: string; effectiveDate: string }[];
  regionMemberships: { regionCode: string; unitCode: string; validFrom: string; validTo: string | null }[];
}

/** data/communes-2026.json: official codes of the post-reform provinces and their communes (source and licence inside). */
export interface CommunesData {
  validFrom: string;
  provinces: { code: string; officialCode: string; name: string }[];
  communes: { code: string; name: string; provinceCode: string }[];
}

/** data/khuyencong.json: funding sources, programmes, support caps, criteria sets and product groups. */
export interface KhuyenCongData {
  fundingSources: { code: string; name: string; owner: string }[];
  programmes: {
    code: string;
    basis: string;
    periodStartYear: number;
    periodEndYear: number;
    contentGroups: { code: string; name: string; position: number }[];
    /** The programme whose content groups this one reuses while its own list is not published (carried over). */
    contentGroupsFrom?: string;
  }[];
  supportRules: {
    code: string;
    basis: string;
    /** The article of `basis` that sets the cap; null while not verified. */
    article: string | null;
    fundingSourceCode: string;
    provinceCode: string | null;
    activityCode: string;
    activityName: string;
    maxPercent: number | null;
    maxAmount: number | null;
    per: string | null;
    conditions: Record<string, unknown>;
    validFrom: string;
    validTo: string | null;
  }[];
  /** Advance rules and the registration deadline, dated and cited like the caps. */
  schemeRules: {
    code: string;
    kind: 'advance' | 'registration_deadline';
    basis: string;
    article: string | null;
    description: string;
    fundingSourceCode: string | null;
    provinceCode: string | null;
    activityCodes: string[];
    maxPercent: number | null;
    progressAbove: number | null;
    deadlineMonthDay: string | null;
    deadlineYearOffset: number | null;
    validFrom: string;
    validTo: string | null;
  }[];
  criteriaSets: { code: string; name: string; basis: string; groups: { code: string; name: string; maxPoints: number; position: number }[] }[];
  productGroups: { code: string; name: string; position: number }[];
}

/** data/calendar.json: working-day calendars with their holidays and make-up working days. */
export interface CalendarData {
  /** `projected`: inferred from the law's rule, not yet announced; the administrator confirms it. */
  calendars: { code: string; name: string; weekendDays: number[]; days: { date: string; kind: string; name: string; projected?: boolean }[] }[];
}

/** All reference data shipped with the package. */
export interface ReferenceData {
  geography: GeographyData;
  communes: CommunesData;
  khuyenCong: KhuyenCongData;
  calendar: CalendarData;
}

// data/ sits beside src/ and dist/, so the same relative URL works from source (tests) and from the build.
const dataDirectory = new URL('../../data/', import.meta.url);

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, dataDirectory), 'utf8')) as T;
}

/** Reads the package's own reference data files (never /work/shared). */
export function loadReferenceData(): ReferenceData {
  return {
    geography: readJson<GeographyData>('geography.json'),
    communes: readJson<CommunesData>('communes-2026.json'),
    khuyenCong: readJson<KhuyenCongData>('khuyencong.json'),
    calendar: readJson<CalendarData>('calendar.json'),
  };
}
