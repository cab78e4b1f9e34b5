import { type EntityManager } from 'typeorm';
import { SchemeStore, type SchemeRow } from '@khuyencong/persistence';
import { type SchemeView } from './dto.js';

const schemeStore = new SchemeStore();

// The row lives with its query in the persistence package; scheme-rules.ts reads it from here.
export { type SchemeRow } from '@khuyencong/persistence';

export function summaryView(row: SchemeRow) {
  return {
    id: row.id,
    instanceId: row.instance_id,
    version: row.version,
    revision: row.revision,
    code: row.code,
    title: row.title,
    implementingUnit: row.implementing_unit,
    implementingUnitId: row.implementing_unit_id,
    programmeCode: row.programme_code,
    contentGroupCode: row.content_group_code,
    subActivity: row.sub_activity,
    fundingSource: row.funding_source_code,
    year: row.year,
    provinceCode: row.province_code,
    regionCode: row.region_code,
    location: row.location,
    stage: row.stage,
    requestedAmount: Number(row.requested_amount),
    allocatedAmount: row.allocated_amount === null ? null : Number(row.allocated_amount),
    disbursedAmount: Number(row.disbursed_amount),
    progressPercent: row.progress_percent,
    contractNumber: row.contract_number,
    endsOn: row.ends_on,
  };
}

/** The full view: the scheme with its beneficiaries, lines, money movements, changes, acceptances and settlement. */
export async function detailView(manager: EntityManager, row: SchemeRow): Promise<SchemeView> {
  return { ...summaryView(row), ...(await schemeStore.detailParts(manager, row.id)) };
}
