import {
  EventStore,
  InstanceNotFoundError,
  InstanceStore,
  KeyAlreadyUsedError,
  StaleVersionError,
  TIMER_WAKE_HORIZON_MS,
  type CommitDecisionInput,
} from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { countWrites, createEntry, createUser, publishDefinition } from './fixtures.js';

describe('InstanceStore', () => {
  let db: TestDatabase;
  let userId: string;
  const store = new InstanceStore();

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await publishDefinition(db.dataSource);
    userId = await createUser(db.dataSource);
  });
  afterAll(() => db.drop());

  const submit = (instanceId: string, expectedVersion: number): CommitDecisionInput => ({
    instanceId,
    expectedVersion,
    newState: { stage: 'screening' },
    columns: { stage: 'screening', slaState: 'on_time', dueAt: new Date('2025-03-10T10:00:00Z') },
    events: [
      {
        type: 'submitted',
        actorUserId: userId,
        data: { by: 'applicant' },
        occurredAt: new Date('2025-03-03T02:00:00Z'),
      },
      { type: 'sla_started', data: { days: 5 } },
    ],
    tasks: [
      {
        stage: 'screening',
        actions: ['accept', 'return', 'reject'],
        role: 'provincial_officer',
        scopeType: 'province',
        scopeId: 'gia-lai-2025',
      },
    ],
    effects: [
      { effectType: 'notify', payload: { template: 'entry_submitted' } },
      { effectType: 'pdf', payload: { kind: 'receipt' } },
    ],
    timers: [{ kind: 'sla', key: 'screening:due', dueAt: new Date('2025-03-10T10:00:00Z') }],
  });

  it('creates an instance at version 1 with its first event and task', async () => {
    const created = await createEntry(db.dataSource.manager, userId);
    expect(created.version).toBe(1);
    expect(created.events.map((e) => e.seq)).toEqual([1]);
    expect(await countWrites(db.dataSource, created.instanceId)).toEqual({
      events: 1,
      tasks: 1,
      outbox: 0,
      timers: 0,
      version: 1,
    });
  });

  it('commits a decision: bumps the version, appends chained events, replaces tasks, writes outbox rows and timers', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    const result = await db.dataSource.transaction((manager) => store.commitDecision(manager, submit(instanceId, 1)));

    expect(result.version).toBe(2);
    expect(result.events.map((e) => [e.seq, e.type])).toEqual([
      [2, 'submitted'],
      [3, 'sla_started'],
    ]);
    expect(result.events[0]!.occurredAt.toISOString()).toBe('2025-03-03T02:00:00.000Z');
    expect(result.outboxIds).toHaveLength(2);
    const wakeUps = await db.dataSource.query<{ payload: { timerId: string; dueAt: string } }[]>(
      `SELECT payload FROM outbox WHERE instance_id = $1 AND effect_type = 'timer.wake'`,
      [instanceId],
    );
    expect(wakeUps).toHaveLength(1);
    expect(wakeUps[0]!.payload.timerId).toMatch(/^\d+$/);
    expect(await countWrites(db.dataSource, instanceId)).toEqual({
      events: 3,
      tasks: 1,
      outbox: 3,
      timers: 1,
      version: 2,
    }); // 2 effects + 1 timer wake-up

    const [instance] = await db.dataSource.query<{ stage: string; sla_state: string; state: unknown; province_code: string }[]>(
      'SELECT stage, sla_state, state, province_code FROM workflow_instances WHERE id = $1',
      [instanceId],
    );
    expect(instance).toEqual({
      stage: 'screening',
      sla_state: 'on_time',
      state: { stage: 'screening' },
      province_code: 'gia-lai-2025',
    });
    const tasks = await db.dataSource.query<{ role: string; actions: string[] }[]>('SELECT role, actions FROM open_tasks WHERE instance_id = $1', [instanceId]);
    expect(tasks).toEqual([{ role: 'provincial_officer', actions: ['accept', 'return', 'reject'] }]);
    expect(await new EventStore().verifyChain(db.dataSource.manager, instanceId)).toEqual({
      ok: true,
      count: 3,
    });
  });

  it('keeps the id of a task that stays across a commit, replaces the others, and pairs twin tasks one to one', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    await db.dataSource.transaction((manager) => store.commitDecision(manager, submit(instanceId, 1)));
    const read = () =>
      db.dataSource.query<{ id: string; role: string; actions: string[]; sla_state: string | null; assignee_user_id: string | null }[]>(
        'SELECT id, role, actions, sla_state, assignee_user_id FROM open_tasks WHERE instance_id = $1 ORDER BY role, created_at, id',
        [instanceId],
      );
    const [screening] = await read();
    const judge = (assignee: string | null) => ({
      stage: 'screening',
      actions: ['score'],
      role: 'judge' as const,
      scopeType: 'province' as const,
      scopeId: 'gia-lai-2025',
      assigneeUserId: assignee,
    });
    const commit = (version: number, tasks: CommitDecisionInput['tasks']) =>
      db.dataSource.transaction((manager) =>
        store.commitDecision(manager, { ...submit(instanceId, version), events: [{ type: 'sla_warned' }], effects: [], timers: [], tasks }),
      );

    // A timer turns the deadline state: the officer's task is the same task, with its new state and actions.
    await commit(2, [{ ...submit(instanceId, 2).tasks[0]!, actions: ['accept', 'reject'], slaState: 'due_soon' }, judge(userId), judge(null), judge(null)]);
    const second = await read();
    expect(second.find((task) => task.role === 'provincial_officer')).toEqual({ ...screening, actions: ['accept', 'reject'], sla_state: 'due_soon' });
    const judges = second.filter((task) => task.role === 'judge');
    expect(judges).toHaveLength(3);

    // The next commit keeps one of the two unassigned judge tasks and the assigned one, drops the officer's.
    await commit(3, [judge(null), judge(userId)]);
    const third = await read();
    expect(third.map((task) => task.role)).toEqual(['judge', 'judge']);
    const kept = new Set(judges.map((task) => task.id));
    expect(third.every((task) => kept.has(task.id))).toBe(true);
    expect(third.find((task) => task.assignee_user_id === userId)?.id).toBe(judges.find((task) => task.assignee_user_id === userId)?.id);
  });

  it('throws StaleVersionError and writes nothing when the version moved on', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    await db.dataSource.transaction((manager) => store.commitDecision(manager, submit(instanceId, 1)));
    const before = await countWrites(db.dataSource, instanceId);

    const attempt = db.dataSource.transaction((manager) => store.commitDecision(manager, submit(instanceId, 1)));
    await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
    await expect(attempt).rejects.toMatchObject({
      code: 'stale_version',
      expectedVersion: 1,
      actualVersion: 2,
    });
    expect(await countWrites(db.dataSource, instanceId)).toEqual(before);
  });

  it('lets exactly one of two concurrent decisions on the same version win', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    const outcomes = await Promise.allSettled([
      db.dataSource.transaction((manager) => store.commitDecision(manager, submit(instanceId, 1))),
      db.dataSource.transaction((manager) => store.commitDecision(manager, submit(instanceId, 1))),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(StaleVersionError);
    expect(await countWrites(db.dataSource, instanceId)).toEqual({
      events: 3,
      tasks: 1,
      outbox: 3,
      timers: 1,
      version: 2,
    }); // 2 effects + 1 timer wake-up
  });

  it('rolls back the state, events, tasks, outbox rows and timers when the transaction fails after the write', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    const before = await countWrites(db.dataSource, instanceId);
    const attempt = db.dataSource.transaction(async (manager) => {
      const written = await store.commitDecision(manager, submit(instanceId, 1));
      expect(written.version).toBe(2);
      throw new Error('failure after the write');
    });
    await expect(attempt).rejects.toThrow('failure after the write');
    expect(await countWrites(db.dataSource, instanceId)).toEqual(before);
    const [instance] = await db.dataSource.query<{ stage: string }[]>('SELECT stage FROM workflow_instances WHERE id = $1', [instanceId]);
    expect(instance?.stage).toBe('draft');
  });

  it('reports an unknown instance as InstanceNotFoundError', async () => {
    const attempt = store.commitDecision(db.dataSource.manager, submit('00000000-0000-4000-8000-000000000000', 1));
    await expect(attempt).rejects.toBeInstanceOf(InstanceNotFoundError);
  });

  it('re-arms a timer scheduled again under the same key and cancels pending timers by key', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    await store.commitDecision(db.dataSource.manager, submit(instanceId, 1));
    await store.commitDecision(db.dataSource.manager, {
      ...submit(instanceId, 2),
      timers: [{ kind: 'sla', key: 'screening:due', dueAt: new Date('2025-03-20T10:00:00Z') }],
    });
    const timers = await db.dataSource.query<{ due_at: Date }[]>('SELECT due_at FROM timers WHERE instance_id = $1', [instanceId]);
    expect(timers.map((t) => t.due_at.toISOString())).toEqual(['2025-03-20T10:00:00.000Z']);

    await store.commitDecision(db.dataSource.manager, {
      ...submit(instanceId, 3),
      timers: [],
      cancelTimerKeys: ['screening:due'],
    });
    const [timer] = await db.dataSource.query<{ cancelled: boolean }[]>('SELECT cancelled_at IS NOT NULL AS cancelled FROM timers WHERE instance_id = $1', [
      instanceId,
    ]);
    expect(timer?.cancelled).toBe(true);
  });

  it('writes a wake-up only for timers due within the horizon; later ones are left to the sweep', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    const soon = new Date(Date.now() + TIMER_WAKE_HORIZON_MS - 60_000);
    const later = new Date(Date.now() + 3 * 86_400_000);
    await store.commitDecision(db.dataSource.manager, {
      ...submit(instanceId, 1),
      timers: [
        { kind: 'sla', key: 'soon', dueAt: soon },
        { kind: 'sla', key: 'later', dueAt: later },
      ],
    });
    const wakeUps = await db.dataSource.query<{ payload: { timerId: string; dueAt: string } }[]>(
      `SELECT payload FROM outbox WHERE instance_id = $1 AND effect_type = 'timer.wake'`,
      [instanceId],
    );
    const [soonTimer] = await db.dataSource.query<{ id: string }[]>(`SELECT id FROM timers WHERE instance_id = $1 AND key = 'soon'`, [instanceId]);
    expect(wakeUps.map((row) => row.payload)).toEqual([{ timerId: soonTimer!.id, dueAt: soon.toISOString() }]);
    expect(await countWrites(db.dataSource, instanceId)).toMatchObject({ timers: 2 });
  });

  it('keeps a timer armed when one decision cancels its key and arms it again', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    await store.commitDecision(db.dataSource.manager, submit(instanceId, 1));
    await store.commitDecision(db.dataSource.manager, {
      ...submit(instanceId, 2),
      timers: [{ kind: 'sla', key: 'screening:due', dueAt: new Date('2025-04-01T10:00:00Z') }],
      cancelTimerKeys: ['screening:due'],
    });
    const timers = await db.dataSource.query<{ due_at: Date; cancelled: boolean }[]>(
      'SELECT due_at, cancelled_at IS NOT NULL AS cancelled FROM timers WHERE instance_id = $1',
      [instanceId],
    );
    expect(timers).toEqual([{ due_at: new Date('2025-04-01T10:00:00Z'), cancelled: false }]);
  });

  it('appends several events of one decision in order, each chained to the one before', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    const events = Array.from({ length: 12 }, (_, index) => ({ type: `step_${index}`, data: { index } }));
    const result = await store.commitDecision(db.dataSource.manager, { ...submit(instanceId, 1), events });
    expect(result.events.map((event) => [event.seq, event.type])).toEqual(events.map((event, index) => [index + 2, event.type]));
    expect(result.events.map((event) => event.prevHash).slice(1)).toEqual(result.events.map((event) => event.hash).slice(0, -1));
    const stored = await new EventStore().history(db.dataSource.manager, instanceId);
    expect(stored.slice(1).map((event) => event.type)).toEqual(events.map((event) => event.type));
    expect(await new EventStore().verifyChain(db.dataSource.manager, instanceId)).toEqual({
      ok: true,
      count: 13,
    });
  });

  it('claims an idempotency key in the statement that loads the instance; a used key throws KeyAlreadyUsedError', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    const claim = { userId, key: `k-${instanceId}`, requestHash: 'h1' };
    await db.dataSource.transaction(async (manager) => {
      const loaded = await store.load(manager, instanceId, claim);
      expect(loaded).toMatchObject({ version: 1, definitionCode: expect.any(String) as string });
      await store.commitDecision(manager, {
        ...submit(instanceId, 1),
        response: { userId, key: claim.key, status: 200, body: { ok: true } },
      });
    });
    const [stored] = await db.dataSource.query<{ response_status: number; response_body: unknown }[]>(
      `SELECT response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, claim.key],
    );
    expect(stored).toEqual({ response_status: 200, response_body: { ok: true } });
    await expect(db.dataSource.transaction((manager) => store.load(manager, instanceId, claim))).rejects.toBeInstanceOf(KeyAlreadyUsedError);
    // A claim rolled back with its transaction leaves the key free.
    const other = { ...claim, key: `k2-${instanceId}` };
    await expect(
      db.dataSource.transaction(async (manager) => {
        await store.load(manager, instanceId, other);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.dataSource.transaction((manager) => store.load(manager, instanceId, other))).toMatchObject({ version: 2 });
    expect(await store.load(db.dataSource.manager, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});
