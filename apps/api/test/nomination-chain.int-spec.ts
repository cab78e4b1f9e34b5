import { WorkflowRunner } from '@khuyencong/workflow';
import { startTestApi, type TestApi } from './harness.js';
import { http, JURY_AND_COUNCIL, PDF, PNG, points, signInPeople, type Person } from './selection-support.js';

// Nomination commune → province → region → nation (issue 16, TT 38/2025/TT-BCT): one product of a commune of
// today's Gia Lai, recognised at each level and nominated into the next level's round of the same year, over HTTP.
const PASSWORD = 'Chuoi-de-cu-2026';
const DAY = 86_400_000;
const IA_MO_NONG = '23938'; // Xã Ia Mơ, Gia Lai (since 2025-07-01)
const year = Number(new Date().toISOString().slice(0, 4));
const today = new Date().toISOString().slice(0, 10);

interface Entry {
  instanceId: string;
  instance: { stage: string };
}

describe('nomination commune → province → region → nation', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    h = http(api);
    await api.app.get(WorkflowRunner).definitions.publishAll(api.database.dataSource.manager);
    const people: Person[] = [
      ['applicant', []],
      ['xa', [{ role: 'commune_officer', scopeType: 'commune', scopeId: IA_MO_NONG }]],
      ['signerXa', [{ role: 'signer', scopeType: 'commune', scopeId: IA_MO_NONG }]],
      ['tinh', [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
      ['tinh2', [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
      ['signerTinh', [{ role: 'signer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
      ['xaKhac', [{ role: 'commune_officer', scopeType: 'commune', scopeId: '23941' }]],
      ['central', [{ role: 'central_officer', scopeType: 'national', scopeId: null }]],
      ['signerCentral', [{ role: 'signer', scopeType: 'national', scopeId: null }]],
      ...JURY_AND_COUNCIL,
    ];
    const signedIn = await signInPeople(api, people, PASSWORD);
    Object.assign(id, signedIn.id);
    Object.assign(t, signedIn.t);
  });
  afterAll(() => api.close());

  const window = () => ({ registrationOpensAt: new Date(Date.now() - DAY).toISOString(), registrationClosesAt: new Date(Date.now() + 30 * DAY).toISOString() });

  /** Screening accepted by the organiser, three judges, the council, then the level's signer decides. */
  async function recognise(organiser: string, signer: string, roundId: string, instanceId: string, decisionNumber: string): Promise<string> {
    expect((await h.command(t[organiser]!, instanceId, 'accept')).body.instance.stage).toBe('scoring');
    expect(
      (await h.call<{ assigned: string[] }>(t[organiser]!, 'PUT', `/api/rounds/${roundId}/jury`, { judges: [id.judge1, id.judge2, id.judge3] })).body.assigned,
    ).toContain(instanceId);
    let stage = '';
    for (const judge of ['judge1', 'judge2', 'judge3']) stage = (await h.command(t[judge]!, instanceId, 'score', points(35, 35, 9, 9))).body.instance.stage;
    expect(stage).toBe('council_review');
    const council = await h.call<{ assigned: string[] }>(t[organiser]!, 'PUT', `/api/rounds/${roundId}/council`, {
      members: [id.member1, id.member2, id.chair],
      chair: id.chair,
    });
    expect(council.body.assigned).toContain(instanceId);
    for (const member of ['member1', 'member2', 'chair']) expect((await h.command(t[member]!, instanceId, 'vote', { vote: 'approve' })).status).toBe(200);
    const decision = await h.call<{ items: { certificateNumber: string }[] }>(t[signer]!, 'POST', `/api/rounds/${roundId}/decision`, {
      number: decisionNumber,
      date: today,
      instanceIds: [instanceId],
    });
    expect(decision.status).toBe(201);
    return decision.body.items[0]!.certificateNumber;
  }

  async function openRound(organiser: string, body: Record<string, unknown>): Promise<string> {
    const created = await h.call<{ id: string }>(t[organiser]!, 'POST', '/api/rounds', { year, ...window(), ...body });
    expect(created.status).toBe(201);
    expect((await h.call<{ status: string }>(t[organiser]!, 'POST', `/api/rounds/${created.body.id}/status`, { status: 'open' })).body.status).toBe('open');
    return created.body.id;
  }

  it("names each grant's unit in /api/auth/me: the commune, the province, null nationally", async () => {
    const me = async (who: string) =>
      (await h.call<{ grants: { scopeType: string; scopeId: string | null; scopeName: string | null }[] }>(t[who]!, 'GET', '/api/auth/me')).body.grants;
    expect(await me('xa')).toEqual([{ role: 'commune_officer', scopeType: 'commune', scopeId: IA_MO_NONG, scopeName: 'Xã Ia Mơ' }]);
    expect(await me('tinh')).toEqual([{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025', scopeName: 'Gia Lai' }]);
    expect(await me('central')).toEqual([{ role: 'central_officer', scopeType: 'national', scopeId: null, scopeName: null }]);
  });

  it('drives one product of Xã Ia Mơ from the commune round to the national round', async () => {
    const communeRound = await openRound('xa', { name: `Bình chọn SPCNNTTB xã Ia Mơ Nông năm ${year}`, level: 'commune', scopeCode: IA_MO_NONG });
    const provinceRound = await openRound('tinh', { name: `Bình chọn SPCNNTTB tỉnh Gia Lai năm ${year}`, level: 'province', scopeCode: 'gia-lai-2025' });
    const regionRound = await openRound('central', {
      name: `Bình chọn khu vực miền Trung - Tây Nguyên năm ${year}`,
      level: 'region',
      scopeCode: 'CENTRAL_HIGHLANDS',
    });
    const nationalRound = await openRound('central', { name: `Bình chọn cấp quốc gia năm ${year}`, level: 'national' });

    const establishment = await h.call<{ id: string }>(t.applicant!, 'POST', '/api/establishments', {
      name: 'Tổ hợp tác dệt thổ cẩm Ia Mơ Nông',
      legalForm: 'cooperative',
      registrationNumber: '5901-THT-0007',
      communeCode: IA_MO_NONG,
      provinceCode: 'gia-lai-2025',
    });
    expect(establishment.status).toBe(201);
    expect((await h.call(t.tinh!, 'POST', `/api/establishments/${establishment.body.id}/verify`)).status).toBe(200);
    const dossier = {
      registrationForm: await h.upload(t.applicant!, PDF('don-xa'), 'don.pdf', 'application/pdf'),
      businessRegistration: await h.upload(t.applicant!, PDF('dkkd-xa'), 'dkkd.pdf', 'application/pdf'),
      productDescription: await h.upload(t.applicant!, PDF('mo-ta-xa'), 'mo-ta.pdf', 'application/pdf'),
      photos: [
        await h.upload(t.applicant!, PNG(31), 'a1.png', 'image/png'),
        await h.upload(t.applicant!, PNG(32), 'a2.png', 'image/png'),
        await h.upload(t.applicant!, PNG(33), 'a3.png', 'image/png'),
      ],
    };

    // Commune: the applicant applies, the commune officer organises, the commune's signer decides.
    const created = await h.call<Entry>(t.applicant!, 'POST', `/api/rounds/${communeRound}/entries`, {
      establishmentId: establishment.body.id,
      productName: 'Khăn thổ cẩm Jrai',
      productGroup: 'HANDICRAFT',
      dossier,
    });
    expect(created.status).toBe(201);
    const communeEntry = created.body.instanceId;
    expect((await h.submit(t.applicant!, communeEntry)).body.instance.stage).toBe('screening');
    expect((await h.command(t.xaKhac!, communeEntry, 'accept')).status).toBe(404);
    const communeCertificate = await recognise('xa', 'signerXa', communeRound, communeEntry, `3/QĐ-UBND`);
    expect(communeCertificate).toBeTruthy();

    // Commune → province: the commune officer nominates (another commune's officer cannot) and submits, as the province does upwards.
    expect((await h.call(t.xaKhac!, 'POST', `/api/rounds/${provinceRound}/nominations`, { instanceIds: [communeEntry] })).status).toBe(404);
    const toProvince = await h.call<{ nominated: { instanceId: string; certificateNumber: string }[] }>(
      t.xa!,
      'POST',
      `/api/rounds/${provinceRound}/nominations`,
      { instanceIds: [communeEntry] },
    );
    expect(toProvince.status).toBe(201);
    expect(toProvince.body.nominated[0]!.certificateNumber).toBe(communeCertificate);
    const provinceEntry = toProvince.body.nominated[0]!.instanceId;
    // A commune product skips no level: it cannot go straight to the region.
    expect((await h.call<{ code: string }>(t.tinh!, 'POST', `/api/rounds/${regionRound}/nominations`, { instanceIds: [communeEntry] })).body.code).toBe(
      'NOMINATION_INVALID',
    );
    const provinceSubmit = await h.submit(t.xa!, provinceEntry);
    expect(provinceSubmit.body.instance.stage).toBe('screening');
    const provincialCertificate = await recognise('tinh', 'signerTinh', provinceRound, provinceEntry, `15/QĐ-SCT`);
    expect(provincialCertificate).toBe(`T-GL-${year}-0001`);

    // Province → region → nation: the province nominates and prepares; the central department organises.
    const toRegion = await h.call<{ nominated: { instanceId: string }[] }>(t.tinh!, 'POST', `/api/rounds/${regionRound}/nominations`, {
      instanceIds: [provinceEntry],
    });
    expect(toRegion.status).toBe(201);
    const regionEntry = toRegion.body.nominated[0]!.instanceId;
    expect((await h.submit(t.tinh!, regionEntry)).body.instance.stage).toBe('screening');
    const regionalCertificate = await recognise('central', 'signerCentral', regionRound, regionEntry, '245/QĐ-CĐP');
    expect(regionalCertificate).toBe(`KV-${year}-0001`);

    // Four eyes: the officer who submitted the regional dossier does not also nominate it; a colleague does.
    expect((await h.call<{ code: string }>(t.tinh!, 'POST', `/api/rounds/${nationalRound}/nominations`, { instanceIds: [regionEntry] })).body.code).toBe(
      'BATCH_INVALID',
    );
    const toNation = await h.call<{ nominated: { instanceId: string }[] }>(t.tinh2!, 'POST', `/api/rounds/${nationalRound}/nominations`, {
      instanceIds: [regionEntry],
    });
    expect(toNation.status).toBe(201);
    const nationalEntry = toNation.body.nominated[0]!.instanceId;
    expect((await h.submit(t.tinh2!, nationalEntry)).body.instance.stage).toBe('screening');
    const nationalCertificate = await recognise('central', 'signerCentral', nationalRound, nationalEntry, '12/QĐ-BCT');
    expect(nationalCertificate).toBeTruthy();

    // Each level's entry points at the one below.
    const chain = await api.database.dataSource.query<{ level: string; nominated_from: string | null }[]>(
      `SELECT r.level, e.nominated_from FROM entries e JOIN rounds r ON r.id = e.round_id WHERE e.establishment_id = $1 ORDER BY array_position(ARRAY['commune','province','region','national'], r.level::text)`,
      [establishment.body.id],
    );
    expect(chain).toEqual([
      { level: 'commune', nominated_from: null },
      { level: 'province', nominated_from: communeEntry },
      { level: 'region', nominated_from: provinceEntry },
      { level: 'national', nominated_from: regionEntry },
    ]);
  });
});
