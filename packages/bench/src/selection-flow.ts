// One selection cycle of a virtual user: a provincial round opened, entries created with their dossier, submitted,
// accepted, scored by three judges, voted by the council and recognised by the signer's decision — all over HTTP,
// each entry's commands sent at the version the previous answer returned (If-Match) with a fresh idempotency key.
import { type SelectionLane, type SharedPeople } from './actors.js';
import { commandHeaders, type HttpClient } from './http-client.js';

interface InstanceReply {
  instanceId?: string;
  instance: { id?: string; stage: string; version: number };
}

const DAY = 86_400_000;
const SHEET = { points: { MARKET: 35, ECON_TECH_SOC_ENV: 35, CULTURE_AESTHETIC: 9, OTHER: 9 }, comment: 'Sản phẩm đạt yêu cầu' };

export interface SelectionCycleOptions {
  entriesPerRound: number;
  /** Stops between commands when false (the run is over): the cycle finishes nothing more. */
  running: () => boolean;
}

/** Runs one round's cycle; returns the number of entries recognised. */
export async function runSelectionCycle(
  http: HttpClient,
  lane: SelectionLane,
  people: SharedPeople,
  year: number,
  options: SelectionCycleOptions,
): Promise<number> {
  const now = Date.now();
  const round = await http.timed<{ id: string }>('round.create', 'POST', '/api/rounds', lane.officer, {
    name: `Bình chọn SPCNNTTB ${lane.province} năm ${year}`,
    level: 'province',
    year,
    scopeCode: lane.province,
    registrationOpensAt: new Date(now - DAY).toISOString(),
    registrationClosesAt: new Date(now + 30 * DAY).toISOString(),
  });
  await http.timed('round.open', 'POST', `/api/rounds/${round.id}/status`, lane.officer, { status: 'open' });
  const versions = new Map<string, number>();
  const command = async (label: string, token: string, id: string, type: string, payload: Record<string, unknown> = {}) => {
    const reply = await http.timed<InstanceReply>(
      label,
      'POST',
      `/api/instances/${id}/commands/${type}`,
      token,
      { payload },
      commandHeaders(versions.get(id)!),
    );
    versions.set(id, reply.instance.version);
    return reply;
  };
  for (let n = 0; n < options.entriesPerRound && options.running(); n++) {
    const created = await http.timed<InstanceReply>('entry.create', 'POST', `/api/rounds/${round.id}/entries`, lane.applicant, {
      establishmentId: lane.establishmentId,
      productName: `Sản phẩm ${n + 1} năm ${year}`,
      productGroup: 'HANDICRAFT',
      dossier: lane.dossier,
    });
    versions.set(created.instanceId!, created.instance.version);
  }
  const ids = [...versions.keys()];
  for (const id of ids) {
    if (!options.running()) return 0;
    const submitted = await http.timed<InstanceReply>(
      'entry.submit',
      'POST',
      `/api/entries/${id}/submit`,
      lane.applicant,
      undefined,
      commandHeaders(versions.get(id)!),
    );
    versions.set(id, submitted.instance.version);
    await command('accept', lane.officer, id, 'accept');
  }
  if (!options.running()) return 0;
  // Assigning the jury runs assign_judges on every waiting entry: one event each.
  await http.timed('round.jury', 'PUT', `/api/rounds/${round.id}/jury`, lane.officer, { judges: people.judges });
  for (const id of ids) versions.set(id, versions.get(id)! + 1);
  for (const id of ids) {
    for (const token of people.tokens.judges) {
      if (!options.running()) return 0;
      await command('score', token, id, 'score', SHEET);
    }
  }
  await http.timed('round.council', 'PUT', `/api/rounds/${round.id}/council`, lane.officer, people.council);
  for (const id of ids) versions.set(id, versions.get(id)! + 1);
  for (const id of ids) {
    for (const token of [people.tokens.member1, people.tokens.member2, people.tokens.chair]) {
      if (!options.running()) return 0;
      await command('vote', token, id, 'vote', { vote: 'approve' });
    }
  }
  const decision = await http.timed<{ productCount: number }>('round.decision', 'POST', `/api/rounds/${round.id}/decision`, lane.signer, {
    number: `${year}/QĐ-UBND`,
    date: new Date().toISOString().slice(0, 10),
    instanceIds: ids,
  });
  return decision.productCount;
}
