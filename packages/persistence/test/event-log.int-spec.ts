import { EventStore, GENESIS_HASH } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { createEntry, createUser, publishDefinition } from './fixtures.js';

describe('workflow event log', () => {
  let db: TestDatabase;
  let userId: string;
  const events = new EventStore();

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await publishDefinition(db.dataSource);
    userId = await createUser(db.dataSource);
  });
  afterAll(() => db.drop());

  async function entryWithEvents(count: number): Promise<string> {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    await events.append(
      db.dataSource.manager,
      instanceId,
      Array.from({ length: count - 1 }, (_, i) => ({ type: 'note', data: { n: i + 2, text: 'ghi chú' } })),
    );
    return instanceId;
  }

  it('numbers events 1..n and chains each to the previous hash, from the genesis value', async () => {
    const instanceId = await entryWithEvents(3);
    const history = await events.history(db.dataSource.manager, instanceId);
    expect(history.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(history[0]!.prevHash).toBe(GENESIS_HASH);
    expect(history[1]!.prevHash).toBe(history[0]!.hash);
    expect(history[2]!.prevHash).toBe(history[1]!.hash);
    expect(new Set(history.map((e) => e.hash)).size).toBe(3);
    expect(await events.verifyChain(db.dataSource.manager, instanceId)).toEqual({ ok: true, count: 3 });
  });

  it('ignores seq and hashes supplied by a writer and computes them itself', async () => {
    const instanceId = await entryWithEvents(1);
    await db.dataSource.query(`INSERT INTO workflow_events (instance_id, seq, type, data, prev_hash, hash) VALUES ($1, 7, 'forged', '{}', 'x', 'y')`, [
      instanceId,
    ]);
    const history = await events.history(db.dataSource.manager, instanceId);
    expect(history[1]).toMatchObject({ seq: 2, prevHash: history[0]!.hash });
    expect(await events.verifyChain(db.dataSource.manager, instanceId)).toEqual({ ok: true, count: 2 });
  });

  it.each([
    ['UPDATE', `UPDATE workflow_events SET type = 'changed' WHERE instance_id = $1`],
    ['DELETE', `DELETE FROM workflow_events WHERE instance_id = $1`],
  ])('refuses %s of stored events', async (_op, sql) => {
    const instanceId = await entryWithEvents(2);
    await expect(db.dataSource.query(sql, [instanceId])).rejects.toThrow(/append-only/);
    expect(await events.verifyChain(db.dataSource.manager, instanceId)).toEqual({ ok: true, count: 2 });
  });

  it('refuses TRUNCATE of the event table', async () => {
    await expect(db.dataSource.query('TRUNCATE workflow_events')).rejects.toThrow(/append-only/);
  });

  it('detects content altered behind the application (triggers bypassed) at the altered seq', async () => {
    const instanceId = await entryWithEvents(4);
    await db.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE workflow_events SET data = '{"n": 3, "text": "sửa lén"}' WHERE instance_id = $1 AND seq = 3`, [instanceId]);
    });
    expect(await events.verifyChain(db.dataSource.manager, instanceId)).toEqual({ ok: false, brokenAtSeq: 3, count: 4 });
  });

  it('detects a rewritten hash at the rewritten seq, and a deleted event at the gap', async () => {
    const rehashed = await entryWithEvents(3);
    const removed = await entryWithEvents(3);
    await db.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE workflow_events SET hash = repeat('a', 64) WHERE instance_id = $1 AND seq = 2`, [rehashed]);
      await manager.query(`DELETE FROM workflow_events WHERE instance_id = $1 AND seq = 2`, [removed]);
    });
    expect(await events.verifyChain(db.dataSource.manager, rehashed)).toEqual({ ok: false, brokenAtSeq: 2, count: 3 });
    expect(await events.verifyChain(db.dataSource.manager, removed)).toEqual({ ok: false, brokenAtSeq: 2, count: 2 });
  });

  it('keeps published workflow definitions immutable but lets drafts change', async () => {
    await expect(db.dataSource.query(`UPDATE workflow_definitions SET body = '{}' WHERE code = 'entry-selection'`)).rejects.toThrow(/immutable/);
    await expect(db.dataSource.query(`DELETE FROM workflow_definitions WHERE code = 'entry-selection'`)).rejects.toThrow(/immutable/);
    await db.dataSource.query(`INSERT INTO workflow_definitions (code, version, body) VALUES ('draft-def', 1, '{}')`);
    await db.dataSource.query(`UPDATE workflow_definitions SET status = 'published', published_at = now() WHERE code = 'draft-def'`);
    await expect(db.dataSource.query(`UPDATE workflow_definitions SET body = '{"x": 1}' WHERE code = 'draft-def'`)).rejects.toThrow(/immutable/);
  });
});
