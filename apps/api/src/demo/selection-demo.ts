// Demo data of the typical product selection: the 2022 Central–Highlands regional round as the conference of
// 18 Aug 2022 reported it (124 products or sets of 120 establishments from 15 provinces recognised in one
// decision, plus entries that were not), and a 2024 Gia Lai provincial round with entries waiting at every
// stage. Everything goes through the command pipeline (instances, chained events, inbox, outbox, timers).
import { hash } from '@node-rs/argon2';
import { type DataSource } from 'typeorm';
import { DemoStore } from '@khuyencong/persistence';
import { issueRecognitionDecision } from '../selection/decisions/issue-decision.js';
import { requireRound } from '../selection/rounds/round-store.js';
import { loadDemoUsers } from './demo-users.js';
import { demoEstablishments } from './selection-demo-data.js';
import { seedSelection2024 } from './selection-demo-2024.js';
import { actorOf, COMPLETE_DOSSIER, demoAccount, demoPeople, DemoPipeline, sheet } from './selection-demo-support.js';

const REGION = 'CENTRAL_HIGHLANDS';

/** Loads the selection demo unless it is there already; returns what it created. */
export async function seedSelectionDemo(dataSource: DataSource): Promise<{ recognised: number; establishments: number; entries2024: number } | null> {
  return dataSource.transaction(async (tx) => {
    const store = new DemoStore();
    if (await store.hasRegionalRound2022(tx, REGION)) return null;
    const who = await demoPeople(tx);
    const passwordHash = await hash(loadDemoUsers().password);
    const provinces = await store.regionProvincesAtConference2022(tx, REGION);
    if (provinces.length !== 15) throw new Error(`expected the 15 Central–Highlands provinces of 2022, found ${provinces.length}`);
    const pipeline = new DemoPipeline(dataSource, tx);
    const central = actorOf(who.cuc!, 'central_officer');
    const judges = ['giamkhao1', 'giamkhao2', 'giamkhao3'].map((name) => who[name]!);
    const council = [who.hoidong1!, who.hoidong2!, who.chutich!];

    const roundId = await store.insertRegionalRound2022(tx, REGION, {
      organiser: who.cuc,
      jury: { '*': judges },
      council: { members: council, chair: who.chutich },
    });
    const regional = await requireRound(tx, roundId);

    // 9 establishments per province: the first 8 are recognised (4 of them with two products), the 9th is not.
    const establishments = demoEstablishments(provinces, 9, 4);
    const recognised: string[] = [];
    const recognisedEstablishments = new Set<string>();
    let index = 0;
    for (const establishment of establishments) {
      const officerEmail = `so.${establishment.provinceCode.replaceAll('-', '')}`;
      const officerId =
        who[officerEmail] ??
        (who[officerEmail] = await demoAccount(
          tx,
          passwordHash,
          `${officerEmail}@khuyencong.vn`,
          `Chuyên viên Sở Công Thương (${establishment.provinceCode})`,
          'provincial_officer',
          'province',
          establishment.provinceCode,
        ));
      const officer = actorOf(officerId, 'provincial_officer', 'province', establishment.provinceCode);
      const orgId = await store.insertRegionalEstablishment2021(tx, {
        name: establishment.name,
        legalForm: establishment.legalForm,
        registrationNumber: `DEMO-${String(index + 1).padStart(4, '0')}`,
        communeCode: establishment.communeCode,
        provinceCode: establishment.provinceCode,
        priorityFlags: { womenOwned: establishment.womenOwned },
      });
      const subject = { id: orgId, communeCode: establishment.communeCode, provinceCode: establishment.provinceCode, regionCode: REGION };
      const fate = index % 9 === 8 ? (index % 3 === 0 ? 'council_rejects' : 'jury_fails') : 'recognised';
      for (const product of establishment.products) {
        const day = String(1 + (index % 28)).padStart(2, '0');
        pipeline.at(`2022-06-${day}T02:00:00.000Z`);
        const entry = await pipeline.open(regional, subject, product, officer, {
          lowerCertificateLevel: 'province',
          lowerCertificateNumber: `T-${establishment.provinceCode.toUpperCase()}-2021`,
          lowerCertificateValidUntil: '2024-12-31',
        });
        await pipeline.act(entry, 'submit', officer, COMPLETE_DOSSIER);
        await pipeline.at(`2022-07-04T02:00:00.000Z`).act(entry, 'accept', central);
        await pipeline.act(entry, 'assign_judges', central, { judges });
        const base = fate === 'jury_fails' ? 24 : 32 + (index % 5);
        for (const [position, judge] of judges.entries()) {
          await pipeline.at(`2022-07-1${position + 1}T03:00:00.000Z`).act(entry, 'score', actorOf(judge, 'judge'), sheet(base, base - 1, 8, 7 + position));
        }
        if (fate === 'jury_fails') continue;
        await pipeline.at('2022-07-25T02:00:00.000Z').act(entry, 'assign_council', central, { members: council, chair: who.chutich });
        const vote = fate === 'council_rejects' ? 'reject' : 'approve';
        await pipeline.act(entry, 'vote', actorOf(who.hoidong1!, 'council_member'), { vote });
        await pipeline.act(entry, 'vote', actorOf(who.hoidong2!, 'council_member'), { vote });
        if (fate === 'recognised') {
          await pipeline.act(entry, 'vote', actorOf(who.chutich!, 'council_chair'), { vote });
          recognised.push(entry.id);
          recognisedEstablishments.add(orgId);
        }
      }
      index++;
    }
    pipeline.at('2022-08-10T03:00:00.000Z');
    await issueRecognitionDecision(tx, pipeline.runner, actorOf(who['lanhdao.cuc']!, 'signer'), regional, {
      number: '245/QĐ-CĐP',
      date: '2022-08-10',
      issuer: 'Cục Công Thương địa phương',
      instanceIds: recognised,
    });
    const entries2024 = await seedSelection2024(tx, pipeline, who, passwordHash);
    return { recognised: recognised.length, establishments: recognisedEstablishments.size, entries2024 };
  });
}
