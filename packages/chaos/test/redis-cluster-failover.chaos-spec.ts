import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import {
  type ApiProcess,
  type ManagedProcess,
  SmtpSink,
  TestRedisCluster,
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

const BEFORE_MS = 3000;
const AFTER_MS = 5000;
const COMMIT_EVERY_MS = 20;
/** Committed at once just before the kill, so the dying master holds queued jobs. */
const BURST = 200;
/** Relayed, unprocessed jobs the kill waits for. */
const QUEUED_AT_KILL = 5;
const password = 'Chaos-Cluster-2026';

/**
 * Fault 4: the platform on a Redis Cluster of 3 masters with 1 replica each (REDIS_CLUSTER_NODES). While decisions
 * with `notify` effects keep being committed and the API answers sign-ins and public look-ups, the master holding
 * the queues' hash slot (`{prefix}`) is SIGKILLed; its replica takes over. Replication is asynchronous, so the
 * last writes before the kill may be gone: the relay's redelivery (PostgreSQL outbox, jobs keyed by id) and the
 * worker's receipts keep every effect once. The API and the worker are never restarted.
 */
describe('Redis Cluster: the master of the queue slot killed under load', () => {
  const prefix = `kcchaos${randomBytes(4).toString('hex')}`;
  let db: TestDatabase;
  let cluster: TestRedisCluster;
  let smtp: SmtpSink;
  let worker: ManagedProcess;
  let api: ApiProcess;
  const email = `dangnhap-${randomBytes(4).toString('hex')}@chaos.test`;

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    cluster = await TestRedisCluster.create({ masters: 3, replicasPerMaster: 1 });
    smtp = await SmtpSink.start();
    await publishChaosDefinition(db.dataSource);
    await db.dataSource.query(`INSERT INTO users (email, password_hash, display_name, active) VALUES ($1, $2, 'Người đăng nhập', true)`, [
      email,
      await hash(password),
    ]);
    const env = { REDIS_CLUSTER_NODES: cluster.nodes.join(',') };
    // REDIS_URL gives only credentials once REDIS_CLUSTER_NODES is set; the host named here is never dialled.
    const redisUrl = 'redis://127.0.0.1:1';
    worker = await startWorkerProcess({
      databaseUrl: db.url,
      redisUrl,
      redisPrefix: prefix,
      smtpUrl: smtp.url,
      // One job at a time, so the burst is still queued in Redis when its master dies (a person's e-mails going as
      // one message made each job cheap enough for eight at a time to keep up with the relay).
      env: { ...env, RELAY_REDELIVER_AFTER_MS: '5000', WORKER_CONCURRENCY: '1' },
    });
    api = await startApiProcess({ databaseUrl: db.url, redisUrl, redisPrefix: prefix, env });
  });

  afterAll(async () => {
    await api?.process.stop();
    await worker?.stop();
    await smtp?.stop();
    await cluster?.stop();
    await db?.drop();
  });

  /** POST /api/auth/login: 200 with the right password, 401 with a wrong one; both go through the limiter and the throttle. */
  const signIn = async (secret: string) =>
    (
      await fetch(`${api.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: secret }),
        signal: AbortSignal.timeout(10000),
      })
    ).status;
  /** The public certificate check, rate-limited per address in Redis: 404 for an unknown number. */
  const lookUp = async () => (await fetch(`${api.baseUrl}/api/public/certificates/KV-2022-9999`, { signal: AbortSignal.timeout(10000) })).status;

  it('every effect committed before, during and after is delivered once; sign-in, rate limits and health come back', async () => {
    const users = await createRecipients(db.dataSource, 10);
    await until('health 200 before the fault', async () => ((await health(api.baseUrl)).status === 200 ? true : undefined), 30000, 250);
    expect(await signIn(password)).toBe(200);
    expect(await lookUp()).toBe(404);

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
    // The API under load too: what it answers while the slot has no master is recorded, not asserted.
    const apiAnswers = new Map<string, number>();
    const apiLoad = (async () => {
      for (let round = 0; loading; round += 1) {
        // Look-ups every 4 s only: the route allows 30 a minute per address, and the checks after the fault need one.
        const requests = round % 8 === 0 ? [signIn(password), lookUp()] : [signIn(password)];
        const answers = await Promise.all(requests.map((request) => request.then(String, () => 'network')));
        for (const answer of answers) apiAnswers.set(answer, (apiAnswers.get(answer) ?? 0) + 1);
        await sleep(500);
      }
    })();

    // Found before the burst, so the kill follows the relay without a look-up in between.
    const victim = await cluster.masterOf(`{${prefix}}`);
    await sleep(BEFORE_MS);
    // One per recipient at a time: committed faster than the worker sends mail, so the queue is deep when its master dies.
    for (let i = 0; i < BURST; i += users.length) {
      await Promise.all(users.map((user) => commitNotifyDecision(db.dataSource, user.id)));
      committed += users.length;
    }
    // Killed while the relay hands the burst over: relayed but not processed, their jobs are on the master that dies.
    // (Waiting for the whole burst to be relayed leaves nothing queued: the worker keeps up with the relay's polls.)
    const queuedAtKill = await until(
      'jobs of the burst queued on the master',
      async () => {
        const [row] = await db.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM outbox o
            WHERE o.relayed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM effect_receipts r WHERE r.outbox_id = o.id)`,
        );
        return row!.n >= QUEUED_AT_KILL ? row!.n : undefined;
      },
      15000,
      5,
    );
    await cluster.kill(victim);
    const killedAt = Date.now();
    const atKill = await notifyLedger(db.dataSource);
    await cluster.waitForFailover();
    const failedOverAt = Date.now();
    const promoted = await cluster.masterOf(`{${prefix}}`);
    expect(promoted).not.toBe(victim);

    const healthy = await until('health 200 after the failover', async () => ((await health(api.baseUrl)).status === 200 ? Date.now() : undefined), 60000, 250);
    await sleep(AFTER_MS);
    loading = false;
    await Promise.all([load, apiLoad]);

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

    // After the failover the API on the cluster serves sign-in (limiter and throttle: a wrong password, then the
    // right one) and the rate-limited public route, and says healthy.
    expect(await signIn('not-the-password')).toBe(401);
    expect(await signIn(password)).toBe(200);
    expect(await lookUp()).toBe(404);
    expect((await health(api.baseUrl)).status).toBe(200);

    expect(worker.running && api.process.running).toBe(true);
    expect(commitFailures).toBe(0);
    expect(after).toMatchObject({
      effects: committed,
      unrelayed: 0,
      processed: committed,
      incomplete: 0,
      duplicateNotifications: 0,
      emailsMarkedSent: committed,
    });
    // Every e-mail the database calls sent reached the SMTP server, and each one exactly once.
    const receivedIds = smtp.received.map((mail) => mail.messageId);
    expect(after.sentMessageIds.filter((id) => !receivedIds.includes(id))).toEqual([]);
    expect(smtp.received.length).toBe(after.sentMessages);
    expect(new Set(receivedIds).size).toBe(after.sentMessages);

    console.log(
      countsLine('redis-cluster-failover', {
        sent: committed,
        succeeded: committed,
        refused: commitFailures,
        kept: after.processed,
        duplicates: after.duplicateNotifications,
        extra: {
          processedAtKill: atKill.processed,
          queuedInRedisAtKill: queuedAtKill,
          secondsToFailover: ((failedOverAt - killedAt) / 1000).toFixed(1),
          secondsToHealthy: ((healthy - killedAt) / 1000).toFixed(1),
          secondsToDrained: ((drainedAt - killedAt) / 1000).toFixed(1),
          messages: after.sentMessages,
          emailsReceived: smtp.received.length,
          apiAnswers: [...apiAnswers].map(([status, count]) => `${status}x${count}`).join(','),
        },
      }),
    );
  });
});
