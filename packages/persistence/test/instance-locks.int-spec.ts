import { EntryStore, OutboxStore } from '../src/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';
import { createEntry, createUser, publishDefinition } from './fixtures.js';

// The locks the API takes on instances (a jury or council assignment, a decision, nominations, edits) queue behind
// commands but not behind the outbox relay: with FOR UPDATE, a jury assignment and the relay deadlocked under load
// (docs/benchmarks.md, 2026-12-07). The relay claims its rows and marks them relayed in one transaction, so the
// second UPDATE re-checks the rows' foreign key and holds KEY SHARE on their instances until it commits.
describe('locks on workflow instances', () => {
  let db: TestDatabase;
  let userId: string;

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await publishDefinition(db.dataSource);
    userId = await createUser(db.dataSource);
  });
  afterAll(() => db.drop());

  it('do not wait for the relay marking the outbox rows of the same instance', async () => {
    const { instanceId } = await createEntry(db.dataSource.manager, userId);
    await db.dataSource.query(`INSERT INTO outbox (instance_id, effect_type, payload) VALUES ($1, 'notify', '{}'::jsonb)`, [instanceId]);
    const relay = db.dataSource.createQueryRunner();
    const other = db.dataSource.createQueryRunner();
    await relay.connect();
    await other.connect();
    try {
      await relay.startTransaction();
      const outbox = new OutboxStore();
      const claimed = await outbox.claimBatch(relay.manager, 100);
      expect(claimed.some((row) => row.instanceId === instanceId)).toBe(true);
      await outbox.markRelayed(
        relay.manager,
        claimed.map((row) => row.id),
      );

      await other.startTransaction();
      await other.query(`SET LOCAL lock_timeout = '2s'`);
      expect(await new EntryStore().lockInstanceState(other.manager, instanceId)).toBeDefined();
      // What the locks were before: FOR UPDATE waits for the relay's transaction (here until the timeout).
      await other.query('SAVEPOINT before');
      await expect(other.query(`SELECT 1 FROM workflow_instances WHERE id = $1 FOR UPDATE`, [instanceId])).rejects.toThrow(/lock timeout/);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      if (relay.isTransactionActive) await relay.rollbackTransaction();
      await other.release();
      await relay.release();
    }
  });
});
