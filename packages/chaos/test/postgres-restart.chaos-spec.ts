import { randomBytes } from 'node:crypto';
import { createDataSource, runMigrations, seedReferenceData } from '@khuyencong/persistence';
import { type DataSource } from 'typeorm';
import {
  type ApiProcess,
  type CommandAnswer,
  type SubmittedEntry,
  returnEntry,
  sendReturns,
  seedSubmittedEntries,
  signIn,
  type ManagedProcess,
  SmtpSink,
  TestPostgresCluster,
  TestRedisServer,
  countsLine,
  notifyLedger,
  startApiProcess,
  startWorkerProcess,
  until,
} from '../src/index.js';

const ENTRIES = 240;
const CLIENTS = 6;
const REQUEST_TIMEOUT_MS = 20000;
const MAX_TRIES = 40;

/**
 * Fault 3: a PostgreSQL cluster of the test's own (initdb, pg_ctl, its own port) is restarted with
 * `pg_ctl restart -m fast` while six HTTP clients send `return` commands through the built API. Each client
 * retries a 503 with the same Idempotency-Key, as a well-behaved client does. Neither API nor worker restarts.
 */
describe('PostgreSQL restarted under load', () => {
  const prefix = `kcchaos${randomBytes(4).toString('hex')}`;
  let cluster: TestPostgresCluster;
  let redis: TestRedisServer;
  let smtp: SmtpSink;
  let dataSource: DataSource;
  let worker: ManagedProcess;
  let api: ApiProcess;
  let token: string;
  const entries: SubmittedEntry[] = [];

  beforeAll(async () => {
    cluster = await TestPostgresCluster.create();
    const url = await cluster.createDatabase('khuyencong');
    await runMigrations(url);
    dataSource = createDataSource({ url, poolSize: 5, applicationName: 'khuyencong-chaos' });
    await dataSource.initialize();
    await seedReferenceData(dataSource);
    entries.push(...(await seedSubmittedEntries(dataSource, ENTRIES)));

    redis = await TestRedisServer.start({ appendOnly: false });
    smtp = await SmtpSink.start();
    worker = await startWorkerProcess({
      databaseUrl: url,
      redisUrl: redis.url,
      redisPrefix: prefix,
      smtpUrl: smtp.url,
    });
    api = await startApiProcess({ databaseUrl: url, redisUrl: redis.url, redisPrefix: prefix });
    token = (await signIn(api.baseUrl)).accessToken;
  }, 600000);

  afterAll(async () => {
    await api?.process.stop();
    await worker?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await smtp?.stop();
    await redis?.destroy();
    await cluster?.destroy();
  });

  const attempt = (entry: SubmittedEntry, key: string) => returnEntry(api.baseUrl, token, entry, key, REQUEST_TIMEOUT_MS);

  it('every request gets 2xx or a clear 503 with Retry-After; after the restart every command goes through once; chains verify', async () => {
    const answers: CommandAnswer[] = [];
    const outcome = new Map<string, { answer: CommandAnswer; after: boolean }>();
    let restartedAt: number | undefined;
    let restartMs = 0;
    const load = sendReturns({
      entries,
      clients: CLIENTS,
      keyPrefix: 'chaos',
      maxTries: MAX_TRIES,
      pauseMs: 500,
      attempt,
      retry: (answer) => answer === 503,
      onAttempt: ({ answer }) => answers.push(answer),
      // An entry still answered 503 after every try has no outcome: the check of outcomes below says so.
      onOutcome: ({ entry, answer, sentAt }) => {
        if (answer !== 503) outcome.set(entry.id, { answer, after: restartedAt !== undefined && sentAt > restartedAt });
      },
    });
    const restart = (async () => {
      await until('a third of the commands done', () => (outcome.size >= ENTRIES / 3 ? true : undefined), 300000, 20);
      const began = Date.now();
      await cluster.restart();
      restartedAt = Date.now();
      restartMs = restartedAt - began;
    })();
    await Promise.all([load, restart]);

    const tally = (what: CommandAnswer) => answers.filter((answer) => answer === what).length;
    if (tally('5xx') > 0) {
      // Show why: the API logs every unexpected error with its request id.
      console.log(
        api.process.output
          .split('\n')
          .filter((line) => line.includes('"level":"error"'))
          .join('\n'),
      );
    }
    // A clear answer every time: success, or 503 with Retry-After; never a hang, a dropped connection or a 500.
    expect({
      other4xx: tally('other-4xx'),
      fiveHundreds: tally('5xx'),
      timeouts: tally('timeout'),
      network: tally('network'),
      conflicts: tally(409),
    }).toEqual({
      other4xx: 0,
      fiveHundreds: 0,
      timeouts: 0,
      network: 0,
      conflicts: 0,
    });
    expect([...outcome.values()].filter((result) => result.answer !== 200)).toEqual([]);
    expect(outcome.size).toBe(ENTRIES);
    const afterRestart = [...outcome.values()].filter((result) => result.after).length;
    expect(afterRestart).toBeGreaterThan(0);
    expect(worker.running && api.process.running).toBe(true);

    // Each command applied once: exactly one new event per entry, every entry in revision.
    const rows = await dataSource.query<{ id: string; stage: string; version: number; events: number }[]>(
      `SELECT i.id, i.stage, i.version, (SELECT count(*)::int FROM workflow_events e WHERE e.instance_id = i.id) AS events
         FROM workflow_instances i WHERE i.id = ANY($1::uuid[])`,
      [entries.map((entry) => entry.id)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const doubled = entries.filter((entry) => byId.get(entry.id)?.events !== entry.events + 1 || byId.get(entry.id)?.version !== entry.version + 1);
    expect(doubled).toEqual([]);
    expect(rows.every((row) => row.stage === 'revision')).toBe(true);

    // The hash chain of every touched instance verifies through the API.
    let chainsOk = 0;
    for (const entry of entries) {
      const response = await fetch(`${api.baseUrl}/api/instances/${entry.id}/chain`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.ok && ((await response.json()) as { ok?: boolean }).ok === true) chainsOk += 1;
    }
    expect(chainsOk).toBe(ENTRIES);

    // Every committed notify effect (the submissions' and the returns') processed once by the worker.
    const ledger = await until(
      'every notify effect processed',
      async () => {
        const read = await notifyLedger(dataSource);
        return read.processed === read.effects && read.unrelayed === 0 ? read : undefined;
      },
      180000,
      500,
    );
    expect(ledger).toMatchObject({ incomplete: 0, duplicateNotifications: 0 });
    expect(ledger.effects).toBe(2 * ENTRIES);

    console.log(
      countsLine('postgres-restart', {
        sent: answers.length,
        succeeded: tally(200),
        refused: tally(503),
        kept: ENTRIES - doubled.length,
        duplicates: doubled.length + ledger.duplicateNotifications,
        extra: {
          commands: ENTRIES,
          clients: CLIENTS,
          restartMs,
          commandsAfterRestart: afterRestart,
          chainsVerified: chainsOk,
          notifyEffects: ledger.effects,
          notifyProcessed: ledger.processed,
          emailsReceived: smtp.received.length,
        },
      }),
    );
  });
});
