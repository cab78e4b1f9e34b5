import { IdempotencyStore, InstanceStore, OutboxStore, ReceiptStore, TimerStore } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { createEntry, createUser, publishDefinition } from './fixtures.js';

describe('outbox, receipts, timers and idempotency keys', () => {
  let db: TestDatabase;
  let userId: string;
  let instanceId: string;
  const outbox = new OutboxStore();

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await publishDefinition(db.dataSource);
    userId = await createUser(db.dataSource);
    instanceId = (await createEntry(db.dataSource.manager, userId)).instanceId;
  });
  afterAll(() => db.drop());

  async function addEffects(count: number): Promise<string[]> {
    const created = await new InstanceStore().createInstance(db.dataSource.manager, {
      definitionCode: 'entry-selection',
      definitionVersion: 1,
      state: {},
      columns: { stage: 'draft', status: 'active', subjectKind: 'entry' },
      effects: Array.from({ length: count }, (_, i) => ({ effectType: 'notify', payload: { i } })),
    });
    return created.outboxIds;
  }

  async function drainAll(): Promise<void> {
    await db.dataSource.query('UPDATE outbox SET relayed_at = now() WHERE relayed_at IS NULL');
  }

  it('never hands the same row to two concurrent transactions, and skips rather than waits', async () => {
    await drainAll();
    const ids = await addEffects(6);
    const first = db.dataSource.createQueryRunner();
    const second = db.dataSource.createQueryRunner();
    await first.startTransaction();
    await second.startTransaction();
    try {
      const a = await outbox.claimBatch(first.manager, 4);
      const b = await outbox.claimBatch(second.manager, 4);
      expect(a.map((m) => m.id)).toEqual(ids.slice(0, 4));
      expect(b.map((m) => m.id)).toEqual(ids.slice(4));
      expect(a[0]).toMatchObject({ effectType: 'notify', payload: { i: 0 }, attempts: 1 });
      expect(a[0]!.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await first.rollbackTransaction();
      await second.rollbackTransaction();
      await first.release();
      await second.release();
    }
  });

  it('relays every row exactly once when several relays drain the outbox in parallel', async () => {
    await drainAll();
    const ids = await addEffects(60);
    const relay = async (): Promise<string[]> => {
      const seen: string[] = [];
      for (;;) {
        const batch = await db.dataSource.transaction(async (manager) => {
          const claimed = await outbox.claimBatch(manager, 7);
          await outbox.markRelayed(
            manager,
            claimed.map((m) => m.id),
          );
          return claimed;
        });
        if (batch.length === 0) return seen;
        seen.push(...batch.map((m) => m.id));
      }
    };
    const relayed = (await Promise.all([relay(), relay(), relay()])).flat();
    expect(relayed).toHaveLength(ids.length);
    expect(new Set(relayed)).toEqual(new Set(ids));
    expect(await outbox.pendingCount(db.dataSource.manager)).toBe(0);
  });

  it('records one receipt per processor and effect, refusing the second', async () => {
    const [outboxId] = await addEffects(1);
    const receipts = new ReceiptStore();
    expect(await receipts.record(db.dataSource.manager, outboxId!, 'notifications', { sent: 1 })).toBe(true);
    expect(await receipts.record(db.dataSource.manager, outboxId!, 'notifications', { sent: 2 })).toBe(false);
    expect(await receipts.record(db.dataSource.manager, outboxId!, 'pdf')).toBe(true);
    expect(await receipts.find(db.dataSource.manager, outboxId!, 'notifications')).toMatchObject({ result: { sent: 1 } });
  });

  it('returns due timers only, locked so parallel sweeps split them, and fires each once', async () => {
    const store = new InstanceStore();
    const created = await store.createInstance(db.dataSource.manager, {
      definitionCode: 'entry-selection',
      definitionVersion: 1,
      state: {},
      columns: { stage: 'draft', status: 'active', subjectKind: 'entry' },
      timers: [
        { kind: 'sla', key: 'a', dueAt: new Date('2025-01-01T00:00:00Z') },
        { kind: 'sla', key: 'b', dueAt: new Date('2025-01-02T00:00:00Z') },
        { kind: 'sla', key: 'later', dueAt: new Date('2025-06-01T00:00:00Z') },
      ],
    });
    const timers = new TimerStore();
    const now = new Date('2025-02-01T00:00:00Z');
    const first = db.dataSource.createQueryRunner();
    await first.startTransaction();
    try {
      const mine = await timers.due(first.manager, now, 1);
      expect(mine.map((t) => t.key)).toEqual(['a']);
      const others = await db.dataSource.transaction((manager) => timers.due(manager, now, 10));
      expect(others.filter((t) => t.instanceId === created.instanceId).map((t) => t.key)).toEqual(['b']);
      expect(
        await timers.markFired(
          first.manager,
          mine.map((t) => t.id),
          now,
        ),
      ).toBe(1);
      await first.commitTransaction();
    } finally {
      await first.release();
    }
    expect(await timers.markFired(db.dataSource.manager, ['0'], now)).toBe(0);
    expect(await timers.cancel(db.dataSource.manager, created.instanceId, 'b', now)).toBe(true);
    expect(await timers.cancel(db.dataSource.manager, created.instanceId, 'b', now)).toBe(false);
    const due = await db.dataSource.transaction((manager) => timers.due(manager, now, 10));
    expect(due.filter((t) => t.instanceId === created.instanceId)).toEqual([]);
  });

  it('stores an idempotent response once and returns it for the same user and key', async () => {
    const keys = new IdempotencyStore();
    const response = { userId, key: 'k-1', requestHash: 'h1', responseStatus: 201, responseBody: { id: instanceId } };
    expect(await keys.get(db.dataSource.manager, userId, 'k-1')).toBeNull();
    expect(await keys.put(db.dataSource.manager, response)).toBe(true);
    expect(await keys.put(db.dataSource.manager, { ...response, requestHash: 'h2' })).toBe(false);
    expect(await keys.get(db.dataSource.manager, userId, 'k-1')).toMatchObject({ requestHash: 'h1', responseStatus: 201, responseBody: { id: instanceId } });
  });
});
