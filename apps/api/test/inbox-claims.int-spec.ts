import { startTestApi, type TestApi } from './harness.js';
import { inboxWorld, type InboxWorld } from './inbox-support.js';
import { http } from './selection-support.js';

interface Body {
  code?: string;
  message?: string;
  details?: { claimedBy?: { userId: string; name: string } };
  claimedBy?: { userId: string; name: string } | null;
  items?: {
    taskId: string;
    instanceId: string;
    claimedBy: { name: string } | null;
    claimedByMe: boolean;
    claimable: boolean;
    userId?: string;
    name?: string;
    claimant?: boolean;
  }[];
}

describe('inbox: claim, release and reassign', () => {
  let api: TestApi;
  let world: InboxWorld;
  let call: ReturnType<typeof http>['call'];
  let command: ReturnType<typeof http>['command'];

  beforeAll(async () => {
    api = await startTestApi();
    ({ call, command } = http(api));
    world = await inboxWorld(api, 'claims');
  });
  afterAll(() => api.close());

  async function taskOf(token: string, instanceId: string) {
    const page = await call<Body>(token, 'GET', '/api/inbox?page=1&limit=200');
    return page.body.items!.find((item) => item.instanceId === instanceId);
  }
  const post = (token: string, taskId: string, action: string, body?: unknown) => call<Body>(token, 'POST', `/api/inbox/${taskId}/${action}`, body);
  const audits = async (instanceId: string) =>
    (
      await api.database.dataSource.query<{ action: string; actor_user_id: string; details: Record<string, unknown> }[]>(
        `SELECT action, actor_user_id, details FROM audit_log WHERE target_type = 'instance' AND target_id = $1 AND action LIKE 'task.%' ORDER BY id`,
        [instanceId],
      )
    ).map((row) => [row.action, row.actor_user_id, row.details.from ?? null, row.details.to ?? null]);

  it('lets an officer of the scope claim; a colleague sees it claimed by name and is refused with 409 naming the claimant', async () => {
    const { gialai, gialai2, daklak, cuc } = world.users;
    const entry = await world.screeningEntry('gia-lai-2025', 'Cà phê Chư Sê', 'Cơ sở Cà phê Chư Sê');
    const task = (await taskOf(gialai.token, entry))!;
    const claimed = await post(gialai.token, task.taskId, 'claim');
    expect(claimed.status).toBe(200);
    expect(claimed.body.claimedBy).toEqual({ userId: gialai.id, name: gialai.name });
    expect((await post(gialai.token, task.taskId, 'claim')).status).toBe(200);
    expect(await taskOf(gialai.token, entry)).toMatchObject({ claimedByMe: true, claimedBy: { name: gialai.name } });
    expect(await taskOf(gialai2.token, entry)).toMatchObject({ claimedByMe: false, claimedBy: { name: gialai.name } });
    const refused = await post(gialai2.token, task.taskId, 'claim');
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('ALREADY_CLAIMED');
    expect(refused.body.details?.claimedBy).toEqual({ userId: gialai.id, name: gialai.name });
    expect(refused.body.message).toContain(gialai.name);
    // Đắk Lắk does not see Gia Lai's task at all; the Cục sees the entry but does not hold the provincial role.
    expect((await post(daklak.token, task.taskId, 'claim')).status).toBe(404);
    const central = await post(cuc.token, task.taskId, 'claim');
    expect([central.status, central.body.code]).toEqual([403, 'NOT_ALLOWED']);
    expect(await audits(entry)).toEqual([['task.claim', gialai.id, null, null]]);
  });

  it('releases by the claimant or a colleague of the same scope, never by someone outside it', async () => {
    const { gialai, gialai2, both, daklak, cuc } = world.users;
    const entry = await world.screeningEntry('gia-lai-2025', 'Tiêu Chư Pưh', 'Cơ sở Tiêu Chư Pưh');
    const task = (await taskOf(gialai.token, entry))!;
    expect((await post(gialai.token, task.taskId, 'claim')).status).toBe(200);
    expect((await post(daklak.token, task.taskId, 'release')).status).toBe(404);
    expect((await post(cuc.token, task.taskId, 'release')).body.code).toBe('NOT_ALLOWED');
    const released = await post(gialai2.token, task.taskId, 'release');
    expect([released.status, released.body.claimedBy]).toEqual([200, null]);
    expect((await taskOf(gialai.token, entry))?.claimedBy).toBeNull();
    expect((await post(both.token, task.taskId, 'claim')).status).toBe(200);
    expect((await post(both.token, task.taskId, 'release')).status).toBe(200);
    expect((await post(both.token, task.taskId, 'release')).status).toBe(200);
    expect(await audits(entry)).toEqual([
      ['task.claim', gialai.id, null, null],
      ['task.release', gialai2.id, gialai.id, null],
      ['task.claim', both.id, null, null],
      ['task.release', both.id, both.id, null],
    ]);
  });

  it('reassigns only to a person of the same role and scope, chosen from the eligible list, and only by such an officer', async () => {
    const { gialai, gialai2, both, daklak, cuc } = world.users;
    const entry = await world.screeningEntry('gia-lai-2025', 'Rượu cần Kon Chiêng', 'Cơ sở Rượu cần Kon Chiêng');
    const task = (await taskOf(gialai.token, entry))!;
    expect((await post(gialai.token, task.taskId, 'claim')).status).toBe(200);
    const eligible = await call<Body>(gialai.token, 'GET', `/api/inbox/${task.taskId}/eligible-assignees`);
    expect(eligible.status).toBe(200);
    expect(eligible.body.items!.map((person) => [person.name, person.claimant])).toEqual(
      [
        [both.name, false],
        [gialai.name, true],
        [gialai2.name, false],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect((await call<Body>(cuc.token, 'GET', `/api/inbox/${task.taskId}/eligible-assignees`)).status).toBe(403);
    const outside = await post(gialai.token, task.taskId, 'reassign', { toUserId: daklak.id });
    expect([outside.status, outside.body.code]).toEqual([422, 'ASSIGNEE_NOT_ELIGIBLE']);
    expect((await post(gialai.token, task.taskId, 'reassign', { toUserId: cuc.id })).body.code).toBe('ASSIGNEE_NOT_ELIGIBLE');
    expect((await post(cuc.token, task.taskId, 'reassign', { toUserId: gialai2.id })).status).toBe(403);
    expect((await post(daklak.token, task.taskId, 'reassign', { toUserId: gialai2.id })).status).toBe(404);
    expect((await post(gialai.token, task.taskId, 'reassign', { toUserId: 'nobody' })).status).toBe(400);
    const handed = await post(gialai.token, task.taskId, 'reassign', { toUserId: gialai2.id });
    expect([handed.status, handed.body.claimedBy]).toEqual([200, { userId: gialai2.id, name: gialai2.name }]);
    expect(await taskOf(gialai2.token, entry)).toMatchObject({ claimedByMe: true });
    expect(await taskOf(gialai.token, entry)).toMatchObject({ claimedByMe: false, claimedBy: { name: gialai2.name } });
    expect((await post(gialai2.token, task.taskId, 'release')).status).toBe(200);
    expect(await audits(entry)).toEqual([
      ['task.claim', gialai.id, null, null],
      ['task.reassign', gialai.id, gialai.id, gialai2.id],
      ['task.release', gialai2.id, gialai2.id, null],
    ]);
  });

  it('lets exactly one of two officers claiming the same task at the same moment win', async () => {
    const { gialai, gialai2, both } = world.users;
    for (let round = 0; round < 6; round += 1) {
      const entry = await world.screeningEntry('gia-lai-2025', `Sản phẩm đồng thời ${round}`, `Cơ sở đồng thời ${round}`);
      const task = (await taskOf(gialai.token, entry))!;
      const racers = [gialai, gialai2, both];
      const answers = await Promise.all(racers.map((racer) => post(racer.token, task.taskId, 'claim')));
      const winners = answers.filter((answer) => answer.status === 200);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.body.claimedBy!;
      for (const answer of answers.filter((candidate) => candidate.status !== 200)) {
        expect([answer.status, answer.body.code, answer.body.details?.claimedBy]).toEqual([409, 'ALREADY_CLAIMED', winner]);
      }
      const [{ n }] = await api.database.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM task_claims WHERE instance_id = $1`, [entry]);
      expect(n).toBe(1);
    }
  });

  it('is advisory: a colleague may still act, and the claim ends when the entry leaves the stage', async () => {
    const { gialai, gialai2 } = world.users;
    const entry = await world.screeningEntry('gia-lai-2025', 'Mây tre Ayun Pa', 'Cơ sở Mây tre Ayun Pa');
    const task = (await taskOf(gialai.token, entry))!;
    expect((await post(gialai.token, task.taskId, 'claim')).status).toBe(200);
    const returned = await command(gialai2.token, entry, 'return', { reason: 'Bổ sung ảnh sản phẩm' });
    expect([returned.status, returned.body.instance.stage]).toEqual([200, 'revision']);
    const [{ n }] = await api.database.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM task_claims WHERE instance_id = $1`, [entry]);
    expect(n).toBe(0);
    expect((await post(gialai.token, task.taskId, 'claim')).status).toBe(404);
  });

  it('refuses a claim on work already addressed to one person (the engine’s own task claim)', async () => {
    const { gialai, gialai2 } = world.users;
    const entry = await world.screeningEntry('gia-lai-2025', 'Gốm Plei Ring', 'Cơ sở Gốm Plei Ring');
    expect((await command(gialai2.token, entry, 'claim')).status).toBe(200);
    const personal = (await taskOf(gialai2.token, entry))!;
    expect(personal.claimable).toBe(false);
    const refused = await post(gialai2.token, personal.taskId, 'claim');
    expect([refused.status, refused.body.code]).toEqual([422, 'TASK_NOT_CLAIMABLE']);
    expect((await post(gialai.token, personal.taskId, 'claim')).body.code).toBe('TASK_NOT_CLAIMABLE');
  });
});
