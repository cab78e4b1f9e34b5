// Behind a pooler in transaction mode (DATABASE_TRANSACTION_POOLER) the hot statements run as PL/pgSQL functions
// created on first use. This file runs InstanceStore's and IdempotencyStore's statements that way and checks the
// functions' own risks: many transactions needing the same new function at once, and a creation rolled back with
// its command. (instance-store.int-spec checks the same statements as named prepared statements.)
import { IdempotencyStore, InstanceStore, KeyAlreadyUsedError, parameterTypes, setNamedStatements } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { countWrites, createEntry, createUser, publishDefinition } from './fixtures.js';

describe('hot statements as functions (behind a transaction pooler)', () => {
  let db: TestDatabase;
  let userId: string;
  const store = new InstanceStore();

  beforeAll(async () => {
    setNamedStatements(false);
    db = await createTestDatabase({ seed: false });
    await publishDefinition(db.dataSource);
    userId = await createUser(db.dataSource);
  });
  afterAll(async () => {
    setNamedStatements(true);
    await db.drop();
  });

  const statementFunctions = async () =>
    (await db.dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM pg_proc WHERE proname LIKE 'kc\\_s\\_%'`))[0]!.count;

  const submit = (instanceId: string, expectedVersion: number, key?: string) => ({
    instanceId,
    expectedVersion,
    newState: { stage: 'screening' },
    columns: { stage: 'screening', slaState: 'on_time' },
    events: [{ type: 'submitted', actorUserId: userId, data: { by: 'applicant' } }],
    tasks: [{ stage: 'screening', actions: ['accept', 'return'], role: 'provincial_officer', scopeType: 'province', scopeId: 'gia-lai' }],
    effects: [{ effectType: 'notify', payload: { template: 'entry_submitted' } }],
    timers: [{ kind: 'sla', key: 'screening:due', dueAt: new Date(Date.now() + 60_000) }],
    ...(key ? { response: { userId, key, status: 200, body: { ok: key } } } : {}),
  });

  it('reads each parameter type from its cast, and refuses a statement with an uncast parameter', () => {
    expect(parameterTypes('SELECT $2::text[], $1::uuid, $3::jsonb WHERE $1::uuid IS NOT NULL', 3)).toEqual(['uuid', 'text[]', 'jsonb']);
    expect(() => parameterTypes('SELECT $1::uuid, $12::text', 2)).toThrow('$12 beyond its 2 values');
    expect(() => parameterTypes('SELECT $1::uuid, $2', 2)).toThrow('$2 has no cast');
    expect(() => parameterTypes('SELECT $1::uuid, $1::text', 1)).toThrow('cast both to uuid and text');
  });

  it('creates, claims, loads and commits through functions, with the same results as direct statements', async () => {
    const before = await statementFunctions();
    const created = await db.dataSource.transaction((manager) => createEntry(manager, userId));
    expect(created).toMatchObject({ version: 1, events: [{ seq: 1 }] });
    const key = `k-${created.instanceId}`;
    const result = await db.dataSource.transaction(async (manager) => {
      const loaded = await store.load(manager, created.instanceId, { userId, key, requestHash: 'h' });
      expect(loaded).toMatchObject({ version: 1, state: { stage: 'draft' }, definitionCode: 'entry-selection' });
      return store.commitDecision(manager, submit(created.instanceId, 1, key));
    });
    expect(result.version).toBe(2);
    expect(result.events).toEqual([expect.objectContaining({ seq: 2, type: 'submitted', occurredAt: expect.any(Date) as Date })]);
    expect(result.events[0]!.prevHash).toBe(created.events[0]!.hash);
    expect(result.outboxIds).toHaveLength(1); // the effects of the decision; the wake-up is the timer's
    // The notification, and the wake-up of the timer due within the horizon.
    expect(await countWrites(db.dataSource, created.instanceId)).toEqual({ events: 2, tasks: 1, outbox: 2, timers: 1, version: 2 });
    await expect(db.dataSource.transaction((manager) => store.load(manager, created.instanceId, { userId, key, requestHash: 'h' }))).rejects.toBeInstanceOf(
      KeyAlreadyUsedError,
    );
    // The idempotency store's claim and completion, one returning rows and one returning nothing.
    const idempotency = new IdempotencyStore();
    const other = `other-${created.instanceId}`;
    await db.dataSource.transaction(async (manager) => {
      expect(await idempotency.claim(manager, userId, other, 'h2')).toEqual({ claimed: true });
      await idempotency.complete(manager, userId, other, 201, { id: 1 });
    });
    const again = await db.dataSource.transaction((manager) => idempotency.claim(manager, userId, other, 'h2'));
    expect(again).toMatchObject({ claimed: false, stored: { responseStatus: 201, responseBody: { id: 1 } } });
    // create, load with a claim, commit with a recorded answer, claim, complete: one function each at least.
    expect((await statementFunctions()) - before).toBeGreaterThanOrEqual(5);
  });

  it('lets twelve transactions that first need the same function at once all succeed, with one function made', async () => {
    const entries = await Promise.all(Array.from({ length: 12 }, () => db.dataSource.transaction((manager) => createEntry(manager, userId))));
    const before = await statementFunctions();
    // A variant not used before (a due date among the columns): a new statement text, so a new function.
    const results = await Promise.all(
      entries.map((entry) =>
        db.dataSource.transaction((manager) =>
          store.commitDecision(manager, { ...submit(entry.instanceId, 1), columns: { stage: 'screening', dueAt: new Date('2027-01-01T00:00:00Z') } }),
        ),
      ),
    );
    expect(results.map((result) => result.version)).toEqual(entries.map(() => 2));
    expect((await statementFunctions()) - before).toBe(1);
  });

  it('makes a function again when the transaction that created it rolled back', async () => {
    const entry = await db.dataSource.transaction((manager) => createEntry(manager, userId));
    const variant = { ...submit(entry.instanceId, 1), columns: { stage: 'screening', year: 2027 } };
    const before = await statementFunctions();
    await expect(
      db.dataSource.transaction(async (manager) => {
        await store.commitDecision(manager, variant);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await statementFunctions()).toBe(before);
    const committed = await db.dataSource.transaction((manager) => store.commitDecision(manager, variant));
    expect(committed.version).toBe(2);
    expect(await statementFunctions()).toBe(before + 1);
  });
});
