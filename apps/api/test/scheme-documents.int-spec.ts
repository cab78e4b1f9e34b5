// Issue 14: a scheme's documents. Officers of its province attach the files they uploaded for the implementing unit,
// with their kind; a file of someone else's or of another owner is refused, as are callers outside the province;
// the province's officers read them, other provinces do not, and the acceptance council does once it is named.
import { startTestApi, type TestApi } from './harness.js';
import { PDF } from './selection-support.js';
import { schemeClient, setUpSchemeActors, type Scheme, type SchemeActors } from './schemes-support.js';

interface WithDocuments extends Scheme {
  documents: { id: string; kind: string; fileName: string; mimeType: string; addedBy: string | null }[];
  code?: string;
}

const thisYear = new Date().getFullYear();

describe('a scheme’s documents', () => {
  let api: TestApi;
  let actors: SchemeActors;
  let client: ReturnType<typeof schemeClient>;
  let scheme: WithDocuments;

  async function upload(token: string, label: string, organisationId?: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PDF(label))], { type: 'application/pdf' }), `${label}.pdf`);
    if (organisationId) form.append('organisationId', organisationId);
    const response = await fetch(`${api.baseUrl}/api/documents`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { id: string };
    expect(response.status).toBe(201);
    return body.id;
  }
  const attach = (token: string, documentId: string, kind = 'proposal') =>
    client.call<WithDocuments>(token, 'POST', `/api/schemes/${scheme.id}/documents`, { documentId, kind });
  const download = async (token: string, documentId: string) =>
    (await fetch(`${api.baseUrl}/api/documents/${documentId}`, { headers: { authorization: `Bearer ${token}` } })).status;

  beforeAll(async () => {
    api = await startTestApi();
    actors = await setUpSchemeActors(api);
    client = schemeClient(api);
    const created = await client.create(actors.tokens.implementer, {
      title: 'Tư vấn mẫu mã sản phẩm mây tre',
      implementingUnitId: actors.centreId,
      contentGroupCode: 'CG5',
      subActivity: 'CONSULTING',
      fundingSource: 'LOCAL',
      year: thisYear,
      provinceCode: 'gia-lai-2025',
      location: 'Xã Chư Sê, Gia Lai',
      beneficiaries: [],
      budgetLines: [{ activityCode: 'CONSULTING', description: 'Tư vấn mẫu mã', eligibleCost: 120_000_000, supportAmount: 100_000_000 }],
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    scheme = created.body as WithDocuments;
  }, 120_000);
  afterAll(() => api.close());

  it('attaches the implementer’s file with its kind, once; the province reads it, another province does not', async () => {
    const proposal = await upload(actors.tokens.implementer, 'thuyet-minh', actors.centreId);
    const attached = await attach(actors.tokens.implementer, proposal);
    expect(attached.status).toBe(201);
    expect(attached.body.documents).toEqual([
      expect.objectContaining({ id: proposal, kind: 'proposal', fileName: 'thuyet-minh.pdf', mimeType: 'application/pdf' }),
    ]);
    expect(attached.body.documents[0]!.addedBy).toBeTruthy();
    const again = await attach(actors.tokens.implementer, proposal);
    expect([again.status, (again.body as unknown as { code: string }).code]).toEqual([409, 'DOCUMENT_ALREADY_ATTACHED']);
    expect([
      await download(actors.tokens.appraiser, proposal),
      await download(actors.tokens.central, proposal),
      await download(actors.tokens.foreign, proposal),
    ]).toEqual([200, 200, 404]);
    expect((await client.get(actors.tokens.appraiser, scheme.id)).body).toMatchObject({ documents: [{ id: proposal, kind: 'proposal' }] });
  });

  it('refuses someone else’s file, a file not uploaded for the unit, a bad kind, and callers outside the province', async () => {
    const mine = await upload(actors.tokens.implementer, 'du-toan', actors.centreId);
    const notYours = await attach(actors.tokens.appraiser, mine, 'estimate');
    expect([notYours.status, (notYours.body as unknown as { code: string }).code]).toEqual([422, 'DOCUMENT_NOT_YOURS']);
    const ownerless = await upload(actors.tokens.implementer, 'khong-chu');
    const mismatch = await attach(actors.tokens.implementer, ownerless, 'estimate');
    expect([mismatch.status, (mismatch.body as unknown as { code: string }).code]).toEqual([422, 'DOCUMENT_OWNER_MISMATCH']);
    expect((await attach(actors.tokens.implementer, mine, 'invoice')).status).toBe(400);
    expect((await attach(actors.tokens.foreign, mine, 'estimate')).status).toBe(404);
    expect((await attach(actors.tokens.member1, mine, 'estimate')).status).toBe(403);
    expect((await client.get(actors.tokens.implementer, scheme.id)).body).toMatchObject({ documents: [{ kind: 'proposal' }] });
  });

  it('lets the acceptance council read the documents once it is named, and takes a document off the scheme', async () => {
    const minutes = await upload(actors.tokens.appraiser, 'bien-ban', actors.centreId);
    expect((await attach(actors.tokens.appraiser, minutes, 'acceptance_minutes')).status).toBe(201);
    expect(await download(actors.tokens.member1, minutes)).toBe(404);
    let current: Scheme = (await client.get(actors.tokens.implementer, scheme.id)).body;
    const step = async (token: string, type: string, payload: Record<string, unknown> = {}) => {
      const reply = await client.act(token, current, type, payload);
      if (reply.status !== 200) throw new Error(`${type}: ${reply.status} ${JSON.stringify(reply.body)}`);
      current = reply.body.scheme;
    };
    await step(actors.tokens.implementer, 'submit');
    await step(actors.tokens.appraiser, 'pass', { approvedAmount: 100_000_000 });
    const approved = await client.call<unknown>(actors.tokens.signer, 'POST', '/api/schemes/local-plan-approvals', {
      items: [{ schemeId: scheme.id, version: current.version }],
    });
    expect(approved.status).toBe(200);
    current = (await client.get(actors.tokens.implementer, scheme.id)).body;
    await step(actors.tokens.appraiser, 'contract', { contractNumber: 'HĐ 07/2026/KC-GL' });
    await step(actors.tokens.implementer, 'complete');
    await step(actors.tokens.appraiser, 'assign_council', { members: [actors.ids.member1, actors.ids.member2, actors.ids.chair], chair: actors.ids.chair });
    expect(await download(actors.tokens.member1, minutes)).toBe(200);

    const removed = await client.call<WithDocuments>(actors.tokens.implementer, 'DELETE', `/api/schemes/${scheme.id}/documents/${minutes}`);
    expect(removed.status).toBe(200);
    expect(removed.body.documents.map((document) => document.kind)).toEqual(['proposal']);
    expect((await client.call<unknown>(actors.tokens.implementer, 'DELETE', `/api/schemes/${scheme.id}/documents/${minutes}`)).status).toBe(404);
  });
});
