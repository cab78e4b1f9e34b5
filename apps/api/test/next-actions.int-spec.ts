// What comes next (issue 18): every command's answer says what the caller may now do (`availableActions`, from the
// engine's own checks: four-eyes, scope, jury and council membership) and whom the instance waits for
// (`openTasks`); and the next actor, reading the instance once, is offered exactly the command they then send.
import { type http, JURY_AND_COUNCIL, PDF, PNG, points, startWithPeople, type Reply } from './selection-support.js';
import { schemeClient, setUpSchemeActors, type Scheme } from './schemes-support.js';
import { InstanceView } from '../src/workflow/dto.js';
import { startTestApi, type TestApi } from './harness.js';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { MetricsService } from '../src/metrics/metrics.service.js';

const DAY = 86_400_000;
const year = new Date().getUTCFullYear();

interface Offered {
  name: string;
  requiresReason: boolean;
  fields: { field: string; max: number | null }[];
}
interface View {
  stage: string;
  version: number;
  availableActions: Offered[];
  submittedByYou: boolean;
  criteria: { code: string; max: number }[];
}
interface OpenTask {
  stage: string;
  actions: string[];
  assignee: { kind: 'person'; userId: string; name: string | null } | { kind: 'role'; role: string; scopeType: string; scopeId: string | null };
}
interface Answer {
  instance: View;
  openTasks: OpenTask[];
  code?: string;
}

const names = (view: { availableActions: Offered[] }) => view.availableActions.map((action) => action.name).sort();

/**
 * One command path (issue 18): every state change — engine commands, scheme commands, a round's set-up, jury and
 * council assignments — is counted by the same metrics, by name and outcome.
 */
async function commandCounts(api: TestApi, names: readonly string[]): Promise<Record<string, number>> {
  const text = await api.app.get(MetricsService).render();
  return Object.fromEntries(
    names.map((name) => {
      const line = text
        .split('\n')
        .find((candidate) => candidate.startsWith(`khuyencong_commands_total{type="${name.split(':')[0]}",outcome="${name.split(':')[1] ?? 'ok'}"}`));
      return [name, line === undefined ? 0 : Number(line.split(' ').at(-1))];
    }),
  );
}

/** The audit entries the set-up left (engine commands are recorded by the instance's event chain instead). */
async function auditActions(api: TestApi, targetId: string): Promise<string[]> {
  const rows = await api.app
    .get<DataSource>(getDataSourceToken())
    .query<{ action: string }[]>(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [targetId]);
  return rows.map((row) => row.action);
}

/** The answer is exactly what the published InstanceView says: every field of its type, no field it does not declare. */
function conforms(view: unknown): void {
  const parsed = InstanceView.safeParse(view);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toEqual(view);
}

describe('what comes next: a selection entry', () => {
  let api: TestApi;
  let h: ReturnType<typeof http>;
  let t: Record<string, string>;
  let id: Record<string, string>;

  beforeAll(async () => {
    ({ api, h, t, id } = await startWithPeople(
      [
        ['applicant', []],
        ['gialai', [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
        ['daklak', [{ role: 'provincial_officer', scopeType: 'province', scopeId: 'dak-lak-2025' }]],
        ['signer', [{ role: 'signer', scopeType: 'province', scopeId: 'gia-lai-2025' }]],
        ...JURY_AND_COUNCIL,
      ],
      'Mat-khau-2026',
      'next.',
    ));
  }, 60_000);
  afterAll(() => api.close());

  /** The next actor reads the instance once: what they are offered. */
  const offeredTo = async (token: string, entry: string) => {
    const read = await h.call<View>(token, 'GET', `/api/instances/${entry}`);
    expect(read.status).toBe(200);
    conforms(read.body);
    return names(read.body);
  };
  const ok = (reply: Reply<Answer>) => {
    if (reply.status !== 200) throw new Error(`${reply.status} ${JSON.stringify(reply.body)}`);
    conforms(reply.body.instance);
    return reply.body;
  };
  const command = async (token: string, entry: string, type: string, payload: Record<string, unknown> = {}) =>
    ok((await h.command(token, entry, type, payload)) as unknown as Reply<Answer>);

  it('offers each actor, in turn, exactly the command the journey needs from them', async () => {
    const establishment = await h.call<{ id: string }>(t.applicant!, 'POST', '/api/establishments', {
      name: 'Cơ sở dệt thổ cẩm Ia Ly',
      legalForm: 'household_business',
      registrationNumber: '59A-000777',
      communeCode: '23734',
      provinceCode: 'gia-lai-2025',
    });
    expect((await h.call(t.gialai!, 'POST', `/api/establishments/${establishment.body.id}/verify`)).status).toBe(200);
    const round = await h.call<{ id: string }>(t.gialai!, 'POST', '/api/rounds', {
      name: `Bình chọn Gia Lai ${year}`,
      level: 'province',
      year,
      scopeCode: 'gia-lai-2025',
      passThreshold: 70,
      registrationOpensAt: new Date(Date.now() - DAY).toISOString(),
      registrationClosesAt: new Date(Date.now() + 30 * DAY).toISOString(),
    });
    await h.call(t.gialai!, 'POST', `/api/rounds/${round.body.id}/status`, { status: 'open' });
    const dossier = {
      registrationForm: await h.upload(t.applicant!, PDF('next-don'), 'don.pdf', 'application/pdf'),
      businessRegistration: await h.upload(t.applicant!, PDF('next-dkkd'), 'dkkd.pdf', 'application/pdf'),
      productDescription: await h.upload(t.applicant!, PDF('next-mota'), 'mota.pdf', 'application/pdf'),
      photos: [
        await h.upload(t.applicant!, PNG(71), 'a1.png', 'image/png'),
        await h.upload(t.applicant!, PNG(72), 'a2.png', 'image/png'),
        await h.upload(t.applicant!, PNG(73), 'a3.png', 'image/png'),
      ],
    };
    const created = await h.call<{ instanceId: string; instance: View }>(t.applicant!, 'POST', `/api/rounds/${round.body.id}/entries`, {
      establishmentId: establishment.body.id,
      productName: 'Khăn thổ cẩm Ia Ly',
      productGroup: 'HANDICRAFT',
      dossier,
    });
    expect(created.status).toBe(201);
    const entry = created.body.instanceId;
    expect(names(created.body.instance)).toEqual(['submit', 'withdraw']);
    expect(created.body.instance.criteria.reduce((sum, criterion) => sum + criterion.max, 0)).toBe(100);

    // Submit: the applicant may only withdraw now; the province's officers are waited for, and offered the screening.
    const submitted = ok((await h.submit(t.applicant!, entry)) as unknown as Reply<Answer>);
    expect(names(submitted.instance)).toEqual(['withdraw']);
    expect(submitted.openTasks).toEqual([
      expect.objectContaining({ stage: 'screening', assignee: { kind: 'role', role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai-2025' } }),
    ]);
    expect(await offeredTo(t.gialai!, entry)).toEqual(['accept', 'reject', 'return']);
    expect((await h.call(t.daklak!, 'GET', `/api/instances/${entry}`)).status).toBe(404);

    // Return: the officer has nothing left to do; the applicant is offered the resubmission.
    const returned = await command(t.gialai!, entry, 'return', { reason: 'Ảnh chưa rõ' });
    expect(names(returned.instance)).toEqual([]);
    expect(returned.openTasks.map((task) => [task.stage, task.assignee.kind === 'role' ? task.assignee.role : task.assignee.kind])).toEqual([
      ['revision', 'applicant'],
    ]);
    expect(await offeredTo(t.applicant!, entry)).toEqual(['resubmit', 'withdraw']);
    ok((await h.submit(t.applicant!, entry, 'resubmit')) as unknown as Reply<Answer>);

    // Accept: the jury is set up by the organiser; then each judge is offered the score once.
    // The body may repeat the command's type, as the published union has it; a different one is refused (400).
    const version = (await h.call<View>(t.gialai!, 'GET', `/api/instances/${entry}`)).body.version;
    const send = (body: unknown) =>
      h.call<Answer>(t.gialai!, 'POST', `/api/instances/${entry}/commands/accept`, body, {
        'idempotency-key': `k-${version}-${JSON.stringify(body).length}-next`,
        'if-match': `"${version}"`,
      });
    const mismatch = await send({ type: 'reject', payload: {} });
    expect([mismatch.status, (mismatch.body as unknown as { code: string }).code]).toEqual([400, 'MALFORMED_REQUEST']);
    const accepted = ok(await send({ type: 'accept', payload: {} }));
    expect(accepted.instance.stage).toBe('scoring');
    expect((await h.call(t.gialai!, 'PUT', `/api/rounds/${round.body.id}/jury`, { judges: [id.judge1, id.judge2, id.judge3] })).status).toBe(200);
    expect(await offeredTo(t.judge1!, entry)).toEqual(['recuse', 'score']);
    // What a judge scores on is also readable as reference data by every signed-in role (not by the anonymous).
    const sets = await h.call<{ code: string; groups: { code: string; max: number }[] }[]>(t.judge1!, 'GET', '/api/reference/criteria-sets');
    expect(sets.status).toBe(200);
    expect(sets.body.length).toBeGreaterThan(0);
    expect((await h.call(null, 'GET', '/api/reference/criteria-sets')).status).toBe(401);
    expect((await h.call<unknown[]>(t.applicant!, 'GET', '/api/reference/provinces')).body.length).toBe(34);
    const first = await command(t.judge1!, entry, 'score', points(35, 35, 9, 9));
    expect(names(first.instance)).toEqual([]);
    expect(await offeredTo(t.judge2!, entry)).toEqual(['recuse', 'score']);
    await command(t.judge2!, entry, 'score', points(34, 34, 9, 9));
    expect(await offeredTo(t.judge3!, entry)).toEqual(['recuse', 'score']);
    const last = await command(t.judge3!, entry, 'score', points(35, 35, 9, 9));
    expect(last.instance.stage).toBe('council_review');
    expect(last.openTasks.every((task) => task.assignee.kind === 'role' && task.assignee.role === 'provincial_officer')).toBe(true);

    // The council: each member is offered the vote until they cast it; the chair's vote leaves the signer waited for.
    expect(
      (await h.call(t.gialai!, 'PUT', `/api/rounds/${round.body.id}/council`, { members: [id.member1, id.member2, id.chair], chair: id.chair })).status,
    ).toBe(200);
    expect(await offeredTo(t.member1!, entry)).toEqual(['vote']);
    const vote = await command(t.member1!, entry, 'vote', { vote: 'approve' });
    expect(names(vote.instance)).toEqual([]);
    // The council waits for the two who have not voted, by name.
    expect(vote.openTasks.map((task) => [task.stage, task.actions, task.assignee.kind === 'person' ? task.assignee.name : null])).toEqual([
      ['council_review', ['vote'], 'next.member2'],
      ['council_review', ['vote'], 'next.chair'],
    ]);
    expect(await offeredTo(t.member2!, entry)).toEqual(['vote']);
    await command(t.member2!, entry, 'vote', { vote: 'approve' });
    expect(await offeredTo(t.chair!, entry)).toEqual(['vote']);
    const chaired = await command(t.chair!, entry, 'vote', { vote: 'approve' });
    expect(chaired.instance.stage).toBe('decision');
    expect(chaired.openTasks.map((task) => [task.stage, task.assignee.kind === 'role' ? `${task.assignee.role}:${task.assignee.scopeId}` : 'person'])).toEqual([
      ['decision', 'signer:gia-lai-2025'],
    ]);
    // The decision is a round's list, taken on the round's own route: not offered per entry.
    expect(await offeredTo(t.signer!, entry)).toEqual([]);

    // Every change above went through the one command path: counted by name and outcome, the set-up audited.
    expect(
      await commandCounts(api, ['round.create', 'round.status', 'round.jury', 'round.council', 'submit', 'resubmit', 'return', 'accept', 'score', 'vote']),
    ).toEqual({
      'round.create': 1,
      'round.status': 1,
      'round.jury': 1,
      'round.council': 1,
      submit: 1,
      resubmit: 1,
      return: 1,
      accept: 1,
      score: 3,
      vote: 3,
    });
    expect(await auditActions(api, round.body.id)).toEqual(['round.create', 'round.status', 'round.jury', 'round.council']);
  }, 120_000);
});

describe('what comes next: a scheme', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  }, 60_000);
  afterAll(() => api.close());

  it('keeps four eyes in the answer: the officer who submitted is offered only the withdrawal; the appraiser the appraisal', async () => {
    const { tokens, centreId } = await setUpSchemeActors(api);
    const client = schemeClient(api);
    const created = await client.create(tokens.implementer, {
      title: 'Đào tạo nghề dệt thổ cẩm',
      implementingUnitId: centreId,
      contentGroupCode: 'CG5',
      subActivity: 'TRAINING',
      fundingSource: 'NATIONAL',
      year: year + 2,
      provinceCode: 'gia-lai-2025',
      location: 'Xã Ia Ly, Gia Lai',
      beneficiaries: [{ name: 'HTX dệt Ia Ly', supportAmount: 200_000_000, coFundingAmount: 0 }],
      budgetLines: [{ activityCode: 'TRAINING', description: 'Hai lớp', eligibleCost: 200_000_000, supportAmount: 200_000_000 }],
    });
    expect(created.status).toBe(201);
    const instanceId = (created.body as Scheme & { instanceId: string }).instanceId;
    const read = async (token: string) => names((await client.call<View>(token, 'GET', `/api/instances/${instanceId}`)).body);
    expect(await read(tokens.implementer)).toEqual(['submit', 'withdraw']);

    const submitted = await client.act(tokens.implementer, created.body, 'submit');
    expect(submitted.status).toBe(200);
    const answer = submitted.body as unknown as { scheme: Scheme; nextActions: string[] };
    expect(answer.nextActions).toEqual(['withdraw']);
    const appraiser = await client.call<View>(tokens.appraiser, 'GET', `/api/instances/${instanceId}`);
    // The province's officers act for the scheme's side too (withdraw is the submitting side's, four-eyes-exempt).
    expect(names(appraiser.body)).toEqual(['pass', 'reject', 'return', 'withdraw']);
    expect(appraiser.body.availableActions.find((action) => action.name === 'pass')?.fields.map((field) => field.field)).toContain('approvedAmount');
    const own = await client.call<View>(tokens.implementer, 'GET', `/api/instances/${instanceId}`);
    expect(own.body.submittedByYou).toBe(true);
    // What the implementer is not offered, the API refuses.
    expect((await client.act(tokens.implementer, answer.scheme, 'pass', { approvedAmount: 100_000_000 })).status).toBe(403);
    const passed = await client.act(tokens.appraiser, answer.scheme, 'pass', { approvedAmount: 180_000_000 });
    expect((passed.body as unknown as { nextActions: string[] }).nextActions).toEqual(['withdraw']);
    expect(await read(tokens.central)).toEqual(['pass', 'reject', 'return']);
    expect((await client.call(tokens.foreign, 'GET', `/api/instances/${instanceId}`)).status).toBe(404);

    // Scheme commands run through the same command path as every other: the refused pass is counted as refused.
    expect(await commandCounts(api, ['submit', 'pass', 'pass:rejected'])).toEqual({ submit: 1, pass: 1, 'pass:rejected': 1 });
  }, 120_000);
});
