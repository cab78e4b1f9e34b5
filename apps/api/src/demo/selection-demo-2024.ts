// The 2024 Gia Lai provincial round of the demo: entries waiting at every stage, so that the demo applicant,
// the Gia Lai officer and signer, the judges and the council members all find work in their inboxes.
import { type EntityManager } from 'typeorm';
import { DemoStore } from '@khuyencong/persistence';
import { requireRound } from '../selection/rounds/round-store.js';
import { loadDemoUsers } from './demo-users.js';
import { actorOf, COMPLETE_DOSSIER, demoAccount, type DemoEntry, type DemoPeople, type DemoPipeline, sheet } from './selection-demo-support.js';

type Waiting = 'draft' | 'revision' | 'screening' | 'scoring' | 'council_review' | 'decision' | 'ineligible' | 'withdrawn';

/**
 * The entries, each in the stage it waits in. Establishments other than the demo applicant's are registered in a
 * commune of today's Gia Lai (official code) where the product comes from, so every screen names their commune.
 */
const PLAN: { product: string; group: string; stage: Waiting; commune?: string }[] = [
  { product: 'Khăn thổ cẩm Jrai dệt tay', group: 'HANDICRAFT', stage: 'draft' },
  { product: 'Bộ túi thổ cẩm hoa văn Bahnar', group: 'HANDICRAFT', stage: 'revision' },
  { product: 'Cà phê rang xay Chư Sê', group: 'PROCESSED_FOOD', stage: 'screening', commune: '23941' },
  { product: 'Mật ong hoa cà phê Ia Grai', group: 'PROCESSED_FOOD', stage: 'screening', commune: '23764' },
  { product: 'Máy xát vỏ cà phê mini', group: 'MECHANICAL', stage: 'scoring', commune: '23575' },
  { product: 'Tượng gỗ nhà mồ Tây Nguyên', group: 'HANDICRAFT', stage: 'scoring', commune: '23722' },
  { product: 'Rượu cần Kbang', group: 'PROCESSED_FOOD', stage: 'council_review', commune: '23638' },
  { product: 'Tinh dầu sả chanh Đak Pơ', group: 'OTHER', stage: 'decision', commune: '23995' },
  { product: 'Hạt điều rang muối Krông Pa', group: 'PROCESSED_FOOD', stage: 'decision', commune: '24076' },
  { product: 'Bánh tráng nướng Ayun Pa', group: 'PROCESSED_FOOD', stage: 'ineligible', commune: '24044' },
  { product: 'Chiếu cói dệt tay', group: 'HANDICRAFT', stage: 'withdrawn', commune: '23617' },
];

/** Loads the 2024 round; returns the number of entries. */
export async function seedSelection2024(tx: EntityManager, pipeline: DemoPipeline, who: DemoPeople, passwordHash: string): Promise<number> {
  const demo = loadDemoUsers();
  // The Gia Lai officer as of 2024 (old Gia Lai); the account is granted on today's Gia Lai, which succeeds it.
  const officer = actorOf(who['so.gialai']!, 'provincial_officer', 'province', 'gia-lai');
  const judges = ['giamkhao1', 'giamkhao2', 'giamkhao3'].map((name) => who[name]!);
  const council = [who.hoidong1!, who.hoidong2!, who.chutich!];
  const store = new DemoStore();
  const roundId = await store.insertGiaLaiRound2024(tx, {
    organiser: who['so.gialai'],
    jury: { '*': judges },
    council: { members: council, chair: who.chutich },
  });
  const round = await requireRound(tx, roundId);
  // 2024 records keep the geography of their time: the demo establishment was then in old Gia Lai, Ia Mơ Nông.
  const before = demo.establishment.registeredBefore;
  const demoSubject = { id: demo.establishment.id, communeCode: before.communeCode, provinceCode: before.provinceCode, regionCode: 'CENTRAL_HIGHLANDS' };
  const demoApplicant = actorOf(who.coso!, 'applicant', 'establishment', demo.establishment.id);

  for (const [index, plan] of PLAN.entries()) {
    // The demo applicant's own establishment holds the entries waiting for the applicant; the others get accounts.
    let subject = demoSubject;
    let applicant = demoApplicant;
    if (plan.stage !== 'draft' && plan.stage !== 'revision') {
      const orgId = await store.insertGiaLaiEstablishment2024(tx, `Cơ sở sản xuất ${plan.product}`, `GL-2024-${index + 1}`, `gia-lai-xa-2024-${index + 1}`);
      // Registered in 2024 in a commune of old Gia Lai (the reference data holds no communes before the reform);
      // since 1 July 2025 in the commune of today's Gia Lai that took it over, as the demo applicant's establishment.
      const commune = plan.commune ?? demo.establishment.communeCode;
      await store.moveOrganisation(tx, orgId, demo.establishment.provinceCode, commune);
      subject = { ...demoSubject, id: orgId, communeCode: commune };
      const userId = await demoAccount(
        tx,
        passwordHash,
        `coso.gialai${index + 1}@khuyencong.vn`,
        `Chủ cơ sở ${plan.product}`,
        'applicant',
        'establishment',
        orgId,
      );
      applicant = actorOf(userId, 'applicant', 'establishment', orgId);
    }
    pipeline.at(`2024-04-${String(1 + index).padStart(2, '0')}T02:00:00.000Z`);
    const entry: DemoEntry = await pipeline.open(round, subject, { name: plan.product, group: plan.group }, applicant);
    if (plan.stage === 'draft') continue;
    if (plan.stage === 'withdrawn') {
      await pipeline.act(entry, 'withdraw', applicant);
      continue;
    }
    await pipeline.act(entry, 'submit', applicant, COMPLETE_DOSSIER);
    if (plan.stage === 'screening') continue;
    pipeline.at('2024-05-06T02:00:00.000Z');
    if (plan.stage === 'revision') {
      await pipeline.act(entry, 'return', officer, { reason: 'Đề nghị bổ sung ảnh sản phẩm và bản thuyết minh chi tiết hơn' });
      continue;
    }
    if (plan.stage === 'ineligible') {
      await pipeline.act(entry, 'reject', officer, { reason: 'Sản phẩm chưa có giấy chứng nhận an toàn thực phẩm' });
      continue;
    }
    await pipeline.act(entry, 'accept', officer);
    await pipeline.act(entry, 'assign_judges', officer, { judges });
    const scorers = plan.stage === 'scoring' ? judges.slice(0, index % 2) : judges;
    for (const judge of scorers) await pipeline.at('2024-05-20T03:00:00.000Z').act(entry, 'score', actorOf(judge, 'judge'), sheet(34, 33, 8, 8));
    if (plan.stage === 'scoring') continue;
    await pipeline.at('2024-06-03T02:00:00.000Z').act(entry, 'assign_council', officer, { members: council, chair: who.chutich });
    await pipeline.act(entry, 'vote', actorOf(who.hoidong1!, 'council_member'), { vote: 'approve' });
    if (plan.stage === 'council_review') continue;
    await pipeline.act(entry, 'vote', actorOf(who.hoidong2!, 'council_member'), { vote: 'approve' });
    await pipeline.act(entry, 'vote', actorOf(who.chutich!, 'council_chair'), { vote: 'approve' });
  }
  return PLAN.length;
}
