import { type INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix, outboxIdempotencyKey } from '@khuyencong/jobs';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import {
  REDIS_URL,
  TestSmtpServer,
  commitNotifyDecision,
  count,
  createUser,
  deleteRedisKeys,
  freePort,
  publishTestDefinition,
  redisPrefix,
  sleep,
  startWorker,
  testConfig,
  until,
} from './support.js';

const EFFECTS = 100;

describe('two outbox relays and the notification processor', () => {
  const prefix = redisPrefix();
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let workers: INestApplicationContext[] = [];
  let queue: Queue;
  const queueRedis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  let users: { id: string; email: string }[];
  const outboxIds: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await publishTestDefinition(db.dataSource);
    users = await Promise.all([1, 2, 3, 4, 5].map((i) => createUser(db.dataSource, { email: `can-bo-${i}-${prefix}@example.vn` })));
    smtp = await new TestSmtpServer(await freePort()).start();
    const env = {
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      WORKER_QUEUES: 'notifications',
      RELAY_BATCH_SIZE: '7',
      // Five people get twenty notifications each: their e-mails are combined (issue 19), here within a second.
      EMAIL_COMBINE_WINDOW_MS: '1000',
    };
    workers = [await startWorker(testConfig({ ...env, WORKER_ID: 'relay-a' })), await startWorker(testConfig({ ...env, WORKER_ID: 'relay-b' }))];
    queue = new Queue('notifications', { connection: queueRedis, prefix: bullPrefix(prefix) });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await queue.close();
    queueRedis.disconnect();
    await smtp.stop();
    await deleteRedisKeys(prefix);
    await db.drop();
  });

  /** Delivery jobs in a state (the queue also carries the e-mail flushes and the sweep). */
  const deliverJobs = async (state: 'completed' | 'failed' | 'waiting' | 'active' | 'delayed') =>
    (await queue.getJobs([state])).filter((job) => job.name === 'notification.deliver').length;
  /** The Message-IDs the sent e-mail rows recorded, each once. */
  const sentMessageIds = async () =>
    (
      await db.dataSource.query<{ id: string }[]>(
        `SELECT DISTINCT data->>'messageId' AS id FROM notifications WHERE channel = 'email' AND data ? 'sentAt' ORDER BY 1`,
      )
    )
      .map((row) => row.id)
      .sort();

  it('carries out each of 100 committed notify effects exactly once while both relays run', async () => {
    // Written while the relays run, ten decisions at a time, as concurrent commands would.
    for (let i = 0; i < EFFECTS; i += 10) {
      const batch = Array.from({ length: 10 }, (_, j) => commitNotifyDecision(db.dataSource, { userId: users[(i + j) % users.length]!.id }));
      outboxIds.push(...(await Promise.all(batch)));
    }
    await until(
      'every e-mail sent',
      async () => ((await count(db.dataSource, `notifications WHERE channel = 'email' AND data ? 'sentAt'`)) === EFFECTS ? true : undefined),
      30000,
    );
    await until('every job completed', async () => ((await deliverJobs('completed')) === EFFECTS ? true : undefined));
    // Let any duplicate delivery that would have happened happen.
    await sleep(1000);

    expect(await count(db.dataSource, `outbox WHERE effect_type = 'notify' AND relayed_at IS NULL`)).toBe(0);
    expect(await count(db.dataSource, `effect_receipts WHERE processor = 'notification.deliver'`)).toBe(EFFECTS);
    expect(await count(db.dataSource, `notifications WHERE channel = 'in_app'`)).toBe(EFFECTS);
    expect(await count(db.dataSource, `notifications WHERE channel = 'email'`)).toBe(EFFECTS);
    expect(
      await Promise.all((['completed', 'failed', 'waiting', 'active', 'delayed'] as const).map(async (state) => [state, await deliverJobs(state)])),
    ).toEqual([
      ['completed', EFFECTS],
      ['failed', 0],
      ['waiting', 0],
      ['active', 0],
      ['delayed', 0],
    ]);
    // Every e-mail went in exactly one message (several to one person within a second are combined into one).
    expect(await sentMessageIds()).toEqual(smtp.received.map((mail) => mail.parsed.messageId).sort());
    // Each effect's notification went to the user it named, under the outbox id as job id.
    const job = await queue.getJob(`outbox-${outboxIds[0]!}`);
    expect(job?.data).toEqual({ outboxId: outboxIds[0], idempotencyKey: outboxIdempotencyKey(outboxIds[0]!) });
    const perUser = await db.dataSource.query<{ user_id: string; n: number }[]>(
      `SELECT user_id, count(*)::int AS n FROM notifications WHERE channel = 'in_app' GROUP BY user_id ORDER BY user_id`,
    );
    expect(perUser.map((row) => row.n)).toEqual([20, 20, 20, 20, 20]);
  });

  it('does not double the effect when the same job is delivered again under another job id', async () => {
    const outboxId = outboxIds[3]!;
    const again = await queue.add('notification.deliver', { outboxId, idempotencyKey: outboxIdempotencyKey(outboxId) }, { jobId: `redelivery-${outboxId}` });
    const result = await until('the redelivered job completed', async () => {
      // finishedOn and returnvalue come from the same read of the job, so a completed job has its result.
      const job = await queue.getJob(again.id!);
      return job?.finishedOn === undefined ? undefined : (job.returnvalue as unknown);
    });
    expect(result).toEqual({ recipients: 0, alreadyRecorded: true, emailsSent: 0 });
    expect(await count(db.dataSource, 'notifications WHERE outbox_id = $1', [outboxId])).toBe(2);
    expect(await count(db.dataSource, 'effect_receipts WHERE outbox_id = $1', [outboxId])).toBe(1);
    expect(await sentMessageIds()).toEqual(smtp.received.map((mail) => mail.parsed.messageId).sort());
  });

  it('relays a row again without adding a second job when it was left unmarked (a crash before commit)', async () => {
    const outboxId = outboxIds[5]!;
    await db.dataSource.query('UPDATE outbox SET relayed_at = NULL WHERE id = $1', [outboxId]);
    await until('the row relayed again', async () =>
      (await count(db.dataSource, 'outbox WHERE id = $1 AND relayed_at IS NULL', [outboxId])) === 0 ? true : undefined,
    );
    await sleep(500);
    expect(await deliverJobs('completed')).toBe(EFFECTS + 1); // the 100 and the redelivery above
    expect(await count(db.dataSource, 'notifications WHERE outbox_id = $1', [outboxId])).toBe(2);
  });
});
