import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix } from '@khuyencong/jobs';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { JobQueues } from '../src/queues/job-queues.js';
import { OutboxRelay } from '../src/relay/outbox-relay.js';
import {
  REDIS_URL,
  TcpProxy,
  commitNotifyDecision,
  count,
  createUser,
  deleteRedisKeys,
  freePort,
  publishTestDefinition,
  redisPrefix,
  sleep,
  until,
} from './support.js';

const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('the outbox relay while Redis is unreachable', () => {
  const prefix = redisPrefix();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  let db: TestDatabase;
  let proxy: TcpProxy;
  let queues: JobQueues;
  let relay: OutboxRelay;
  let queue: Queue;

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await publishTestDefinition(db.dataSource);
    // Redis "lives" behind a proxy on this port; until the proxy starts, nothing listens there.
    proxy = new TcpProxy(await freePort());
    queues = new JobQueues({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, REDIS_PREFIX: prefix });
    relay = new OutboxRelay(db.dataSource, queues, { batchSize: 10, pollIntervalMs: 200, enqueueTimeoutMs: 500 }, quiet);
    queue = new Queue('notifications', { connection: redis, prefix: bullPrefix(prefix) });
  });

  afterAll(async () => {
    await relay.stop();
    await queues.beforeApplicationShutdown();
    await proxy.stop();
    await queue.close();
    redis.disconnect();
    await deleteRedisKeys(prefix);
    await db.drop();
  });

  it('keeps the rows unrelayed while Redis is down and relays each once when it is back', async () => {
    const user = await createUser(db.dataSource);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await commitNotifyDecision(db.dataSource, { userId: user.id }));
    relay.start();

    // Several rounds (notification, polls) fail against the closed port and roll back.
    await sleep(2500);
    expect(await count(db.dataSource, 'outbox WHERE relayed_at IS NULL')).toBe(5);
    // The claims were rolled back with their batches: no attempt was counted.
    expect(await count(db.dataSource, 'outbox WHERE attempts > 0')).toBe(0);
    expect(await queue.count()).toBe(0);

    await proxy.start();
    await until('every row relayed', async () => ((await count(db.dataSource, 'outbox WHERE relayed_at IS NULL')) === 0 ? true : undefined), 20000);
    // Adds that were still waiting for the connection when their batch timed out land too, under the same ids.
    await sleep(500);
    const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
    expect(jobs.map((job) => job.id).sort()).toEqual(ids.map((id) => `outbox-${id}`).sort());
  });
});
