import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import {
  type ApiProcess,
  type ManagedProcess,
  SmtpSink,
  HeldQueue,
  TestRedisServer,
  commitNotifyDecision,
  countsLine,
  createRecipients,
  health,
  notifyLedger,
  publishChaosDefinition,
  sleep,
  startApiProcess,
  startWorkerProcess,
  until,
} from '../src/index.js';

const OUTAGE_MS = 30000;
const BEFORE_MS = 5000;
const AFTER_MS = 5000;
const COMMIT_EVERY_MS = 100;
/** Committed at once just before the outage, so Redis holds queued jobs when it goes away. */
const BURST = 200;

/**
 * Fault 2: the test's own redis-server is stopped for 30 s while decisions with `notify` effects keep being
 * committed, then started again on the same port; once with the append-only file (queued jobs survive) and once
 * without any persistence (every queued job is gone: the worker's redelivery sweep must re-add them). The API
 * and the worker are never restarted.
 */
describe.each([
  { variant: 'appendonly', appendOnly: true },
  { variant: 'no-persistence', appendOnly: false },
])('Redis unavailable for 30 s under load ($variant)', ({ variant, appendOnly }) => {
  const prefix = `kcchaos${randomBytes(4).toString('hex')}`;
  let db: TestDatabase;
  let redis: TestRedisServer;
  let smtp: SmtpSink;
  let worker: ManagedProcess;
  let api: ApiProcess;

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    redis = await TestRedisServer.start({ appendOnly });
    smtp = await SmtpSink.start();
    await publishChaosDefinition(db.dataSource);
    worker = await startWorkerProcess({
      databaseUrl: db.url,
      redisUrl: redis.url,
      redisPrefix: prefix,
      smtpUrl: smtp.url,
      env: { RELAY_REDELIVER_AFTER_MS: '5000' },
    });
    api = await startApiProcess({ databaseUrl: db.url, redisUrl: redis.url, redisPrefix: prefix });
  });

  afterAll(async () => {
    await api?.process.stop();
    await worker?.stop();
    await smtp?.stop();
    await redis?.destroy();
    await db?.drop();
  });

  it('every effect committed before, during and after is processed exactly once; health says redis, then recovers', async () => {
    const users = await createRecipients(db.dataSource, 10);
    await until('health 200 before the fault', async () => ((await health(api.baseUrl)).status === 200 ? true : undefined), 30000, 250);

    let committed = 0;
    let commitFailures = 0;
    let loading = true;
    const load = (async () => {
      while (loading) {
        try {
          await commitNotifyDecision(db.dataSource, users[committed % users.length]!.id);
          committed += 1;
        } catch {
          commitFailures += 1;
        }
        await sleep(COMMIT_EVERY_MS);
      }
    })();

    await sleep(BEFORE_MS);
    // The worker takes no notification while the burst is committed and relayed, so its jobs are in Redis when it
    // stops (the worker keeps up with the relay otherwise); it takes them again once Redis is back.
    const held = HeldQueue.onServer(redis.url, prefix);
    await held.hold();
    for (let i = 0; i < BURST; i += 1) {
      await commitNotifyDecision(db.dataSource, users[i % users.length]!.id);
      committed += 1;
    }
    await until('the burst relayed', async () => ((await notifyLedger(db.dataSource)).unrelayed === 0 ? true : undefined), 10000, 20);
    await redis.down();
    const outageStarted = Date.now();
    const during: { status: number; down: string[] }[] = [];
    await sleep(2000); // clients notice the closed connection
    while (Date.now() - outageStarted < OUTAGE_MS - 1000) {
      during.push(await health(api.baseUrl));
      await sleep(1000);
    }
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - outageStarted)));
    await redis.up();
    const restartedAt = Date.now();
    // Relayed before the outage, not processed: their jobs were in Redis when it stopped.
    const queuedAtStop = await db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox o WHERE o.relayed_at < to_timestamp($1::float8 / 1000)
          AND NOT EXISTS (SELECT 1 FROM effect_receipts r WHERE r.outbox_id = o.id)`,
      [outageStarted],
    );
    await held.release();
    await held.close();
    const healthy = await until(
      'health 200 after Redis is back',
      async () => ((await health(api.baseUrl)).status === 200 ? Date.now() : undefined),
      60000,
      250,
    );
    await sleep(AFTER_MS);
    loading = false;
    await load;

    expect(during.length).toBeGreaterThan(20);
    expect(during.every((answer) => answer.status === 503 && answer.down.includes('redis'))).toBe(true);
    expect(commitFailures).toBe(0);
    // The fault really hit queued work (without persistence those jobs are gone and only the sweep brings them back).
    expect(queuedAtStop[0]!.n).toBeGreaterThan(0);

    const after = await until(
      'every committed effect processed',
      async () => {
        const ledger = await notifyLedger(db.dataSource);
        return ledger.processed === committed && ledger.emailsMarkedSent === committed ? ledger : undefined;
      },
      120000,
      500,
    );
    const drainedAt = Date.now();
    expect(worker.running && api.process.running).toBe(true);
    expect(after).toMatchObject({
      effects: committed,
      unrelayed: 0,
      processed: committed,
      incomplete: 0,
      duplicateNotifications: 0,
    });
    const receivedIds = new Set(smtp.received.map((mail) => mail.messageId));
    expect(after.sentMessageIds.filter((id) => !receivedIds.has(id))).toEqual([]);

    console.log(
      countsLine(`redis-outage-${variant}`, {
        sent: committed,
        succeeded: committed,
        refused: commitFailures,
        kept: after.processed,
        duplicates: after.duplicateNotifications,
        extra: {
          queuedInRedisAtStop: queuedAtStop[0]!.n,
          healthProbesDuringOutage: during.length,
          healthSaid503Redis: during.filter((answer) => answer.status === 503 && answer.down.includes('redis')).length,
          secondsToHealthy: ((healthy - restartedAt) / 1000).toFixed(1),
          secondsToDrained: ((drainedAt - restartedAt) / 1000).toFixed(1),
          emailsReceived: smtp.received.length,
        },
      }),
    );
  });
});
