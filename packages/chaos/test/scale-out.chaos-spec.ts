import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import {
  type ApiProcess,
  Balancer,
  type CommandAnswer,
  type ManagedProcess,
  SmtpSink,
  type SubmittedEntry,
  TestRedisServer,
  countsLine,
  notifyLedger,
  returnEntry,
  sendReturns,
  seedSubmittedEntries,
  signIn,
  startApiProcess,
  startWorkerProcess,
  until,
} from '../src/index.js';

const ENTRIES = 300;
const CLIENTS = 6;
const MAX_TRIES = 20;

/**
 * Fault 4: two built APIs behind the round-robin balancer (the one `npm start -- --api 2` runs) and three
 * workers, all on one database and one Redis. Six HTTP clients send `return` commands through the balancer;
 * a third of the way through, one API and one worker are SIGKILLed. The clients retry a failed attempt (the
 * balancer's 502 for a request cut on the killed API) with the same Idempotency-Key. The load must go on through
 * the surviving API, every command apply once, and every `notify` effect be processed once by the two workers left.
 */
describe('one of two APIs and one of three workers killed (SIGKILL) under load', () => {
  const prefix = `kcchaos${randomBytes(4).toString('hex')}`;
  const jwtSecret = randomBytes(32).toString('base64url');
  let db: TestDatabase;
  let redis: TestRedisServer;
  let smtp: SmtpSink;
  let balancer: Balancer;
  const apis: ApiProcess[] = [];
  const workers: ManagedProcess[] = [];
  let entries: SubmittedEntry[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    entries = await seedSubmittedEntries(db.dataSource, ENTRIES);
    redis = await TestRedisServer.start({ appendOnly: false });
    smtp = await SmtpSink.start();
    for (let i = 0; i < 3; i += 1) {
      workers.push(
        await startWorkerProcess({ databaseUrl: db.url, redisUrl: redis.url, redisPrefix: prefix, smtpUrl: smtp.url, env: { WORKER_ID: `w${i + 1}` } }),
      );
    }
    for (let i = 0; i < 2; i += 1) {
      apis.push(await startApiProcess({ databaseUrl: db.url, redisUrl: redis.url, redisPrefix: prefix, jwtSecret, env: { TRUSTED_PROXIES: 'loopback' } }));
    }
    balancer = await Balancer.start({ backends: apis.map((api) => ({ host: '127.0.0.1', port: Number(new URL(api.baseUrl).port) })) });
  }, 600000);

  afterAll(async () => {
    await balancer?.close();
    for (const api of apis) await api.process.stop();
    for (const worker of workers) await worker.stop();
    await smtp?.stop();
    await redis?.destroy();
    await db?.drop();
  });

  it('the load goes on through the other API; every command applied once; every effect processed once', async () => {
    const { accessToken: token } = await signIn(balancer.url);
    const answers: { answer: CommandAnswer; at: number }[] = [];
    const outcome = new Map<string, CommandAnswer>();
    let killedAt: number | undefined;
    let retried = 0;
    const load = sendReturns({
      entries,
      clients: CLIENTS,
      keyPrefix: 'scale',
      maxTries: MAX_TRIES,
      pauseMs: 200,
      attempt: (entry, key) => returnEntry(balancer.url, token, entry, key),
      // 502: the attempt was cut on the killed API (it may or may not have committed); the same key makes the
      // retry either apply the command or replay its stored answer. 503: the API asked to come back.
      retry: (answer) => answer === 502 || answer === 503 || answer === 'network',
      onAttempt: ({ answer, tries }) => {
        if (tries > 0) retried += 1;
        answers.push({ answer, at: Date.now() });
      },
      onOutcome: ({ entry, answer }) => outcome.set(entry.id, answer),
    });
    let processedAtKill = 0;
    const kill = (async () => {
      await until('a third of the commands done', () => (outcome.size >= ENTRIES / 3 ? true : undefined), 300000, 10);
      killedAt = Date.now();
      await Promise.all([apis[0]!.process.kill('SIGKILL'), workers[0]!.kill('SIGKILL')]);
      processedAtKill = (await notifyLedger(db.dataSource)).processed;
    })();
    const started = Date.now();
    await Promise.all([load, kill]);
    const loadMs = Date.now() - started;

    const tally = (what: CommandAnswer) => answers.filter((a) => a.answer === what).length;
    const afterKill = answers.filter((a) => killedAt !== undefined && a.at > killedAt);
    const failed = answers.filter((a) => a.answer !== 200).length;
    if (tally('5xx') + tally('other-4xx') > 0) {
      console.log(
        apis
          .map((api) =>
            api.process.output
              .split('\n')
              .filter((line) => line.includes('"level":"error"'))
              .join('\n'),
          )
          .join('\n'),
      );
    }
    // Every command ended with success; what failed on the way is at most one in-flight attempt per client at the kill.
    expect([...outcome.values()].filter((answer) => answer !== 200)).toEqual([]);
    expect(outcome.size).toBe(ENTRIES);
    expect(failed).toBeLessThanOrEqual(CLIENTS);
    expect({ fiveHundreds: tally('5xx'), other4xx: tally('other-4xx'), timeouts: tally('timeout'), conflicts: tally(409) }).toEqual({
      fiveHundreds: 0,
      other4xx: 0,
      timeouts: 0,
      conflicts: 0,
    });
    // The load went on: most commands were answered after the kill, all by the surviving API.
    expect(afterKill.filter((a) => a.answer === 200).length).toBeGreaterThan(ENTRIES / 3);
    expect(apis[1]!.process.running && workers[1]!.running && workers[2]!.running).toBe(true);

    // Each command applied once: one new event per entry.
    const rows = await db.dataSource.query<{ id: string; stage: string; version: number; events: number }[]>(
      `SELECT i.id, i.stage, i.version, (SELECT count(*)::int FROM workflow_events e WHERE e.instance_id = i.id) AS events
         FROM workflow_instances i WHERE i.id = ANY($1::uuid[])`,
      [entries.map((entry) => entry.id)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const doubled = entries.filter((entry) => byId.get(entry.id)?.events !== entry.events + 1 || byId.get(entry.id)?.version !== entry.version + 1);
    expect(doubled).toEqual([]);
    expect(rows.every((row) => row.stage === 'revision')).toBe(true);

    // Every notify effect (the submissions' and the returns') processed exactly once by the workers left.
    const emailRows = async () => (await db.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM notifications WHERE channel = 'email'`))[0].n;
    const ledger = await until(
      'every notify effect processed and every e-mail marked sent',
      async () => {
        const read = await notifyLedger(db.dataSource);
        return read.processed === read.effects && read.unrelayed === 0 && read.emailsMarkedSent === (await emailRows()) ? read : undefined;
      },
      180000,
      500,
    );
    expect(ledger).toMatchObject({ incomplete: 0, duplicateNotifications: 0 });
    expect(ledger.effects).toBe(2 * ENTRIES);
    const receivedIds = new Set(smtp.received.map((mail) => mail.messageId));
    expect(ledger.sentMessageIds.filter((id) => !receivedIds.has(id))).toEqual([]);
    // E-mails sent again: only those in flight on the killed worker (received, not yet marked sent).
    const resentEmails = smtp.received.length - ledger.sentMessages;

    console.log(
      countsLine('scale-out', {
        sent: answers.length,
        succeeded: tally(200),
        refused: tally(503),
        kept: ENTRIES - doubled.length,
        duplicates: doubled.length + ledger.duplicateNotifications,
        extra: {
          apis: 2,
          workers: 3,
          clients: CLIENTS,
          commands: ENTRIES,
          failedAttempts: failed,
          badGateway: tally(502),
          network: tally('network'),
          retried,
          answeredAfterKill: afterKill.length,
          loadMs,
          processedAtKill,
          notifyEffects: ledger.effects,
          notifyProcessed: ledger.processed,
          emailsMarkedSent: ledger.emailsMarkedSent,
          emailsReceived: smtp.received.length,
          resentEmails,
          balancerBadGateway: balancer.badGateway,
        },
      }),
    );
  });
});
