import { ForbiddenException } from '@nestjs/common';
import { type ReportWithin } from '@khuyencong/reports';
import { type Role } from '../common/access.js';
import { type Actor } from '../common/actor.js';
import { coveredUnits, grantsOf } from '../selection/shared/scope.js';

/** The roles that read reports (the routes' roles); only their grants give a report its scope. */
export const REPORT_READERS: readonly Role[] = ['provincial_officer', 'central_officer', 'signer', 'admin'];

/**
 * What a caller's reports may show (docs/report-access.md): everything for a national grant of a reading role,
 * otherwise the provinces (with those they succeeded) and regions of its province and region grants (commune or establishment grants give
 * no report scope: a province-level figure would show more than their records do).
 */
export type ReportScope = { national: true } | { national: false; within: ReportWithin };

export function reportScope(actor: Actor): ReportScope {
  const grants = grantsOf(actor, REPORT_READERS);
  if (grants.some((grant) => grant.scopeType === 'national')) return { national: true };
  // A province grant reads the figures of the provinces it succeeded too (today's Gia Lai: old Gia Lai, Bình Định).
  const codes = (type: 'province' | 'region') => [...new Set(grants.filter((grant) => grant.scopeType === type).flatMap((grant) => coveredUnits(grant)))];
  return { national: false, within: { provinceCodes: codes('province'), regionCodes: codes('region') } };
}

export const outOfScope = (what: string) =>
  new ForbiddenException({
    statusCode: 403,
    code: 'OUT_OF_SCOPE',
    message: `Ngoài phạm vi được giao: ${what} / Outside your scope: ${what}`,
  });

interface ScopedQuery {
  regionCode?: string | undefined;
  provinceCode?: string | undefined;
}

/**
 * A report over provinces (plan-vs-actual, consulting, recognition): a province asked for must be the caller's
 * (or in one of its regions: 403 otherwise, checked against the province's region by `regionOfProvince`); a
 * region asked for that is not the caller's is filtered to the caller's provinces; no filter → the caller's
 * provinces and regions. Returns the restriction to add to the query (undefined: none).
 */
export async function restrictToScope(
  actor: Actor,
  query: ScopedQuery,
  regionOfProvince: (provinceCode: string) => Promise<string | null>,
): Promise<ReportWithin | undefined> {
  const scope = reportScope(actor);
  if (scope.national) return undefined;
  const { provinceCodes, regionCodes } = scope.within;
  if (query.provinceCode && !provinceCodes.includes(query.provinceCode)) {
    const region = regionCodes.length > 0 ? await regionOfProvince(query.provinceCode) : null;
    if (region === null || !regionCodes.includes(region)) throw outOfScope(`tỉnh ${query.provinceCode} / province ${query.provinceCode}`);
  }
  return scope.within;
}

/** A regional report (region summary, reconciliation): only for a national grant or a grant of that region. */
export function requireRegion(actor: Actor, regionCode: string): void {
  const scope = reportScope(actor);
  if (!scope.national && !scope.within.regionCodes.includes(regionCode)) throw outOfScope(`khu vực ${regionCode} / region ${regionCode}`);
}
