import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix } from '@khuyencong/jobs';
import { ReceiptStore } from '@khuyencong/persistence';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { NOTIFICATION_PROCESSOR } from '../src/notifications/notification-delivery.js';
import { JobQueues } from '../src/queues/job-queues.js';
import { OutboxRedelivery } from '../src/relay/outbox-redelivery.js';
import { OutboxRelay } from '../src/relay/outbox-relay.js';
import { REDIS_URL, commitNotifyDecision, count, createUser, deleteRedisKeys, publishTestDefinition, redisPrefix, sleep } from './support.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('the redelivery sweep (Redis lost the queued jobs)', () => {
  const prefix = redisPrefix();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  let db: TestDatabase;
  let queues: JobQueues;
  let queue: Queue;

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await publishTestDefinition(db.dataSource);
    queues = new JobQueues({ REDIS_URL, REDIS_PREFIX: prefix });
    queue = new Queue('notifications', { connection: redis, prefix: bullPrefix(prefix) });
  });

  afterAll(async () => {
    await queues.beforeApplicationShutdown();
    await queue.close();
    redis.disconnect();
    await deleteRedisKeys(prefix);
    await db.drop();
  });

  const jobIds = async () => (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).map((job) => job.id).sort();

  it('re-adds, under the same ids, the jobs of relayed effects without a receipt, and nothing else', async () => {
    const user = await createUser(db.dataSource);
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) ids.push(await commitNotifyDecision(db.dataSource, { userId: user.id }));
    const relay = new OutboxRelay(db.dataSource, queues, { batchSize: 10, pollIntervalMs: 60000, enqueueTimeoutMs: 2000 }, quiet);
    expect(await relay.relayBatch()).toBe(4);
    expect(await count(db.dataSource, 'outbox WHERE relayed_at IS NULL')).toBe(0);
    const expected = ids.map((id) => `outbox-${id}`).sort();
    expect(await jobIds()).toEqual(expected);

    // Redis restarted without persistence: every queued job is gone, the rows stay marked relayed.
    await deleteRedisKeys(prefix);
    expect(await jobIds()).toEqual([]);
    // One effect was carried out before the loss: its receipt keeps it out of the sweep.
    await db.dataSource.transaction((manager) => new ReceiptStore().record(manager, ids[0]!, NOTIFICATION_PROCESSOR, { recipients: 0 }));

    const early = new OutboxRedelivery(db.dataSource, queues, { redeliverAfterMs: 60000, enqueueTimeoutMs: 2000 }, quiet);
    expect(await early.sweep()).toBe(0); // relayed too recently: the job may simply not have run yet

    await sleep(1100);
    const sweep = new OutboxRedelivery(db.dataSource, queues, { redeliverAfterMs: 1000, enqueueTimeoutMs: 2000 }, quiet);
    expect(await sweep.sweep()).toBe(3);
    expect(await jobIds()).toEqual(
      ids
        .slice(1)
        .map((id) => `outbox-${id}`)
        .sort(),
    );
    // A second run offers the same jobs again; BullMQ keeps one job per id.
    expect(await sweep.sweep()).toBe(3);
    expect(await queue.count()).toBe(3);
  });

  it('leaves a held e-mail to the e-mail flush, and redelivers an effect whose e-mail is neither sent nor held', async () => {
    await deleteRedisKeys(prefix);
    const user = await createUser(db.dataSource);
    const outboxId = await commitNotifyDecision(db.dataSource, { userId: user.id });
    const relay = new OutboxRelay(db.dataSource, queues, { batchSize: 10, pollIntervalMs: 60000, enqueueTimeoutMs: 2000 }, quiet);
    expect(await relay.relayBatch()).toBe(1);
    await deleteRedisKeys(prefix);
    // Delivered: the receipt and an e-mail row the person's combining window holds (issue 19).
    await db.dataSource.transaction((manager) => new ReceiptStore().record(manager, outboxId, NOTIFICATION_PROCESSOR, { recipients: 1 }));
    await db.dataSource.query(
      `INSERT INTO notifications (user_id, channel, template, subject, body, data, outbox_id)
       VALUES ($1, 'email', 'entry_received', 'Hồ sơ đã được tiếp nhận', '…', jsonb_build_object('heldAt', now()), $2)`,
      [user.id, outboxId],
    );
    await sleep(1100);
    const sweep = new OutboxRedelivery(db.dataSource, queues, { redeliverAfterMs: 1000, enqueueTimeoutMs: 2000 }, quiet);
    const swept = async () => (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).map((job) => job.id);
    await sweep.sweep();
    expect(await swept()).not.toContain(`outbox-${outboxId}`);

    // Neither sent nor held (its delivery failed before the person's turn): the effect's job comes back.
    await db.dataSource.query(`UPDATE notifications SET data = data - 'heldAt' WHERE outbox_id = $1`, [outboxId]);
    await sweep.sweep();
    expect(await swept()).toContain(`outbox-${outboxId}`);
  });
});
