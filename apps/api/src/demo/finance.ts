import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import { DemoStore, loadReferenceData } from '@khuyencong/persistence';
import { SUB_ACTIVITIES, ADVANCE_RULES } from '../schemes/activities.js';
import { CENTRAL_HIGHLANDS, CONSULTING, INCREASED_SUPPORT, OTHER_REGIONS, REGION, STRONG_LOCAL, type RegionYearTargets } from './finance-figures.js';
import { splitByWeights, splitTargets } from './finance-split.js';
import { insertRows } from './finance-rows.js';

type Row = Record<string, unknown>;

interface Collected {
  schemes: Row[];
  lines: Row[];
  beneficiaries: Row[];
  disbursements: Row[];
  settlements: Row[];
  plans: Row[];
  planVersions: Row[];
}

/** Three schemes per province, source and year: demonstration models get the largest share, then capacity building. */
const SCHEME_SHARES = [45, 20, 35];
const OTHER_GROUPS = ['CG2', 'CG3', 'CG4', 'CG5', 'CG6'];
/** Province names and official-looking short codes from the reference data: a demo record names no slug. */
let provinces: Map<string, { name: string; position: number }> | null = null;
function provinceOf(code: string): { name: string; position: number } {
  provinces ??= new Map(loadReferenceData().geography.units.map((unit, position) => [unit.code, { name: unit.name, position: position + 1 }]));
  return provinces.get(code) ?? { name: code, position: 0 };
}
const provinceName = (code: string) => provinceOf(code).name;
/** "Đắk Lắk" → "DL", "Thừa Thiên Huế" → "TTH": the initials scheme codes carry instead of the slug. */
function provinceInitials(code: string): string {
  return provinceName(code)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/Đ/g, 'D')
    .split(/\s+/)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}

const activityOf = (group: string) => SUB_ACTIVITIES.find((candidate) => candidate.contentGroup === group && candidate.code !== 'CLEANER_PRODUCTION_PILOT')!;

function provinceWeights(provinces: readonly string[], source: 'NATIONAL' | 'LOCAL', year: number): number[] {
  return provinces.map((code) => {
    if (source === 'LOCAL' && STRONG_LOCAL.includes(code)) return 30;
    if (year === 2022 && INCREASED_SUPPORT.includes(code)) return 20;
    return 10;
  });
}

function addSchemes(
  out: Collected,
  region: string,
  province: string,
  provinceIndex: number,
  source: 'NATIONAL' | 'LOCAL',
  year: number,
  target: { plan: number; actual: number; byJuly: number },
) {
  const groups = ['CG1', 'CG7', OTHER_GROUPS[provinceIndex % OTHER_GROUPS.length]!];
  const parts = splitTargets(target.plan, target.actual, target.byJuly, SCHEME_SHARES);
  parts.forEach((part, index) => {
    const id = randomUUID();
    const activity = activityOf(groups[index]!);
    out.schemes.push({
      id,
      code: `DEMO-${year}-${source === 'NATIONAL' ? 'QG' : 'DP'}-${provinceInitials(province)}${String(provinceOf(province).position).padStart(2, '0')}-${index + 1}`,
      title: `${activity.name} (${year})`,
      implementing_unit: `Trung tâm Khuyến công ${provinceName(province)}`,
      content_group_code: activity.contentGroup,
      sub_activity: activity.code,
      funding_source_code: source,
      year,
      province_code: province,
      region_code: region,
      location: provinceName(province),
      requested_amount: part.plan,
      allocated_amount: part.plan,
      progress_percent: year === 2021 ? 100 : 60,
      stage: year === 2021 ? 'closed' : 'in_progress',
    });
    // One budget line per model of at most 900 million support; a demonstration model is at most 30 % of its cost.
    const lineCount = Math.max(1, Math.ceil(part.plan / 900_000_000));
    splitByWeights(
      part.plan,
      Array.from({ length: lineCount }, () => 1),
    ).forEach((support, position) => {
      const capped = activity.code === 'DEMONSTRATION_MODEL' && source === 'NATIONAL';
      const cost = capped ? Math.ceil((support * 100) / 30) : support * 2;
      out.lines.push({
        scheme_id: id,
        position: position + 1,
        activity_code: activity.code,
        description: activity.name,
        eligible_cost: cost,
        support_amount: support,
        rule_code: capped ? 'TT28-2018-NATIONAL-DEMONSTRATION_MODEL' : null,
      });
      out.beneficiaries.push({
        scheme_id: id,
        name: `Cơ sở công nghiệp nông thôn ${province} ${index + 1}.${position + 1}`,
        support_amount: support,
        co_funding_amount: cost - support,
      });
    });
    const advanceCap = Math.floor((part.plan * ADVANCE_RULES[activity.advance].maxPercent) / 100);
    if (part.byJuly > 0) {
      const kind = activity.advance === 'soft' && part.byJuly <= advanceCap ? 'advance' : 'payment';
      out.disbursements.push({ scheme_id: id, kind, amount: part.byJuly, paid_on: `${year}-04-15`, period: `${year}-04` });
    }
    const rest = part.actual - part.byJuly;
    if (rest > 0) {
      const kind = year === 2021 ? 'settlement' : 'payment';
      const paidOn = year === 2021 ? '2021-11-20' : '2022-10-15';
      out.disbursements.push({ scheme_id: id, kind, amount: rest, paid_on: paidOn, period: paidOn.slice(0, 7) });
    }
    if (year === 2021) {
      out.settlements.push({
        scheme_id: id,
        settled_amount: part.actual,
        settled_on: '2021-12-15',
        recorded_against: source === 'NATIONAL' ? 'ministry' : 'province',
        budget_code: '280-309',
      });
    }
  });
}

function addPlan(out: Collected, province: string | null, source: string, year: number, amount: number) {
  const id = randomUUID();
  out.plans.push({ id, province_code: province, funding_source_code: source, year, current_version: 1 });
  out.planVersions.push({
    plan_id: id,
    version: 1,
    amount,
    kind: 'derived',
    reason: 'Tổng kinh phí được phân bổ của các đề án / sum of the schemes’ allocations',
  });
}

/**
 * Demo finance data for all 63 pre-2025 provinces: schemes of 2021 (settled) and 2022 (in progress) with budget
 * lines, beneficiaries, disbursements and settlements, annual plans derived from the allocations, and consulting
 * engagements (the 2022 regional recognition round is the selection demo's). Region totals come from
 * finance-figures.ts, where the derivation is written down. Imported as
 * history (no workflow instance). Does nothing when demo schemes exist already. Returns the schemes created.
 */
export async function seedFinanceDemo(manager: EntityManager): Promise<number> {
  const store = new DemoStore();
  if ((await store.countDemoSchemes(manager)) > 0) return 0;
  const memberships = await store.membershipsOf2021And2022(manager);
  const own = memberships.filter((row) => row.region_code === REGION);
  const others = memberships.filter((row) => row.region_code !== REGION);
  const out: Collected = { schemes: [], lines: [], beneficiaries: [], disbursements: [], settlements: [], plans: [], planVersions: [] };
  for (const year of [2021, 2022] as const) {
    for (const [rows, targets] of [
      [own, CENTRAL_HIGHLANDS[year]],
      [others, OTHER_REGIONS[year]],
    ] as const) {
      for (const source of ['NATIONAL', 'LOCAL'] as const) {
        const provinces = rows.map((row) => row.unit_code);
        const t: RegionYearTargets = targets;
        const [plan, actual, byJuly] =
          source === 'NATIONAL' ? [t.nationalPlan, t.nationalActual, t.nationalByJuly] : [t.localPlan, t.localActual, t.localByJuly];
        const weights = provinceWeights(provinces, source, year);
        const parts = splitTargets(plan, actual, byJuly, weights);
        rows.forEach((row, index) => {
          addSchemes(out, row.region_code, row.unit_code, index, source, year, parts[index]!);
          addPlan(out, row.unit_code, source, year, parts[index]!.plan);
        });
      }
    }
    // The ministry's national plan: the national funds of every province.
    const nationalPlan = out.plans
      .filter((plan) => plan.year === year && plan.funding_source_code === 'NATIONAL')
      .reduce((sum, plan) => sum + Number(out.planVersions.find((version) => version.plan_id === plan.id)!.amount), 0);
    addPlan(out, null, 'NATIONAL', year, nationalPlan);
  }
  await insertRows(manager, 'schemes', out.schemes, { programme_code: 'NKP-2021-2025' });
  await insertRows(manager, 'scheme_budget_lines', out.lines);
  await insertRows(manager, 'scheme_beneficiaries', out.beneficiaries);
  await insertRows(manager, 'disbursements', out.disbursements);
  await insertRows(manager, 'settlements', out.settlements);
  await insertRows(manager, 'annual_plans', out.plans);
  await insertRows(manager, 'annual_plan_versions', out.planVersions);
  await seedConsulting(
    manager,
    own.map((row) => row.unit_code),
    others.map((row) => row.unit_code),
  );
  return out.schemes.length;
}

async function seedConsulting(manager: EntityManager, own: string[], others: string[]) {
  const engagements: Row[] = [];
  const revenues: Row[] = [];
  const plans: Row[] = [];
  const add = (province: string, year: number, revenueByJuly: number, laterRevenue: number, index: number) => {
    const id = randomUUID();
    engagements.push({
      id,
      province_code: province,
      centre_name: `Trung tâm Khuyến công ${province}`,
      client_name: `Khách hàng ${year}-${index + 1}`,
      service: 'Tư vấn lập dự án đầu tư, đổi mới công nghệ',
      contract_value: revenueByJuly + laterRevenue,
      signed_on: `${year}-02-10`,
    });
    if (revenueByJuly > 0) revenues.push({ engagement_id: id, period: `${year}-06`, amount: revenueByJuly });
    if (laterRevenue > 0) revenues.push({ engagement_id: id, period: `${year}-10`, amount: laterRevenue });
  };
  // The region: 59 engagements earned 4,78 tỷ in Jan–Jul 2022 and 72 earned 7,049 tỷ in Jan–Jul 2021.
  const spread = (count: number, total: number, year: number, later: number) => {
    const amounts = splitByWeights(
      total,
      Array.from({ length: count }, () => 1),
    );
    amounts.forEach((amount, index) => add(own[index % own.length]!, year, amount, later, index));
  };
  spread(CONSULTING.engagementsJanJul2022, CONSULTING.revenueJanJul2022, 2022, 50_000_000);
  spread(CONSULTING.engagementsJanJul2021, CONSULTING.revenueJanJul2021, 2021, 40_000_000);
  splitByWeights(
    CONSULTING.plan2022,
    own.map(() => 1),
  ).forEach((amount, index) => plans.push({ province_code: own[index], year: 2022, amount }));
  own.forEach((province) => plans.push({ province_code: province, year: 2021, amount: 900_000_000 }));
  others.forEach((province, index) => {
    add(province, 2021, 150_000_000, 50_000_000, index);
    add(province, 2022, 120_000_000, 60_000_000, index);
    plans.push({ province_code: province, year: 2021, amount: 600_000_000 }, { province_code: province, year: 2022, amount: 650_000_000 });
  });
  await insertRows(manager, 'consulting_engagements', engagements);
  await insertRows(manager, 'consulting_revenues', revenues);
  await insertRows(manager, 'consulting_plans', plans);
}
