// Demo data of the current year, on today's units (issue 16): a 2026 commune round of xã Ia Ly (organised by the
// commune officer), a 2026 provincial round of today's Gia Lai (gia-lai-2025 = old Gia Lai + Bình Định) and 2026
// schemes of today's Gia Lai under programme NKP-2026-2030. The 2021–2024 history stays on the units of its time.
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { type DataSource, type EntityManager } from 'typeorm';
import { DemoStore } from '@khuyencong/persistence';
import { requireRound, type Round } from '../selection/rounds/round-store.js';
import { SUB_ACTIVITIES } from '../schemes/activities.js';
import { loadDemoUsers } from './demo-users.js';
import { insertRows } from './finance-rows.js';
import { actorOf, COMPLETE_DOSSIER, demoAccount, type DemoPeople, demoPeople, DemoPipeline, sheet } from './selection-demo-support.js';

export const CURRENT_YEAR = 2026;
export const CURRENT_PROVINCE = 'gia-lai-2025';
/** Xã Ia Ly (official code 23734): the 2025 commune that took in the old Ia Mơ Nông commune. */
export const CURRENT_COMMUNE = '23734';
const REGION = 'CENTRAL_HIGHLANDS';
const PROGRAMME = 'NKP-2026-2030';

type Stage = 'draft' | 'screening' | 'scoring';

/** The demo establishment's own entries in the commune round: one waiting at each of the applicant, the commune officer and the judges. */
const COMMUNE_PLAN: { product: string; group: string; stage: Stage }[] = [
  { product: 'Khăn choàng thổ cẩm Jrai Ia Ly', group: 'HANDICRAFT', stage: 'draft' },
  { product: 'Túi thổ cẩm hoa văn Jrai', group: 'HANDICRAFT', stage: 'screening' },
  { product: 'Váy thổ cẩm Jrai dệt tay', group: 'HANDICRAFT', stage: 'scoring' },
];

/** Establishments of today's Gia Lai registered in 2026 (one from old Bình Định, one from old Gia Lai) and their entries. */
const PROVINCE_PLAN: { name: string; communeCode: string; product: string; group: string; stage: Stage }[] = [
  { name: 'Cơ sở nước mắm Quy Nhơn', communeCode: '21583', product: 'Nước mắm cá cơm Quy Nhơn', group: 'PROCESSED_FOOD', stage: 'screening' },
  { name: 'Hợp tác xã cà phê Ia Mơ', communeCode: '23938', product: 'Cà phê Robusta rang mộc Ia Mơ', group: 'PROCESSED_FOOD', stage: 'scoring' },
];

/** Whom the demo rounds' applicants contact (invented offices; 0269 is Gia Lai's area code, the numbers are fictional). */
export const DEMO_CONTACTS = {
  commune: { name: 'Văn phòng HĐND và UBND xã Ia Ly — bộ phận kinh tế', phone: '0269 384 5112', email: 'kinhte.ialy@khuyencong.vn' },
  province: { name: 'Phòng Quản lý công nghiệp, Sở Công Thương Gia Lai', phone: '0269 382 4567', email: 'phongqlcn.gialai@khuyencong.vn' },
} as const;

async function insertRound(
  tx: EntityManager,
  who: DemoPeople,
  values: {
    name: string;
    level: string;
    scopeType: string;
    scopeCode: string;
    quota: number;
    organiser: string;
    contact: { name: string; phone: string; email: string };
  },
): Promise<Round> {
  const judges = ['giamkhao1', 'giamkhao2', 'giamkhao3'].map((name) => who[name]!);
  const roundId = await new DemoStore().insertCurrentYearRound(tx, {
    ...values,
    year: CURRENT_YEAR,
    jury: { '*': judges },
    council: { members: [who.hoidong1, who.hoidong2, who.chutich], chair: who.chutich },
  });
  return requireRound(tx, roundId);
}

/** Loads the current-year demo unless it is there already; returns what it created. */
export async function seedCurrentYearDemo(dataSource: DataSource): Promise<{ communeEntries: number; provinceEntries: number; schemes: number } | null> {
  return dataSource.transaction(async (tx) => {
    const store = new DemoStore();
    if (await store.hasCommuneRound(tx, CURRENT_COMMUNE, CURRENT_YEAR)) return null;
    const demo = loadDemoUsers();
    const who = await demoPeople(tx);
    const judges = ['giamkhao1', 'giamkhao2', 'giamkhao3'].map((name) => who[name]!);
    const pipeline = new DemoPipeline(dataSource, tx);
    const commune = actorOf(who['xa.ialy']!, 'commune_officer', 'commune', CURRENT_COMMUNE);
    const officer = actorOf(who['so.gialai']!, 'provincial_officer', 'province', CURRENT_PROVINCE);

    const communeRound = await insertRound(tx, who, {
      name: `Bình chọn sản phẩm CNNT tiêu biểu cấp xã — xã Ia Ly năm ${CURRENT_YEAR}`,
      level: 'commune',
      scopeType: 'commune',
      scopeCode: CURRENT_COMMUNE,
      quota: 3,
      organiser: who['xa.ialy']!,
      contact: DEMO_CONTACTS.commune,
    });
    const demoSubject = {
      id: demo.establishment.id,
      communeCode: demo.establishment.communeCode,
      provinceCode: demo.establishment.provinceCode,
      regionCode: REGION,
    };
    const demoApplicant = actorOf(who.coso!, 'applicant', 'establishment', demo.establishment.id);
    for (const [index, plan] of COMMUNE_PLAN.entries()) {
      pipeline.at(`${CURRENT_YEAR}-04-${String(1 + index).padStart(2, '0')}T02:00:00.000Z`);
      const entry = await pipeline.open(communeRound, demoSubject, { name: plan.product, group: plan.group }, demoApplicant);
      if (plan.stage === 'draft') continue;
      await pipeline.act(entry, 'submit', demoApplicant, COMPLETE_DOSSIER);
      if (plan.stage === 'screening') continue;
      pipeline.at(`${CURRENT_YEAR}-05-06T02:00:00.000Z`);
      await pipeline.act(entry, 'accept', commune);
      await pipeline.act(entry, 'assign_judges', commune, { judges });
      await pipeline.at(`${CURRENT_YEAR}-05-20T03:00:00.000Z`).act(entry, 'score', actorOf(judges[0]!, 'judge'), sheet(33, 32, 8, 8));
    }

    const provinceRound = await insertRound(tx, who, {
      name: `Bình chọn sản phẩm CNNT tiêu biểu tỉnh Gia Lai năm ${CURRENT_YEAR}`,
      level: 'province',
      scopeType: 'province',
      scopeCode: CURRENT_PROVINCE,
      quota: 5,
      organiser: who['so.gialai']!,
      contact: DEMO_CONTACTS.province,
    });
    const passwordHash = await hash(demo.password);
    for (const [index, plan] of PROVINCE_PLAN.entries()) {
      const orgId = await store.insertCurrentYearEstablishment(
        tx,
        CURRENT_YEAR,
        plan.name,
        `GL-${CURRENT_YEAR}-${index + 1}`,
        plan.communeCode,
        CURRENT_PROVINCE,
      );
      const userId = await demoAccount(
        tx,
        passwordHash,
        `coso.gialai${CURRENT_YEAR}-${index + 1}@khuyencong.vn`,
        `Chủ ${plan.name}`,
        'applicant',
        'establishment',
        orgId,
      );
      const applicant = actorOf(userId, 'applicant', 'establishment', orgId);
      pipeline.at(`${CURRENT_YEAR}-04-${String(10 + index).padStart(2, '0')}T02:00:00.000Z`);
      const entry = await pipeline.open(
        provinceRound,
        { id: orgId, communeCode: plan.communeCode, provinceCode: CURRENT_PROVINCE, regionCode: REGION },
        { name: plan.product, group: plan.group },
        applicant,
      );
      await pipeline.act(entry, 'submit', applicant, COMPLETE_DOSSIER);
      if (plan.stage === 'screening') continue;
      pipeline.at(`${CURRENT_YEAR}-05-12T02:00:00.000Z`);
      await pipeline.act(entry, 'accept', officer);
      await pipeline.act(entry, 'assign_judges', officer, { judges });
      await pipeline.at(`${CURRENT_YEAR}-05-25T03:00:00.000Z`).act(entry, 'score', actorOf(judges[1]!, 'judge'), sheet(35, 33, 8, 8));
    }

    const schemes = await seedSchemes(tx);
    return { communeEntries: COMMUNE_PLAN.length, provinceEntries: PROVINCE_PLAN.length, schemes };
  });
}

const activityOf = (code: string) => SUB_ACTIVITIES.find((candidate) => candidate.code === code)!;

/** Three 2026 schemes of today's Gia Lai (programme NKP-2026-2030) and the province's 2026 plans derived from them. */
async function seedSchemes(tx: EntityManager): Promise<number> {
  const plan = [
    { code: 'QG-1', activity: 'DEMONSTRATION_MODEL', source: 'NATIONAL', amount: 1_500_000_000, location: 'Xã Ia Ly', advance: 0 },
    { code: 'QG-2', activity: 'CAPACITY_BUILDING', source: 'NATIONAL', amount: 400_000_000, location: 'Phường Quy Nhơn', advance: 200_000_000 },
    { code: 'DP-1', activity: 'TRAINING', source: 'LOCAL', amount: 600_000_000, location: 'Xã Ia Mơ', advance: 300_000_000 },
  ] as const;
  const schemes: Record<string, unknown>[] = [];
  const lines: Record<string, unknown>[] = [];
  const beneficiaries: Record<string, unknown>[] = [];
  const disbursements: Record<string, unknown>[] = [];
  for (const item of plan) {
    const id = randomUUID();
    const activity = activityOf(item.activity);
    schemes.push({
      id,
      code: `DEMO${CURRENT_YEAR}-GL-${item.code}`,
      title: `${activity.name} (${CURRENT_YEAR})`,
      implementing_unit: 'Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Gia Lai',
      content_group_code: activity.contentGroup,
      sub_activity: activity.code,
      funding_source_code: item.source,
      year: CURRENT_YEAR,
      province_code: CURRENT_PROVINCE,
      region_code: REGION,
      location: `${item.location}, tỉnh Gia Lai`,
      requested_amount: item.amount,
      allocated_amount: item.amount,
      progress_percent: 40,
      stage: 'in_progress',
    });
    // A national demonstration model is supported for at most 30 % of its cost (TT 28/2018/TT-BTC).
    const capped = activity.code === 'DEMONSTRATION_MODEL' && item.source === 'NATIONAL';
    const cost = capped ? Math.ceil((item.amount * 100) / 30) : item.amount * 2;
    lines.push({
      scheme_id: id,
      position: 1,
      activity_code: activity.code,
      description: activity.name,
      eligible_cost: cost,
      support_amount: item.amount,
      rule_code: capped ? 'TT28-2018-NATIONAL-DEMONSTRATION_MODEL' : null,
    });
    beneficiaries.push({
      scheme_id: id,
      name: `Cơ sở công nghiệp nông thôn ${item.location}`,
      support_amount: item.amount,
      co_funding_amount: cost - item.amount,
    });
    if (item.advance > 0)
      disbursements.push({ scheme_id: id, kind: 'advance', amount: item.advance, paid_on: `${CURRENT_YEAR}-04-15`, period: `${CURRENT_YEAR}-04` });
  }
  await insertRows(tx, 'schemes', schemes, { programme_code: PROGRAMME });
  await insertRows(tx, 'scheme_budget_lines', lines);
  await insertRows(tx, 'scheme_beneficiaries', beneficiaries);
  await insertRows(tx, 'disbursements', disbursements);
  const plans: Record<string, unknown>[] = [];
  const versions: Record<string, unknown>[] = [];
  for (const source of ['NATIONAL', 'LOCAL'] as const) {
    const id = randomUUID();
    plans.push({ id, province_code: CURRENT_PROVINCE, funding_source_code: source, year: CURRENT_YEAR, current_version: 1 });
    const amount = plan.filter((item) => item.source === source).reduce((sum, item) => sum + item.amount, 0);
    versions.push({ plan_id: id, version: 1, amount, kind: 'derived', reason: 'Tổng kinh phí được phân bổ của các đề án / sum of the schemes’ allocations' });
  }
  await insertRows(tx, 'annual_plans', plans);
  await insertRows(tx, 'annual_plan_versions', versions);
  return schemes.length;
}
