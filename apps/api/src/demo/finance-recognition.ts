import { randomUUID } from 'node:crypto';
import { type EntityManager } from 'typeorm';
import {
  createInstance,
  createWorkingCalendar,
  decide,
  decideBatch,
  openTasks,
  productSelection,
  vietnamCalendar2024to2025,
  type Actor,
  type DomainEvent,
  type InstanceState,
  type JsonObject,
} from '@khuyencong/domain';
import { InstanceStore } from '@khuyencong/persistence';
import { DefinitionRegistry, columnsOf, tasksOf } from '@khuyencong/workflow';
import { RECOGNITION_2022, REGION } from './finance-figures.js';
import { insertRows } from './finance-rows.js';

/** The 2022 regional round of the Central–Highlands region (fixed id, so the seed can tell it already ran). */
export const REGION_ROUND_2022 = '0b6f1c2e-2022-4c0e-9a11-000000000122';

const calendar = createWorkingCalendar(vietnamCalendar2024to2025);
const at = (day: string) => `2022-${day}T02:00:00.000Z`;
const dossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 4 };
const points = { MARKET: 32, ECON_TECH_SOC_ENV: 32, CULTURE_AESTHETIC: 8, OTHER: 8 };

/**
 * The 2022 regional recognition of the region: 124 products or product sets of 120 establishments (four of them
 * with two products), each entry driven through every stage by the engine itself with the clock of 2022 and
 * stored with its hash-chained events, as an import of the round's records. The officials of 2022 are archived
 * accounts that cannot sign in (inactive, no password). Returns the entries created, 0 when the round exists.
 */
export async function seedRecognitionDemo(manager: EntityManager): Promise<number> {
  const [existing] = await manager.query<{ count: number }[]>(`SELECT COUNT(*)::int AS count FROM workflow_instances WHERE round_id = $1`, [REGION_ROUND_2022]);
  if ((existing?.count ?? 0) > 0) return 0;
  // Idempotent: the entries reference the published product-selection definition.
  await new DefinitionRegistry().publishAll(manager);
  const provinces = (
    await manager.query<{ unit_code: string }[]>(
      `SELECT unit_code FROM region_memberships WHERE region_code = $1 AND valid_from <= '2022-01-01' AND (valid_to IS NULL OR valid_to >= '2022-12-31') ORDER BY unit_code`,
      [REGION],
    )
  ).map((row) => row.unit_code);
  const user = async (name: string): Promise<string> => {
    const id = randomUUID();
    await manager.query(`INSERT INTO users (id, email, password_hash, display_name, active) VALUES ($1, $2, '!archived', $3, false)`, [id, `luu-tru-2022.${name}.${id.slice(0, 8)}@khuyencong.local`, `Lưu trữ 2022 — ${name}`]);
    return id;
  };
  const national = { type: 'national', id: 'VN' } as const;
  const as = (userId: string, role: Actor['roles'][number]['role'], scope: Actor['roles'][number]['scope'] = national): Actor => ({ userId, roles: [{ role, scope }] });
  const officers = new Map<string, Actor>();
  for (const code of provinces) officers.set(code, as(await user(`so-${code}`), 'provincial_officer', { type: 'province', id: code }));
  const organiser = as(await user('cuc'), 'central_officer');
  const judges = [await user('giam-khao-1'), await user('giam-khao-2'), await user('giam-khao-3')];
  const members = [await user('hoi-dong-1'), await user('hoi-dong-2'), await user('chu-tich')];
  const signer = as(await user('lanh-dao-bo'), 'signer');

  const establishments = Array.from({ length: RECOGNITION_2022.establishments }, (_, index) => ({
    id: randomUUID(),
    type: 'establishment',
    name: `Cơ sở sản xuất tiêu biểu ${index + 1}`,
    province_code: provinces[index % provinces.length]!,
  }));
  await insertRows(manager, 'organisations', establishments);

  const run = (state: InstanceState, events: DomainEvent[], type: string, actor: Actor, now: string, payload: JsonObject = {}): InstanceState => {
    const result = decide(productSelection, state, { type, expectedVersion: state.version, payload }, { now, actor, calendar });
    events.push(...result.events);
    return result.state;
  };
  const entries: { state: InstanceState; events: DomainEvent[] }[] = [];
  for (let index = 0; index < RECOGNITION_2022.products; index += 1) {
    const establishment = establishments[index % establishments.length]!;
    const officer = officers.get(establishment.province_code)!;
    const created = createInstance(
      productSelection,
      {
        instanceId: randomUUID(),
        subject: { establishmentId: establishment.id, communeCode: `${establishment.province_code}-xa`, provinceCode: establishment.province_code, regionCode: REGION },
        attributes: { lowerCertificateLevel: 'province', lowerCertificateValidUntil: '2025-12-31', productGroup: 'HANDICRAFT' },
        round: { roundId: REGION_ROUND_2022, level: 'region', year: 2022, registrationOpensAt: '2022-03-01T00:00:00.000Z', registrationClosesAt: '2022-06-30T16:59:59.999Z' },
      },
      { now: at('05-03'), actor: officer, calendar },
    );
    const events = [...created.events];
    let state = run(created.state, events, 'submit', officer, at('05-03'), { dossier });
    state = run(state, events, 'accept', organiser, at('05-04'));
    state = run(state, events, 'assign_judges', organiser, at('05-05'), { judges });
    for (const judge of judges) state = run(state, events, 'score', as(judge, 'judge'), at('05-09'), { points, comment: 'Đạt' });
    state = run(state, events, 'assign_council', organiser, at('05-10'), { members, chair: members[2]! });
    state = run(state, events, 'vote', as(members[0]!, 'council_member'), at('05-11'), { vote: 'approve' });
    state = run(state, events, 'vote', as(members[1]!, 'council_member'), at('05-11'), { vote: 'approve' });
    state = run(state, events, 'vote', as(members[2]!, 'council_chair'), at('05-11'), { vote: 'approve' });
    entries.push({ state, events });
  }
  const batch = decideBatch(
    productSelection,
    entries.map((entry) => entry.state),
    { type: 'decide', expectedVersions: Object.fromEntries(entries.map((entry) => [entry.state.instanceId, entry.state.version])), payload: { decisionNumber: '1234/QĐ-BCT', decisionDate: '2022-07-15' } },
    { now: at('07-15'), actor: signer, calendar },
  );
  const store = new InstanceStore();
  for (const [index, result] of batch.results.entries()) {
    const events = [...entries[index]!.events, ...result.events];
    await store.createInstance(manager, {
      id: result.instanceId,
      definitionCode: productSelection.code,
      definitionVersion: productSelection.version,
      state: result.state,
      columns: columnsOf(productSelection, result.state, at('07-15')),
      createdBy: events[0]!.actor.userId,
      events: events.map((event) => ({ type: event.type, actorUserId: event.actor.userId, data: event, occurredAt: new Date(event.at) })),
      tasks: tasksOf(productSelection, openTasks(productSelection, result.state)),
    });
  }
  return batch.results.length;
}
