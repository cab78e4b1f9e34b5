import { randomBytes } from 'node:crypto';
import { createDataSource, runMigrations, seedReferenceData } from '@khuyencong/persistence';
import { type DataSource } from 'typeorm';
import {
  type ApiProcess,
  type CommandAnswer,
  type SubmittedEntry,
  OFFICER_EMAIL,
  returnEntry,
  sendReturns,
  seedSubmittedEntries,
  signIn,
  type ManagedProcess,
  SmtpSink,
  TcpForwarder,
  TestPostgresCluster,
  TestRedisServer,
  countsLine,
  notifyLedger,
  sleep,
  startApiProcess,
  startWorkerProcess,
  until,
} from '../src/index.js';

const ENTRIES = 240;
const CLIENTS = 6;
const REQUEST_TIMEOUT_MS = 20000;
const MAX_TRIES = 40;

/**
 * Fault 4: the PostgreSQL primary is killed (`pg_ctl stop -m immediate`, as in a crash) while six HTTP clients send
 * `return` commands through the built API, and its streaming replica is promoted. Each client retries a 503 with the
 * same Idempotency-Key. Neither API nor worker restarts.
 *
 * The replication is synchronous (`synchronous_standby_names = '*'`, `synchronous_commit = on`): a commit is
 * acknowledged only once the standby has it. With an asynchronous replica, a command the API had answered 200 could
 * still be on its way to the standby when the primary died, and promotion would lose it.
 *
 * The API and worker reach the database through a TCP forwarder (TcpForwarder), standing in for the stable address
 * operators switch at a failover (a virtual IP or DNS name): after the promotion it is retargeted to the promoted
 * server, cutting the connections that were open. The API also reads stale-tolerant data from the replica
 * (DATABASE_READ_URL); once promoted it is no longer a standby and those reads go through the forwarder too.
 */
describe('PostgreSQL primary killed, replica promoted under load', () => {
  const prefix = `kcchaos${randomBytes(4).toString('hex')}`;
  let cluster: TestPostgresCluster;
  let replica: TestPostgresCluster;
  let forwarder: TcpForwarder;
  let promoted: DataSource | undefined;
  let redis: TestRedisServer;
  let smtp: SmtpSink;
  let dataSource: DataSource;
  let worker: ManagedProcess;
  let api: ApiProcess;
  let token: string;
  /** An officer who only reads: served by the replica while it is usable. */
  let readerToken: string;
  const entries: SubmittedEntry[] = [];

  beforeAll(async () => {
    cluster = await TestPostgresCluster.create();
    const url = await cluster.createDatabase('khuyencong');
    await runMigrations(url);
    dataSource = createDataSource({ url, poolSize: 5, applicationName: 'khuyencong-chaos' });
    await dataSource.initialize();
    await seedReferenceData(dataSource);
    entries.push(...(await seedSubmittedEntries(dataSource, ENTRIES, [OFFICER_EMAIL, 'doc@chaos.test'])));

    await dataSource.destroy();

    // The standby copies the seeded cluster; synchronous replication is switched on only on the primary (the copy
    // keeps asynchronous settings, so the promoted server does not wait for a standby it no longer has).
    replica = await cluster.createReplica();
    await cluster.waitForStandby('async');
    await cluster.synchronousReplication(true);
    await cluster.waitForStandby('sync');
    forwarder = await TcpForwarder.start(cluster.port);
    const stableUrl = forwarder.url('khuyencong');

    redis = await TestRedisServer.start({ appendOnly: false });
    smtp = await SmtpSink.start();
    worker = await startWorkerProcess({
      databaseUrl: stableUrl,
      redisUrl: redis.url,
      redisPrefix: prefix,
      smtpUrl: smtp.url,
    });
    api = await startApiProcess({
      databaseUrl: stableUrl,
      redisUrl: redis.url,
      redisPrefix: prefix,
      env: { DATABASE_READ_URL: replica.url('khuyencong') },
    });
    token = (await signIn(api.baseUrl)).accessToken;
    readerToken = (await signIn(api.baseUrl, 'doc@chaos.test')).accessToken;
  }, 600000);

  afterAll(async () => {
    await api?.process.stop();
    await worker?.stop();
    if (dataSource?.isInitialized) await dataSource.destroy();
    if (promoted?.isInitialized) await promoted.destroy();
    await smtp?.stop();
    await redis?.destroy();
    await forwarder?.stop();
    await replica?.destroy();
    await cluster?.destroy();
  });

  const attempt = (entry: SubmittedEntry, key: string) => returnEntry(api.baseUrl, token, entry, key, REQUEST_TIMEOUT_MS);

  it('no acknowledged command lost; 503 with Retry-After during the outage, then 2xx without restarting API or worker', async () => {
    const answers: CommandAnswer[] = [];
    const outcome = new Map<string, { answer: CommandAnswer; after: boolean }>();
    let killedAt: number | undefined;
    let failedOverAt: number | undefined;
    let failoverMs = 0;
    let firstSuccessAfterKill: number | undefined;
    const load = sendReturns({
      entries,
      clients: CLIENTS,
      keyPrefix: 'chaos',
      maxTries: MAX_TRIES,
      pauseMs: 500,
      attempt,
      retry: (answer) => answer === 503,
      onAttempt: ({ answer, sentAt }) => {
        answers.push(answer);
        if (answer === 200 && killedAt !== undefined && sentAt > killedAt) firstSuccessAfterKill ??= Date.now();
      },
      // An entry still answered 503 after every try has no outcome: the check of outcomes below says so.
      onOutcome: ({ entry, answer, sentAt }) => {
        if (answer !== 503) outcome.set(entry.id, { answer, after: failedOverAt !== undefined && sentAt > failedOverAt });
      },
    });
    const failover = (async () => {
      await until('a third of the commands done', () => (outcome.size >= ENTRIES / 3 ? true : undefined), 300000, 20);
      killedAt = Date.now();
      await cluster.kill();
      // The operator's (or the failover manager's) reaction time: requests meanwhile find no database.
      await sleep(1000);
      await replica.promote();
      forwarder.retarget(replica.port);
      failedOverAt = Date.now();
      failoverMs = failedOverAt - killedAt;
    })();
    // Alongside, one reader pages through the entry list: a stale-tolerant read, from the replica before the kill,
    // from the forwarded, promoted server after it (no longer a standby, the replica is not used). During the outage
    // these reads are refused with 503 too: the session check behind every signed-in request needs the primary once
    // the session cache's LISTEN connection is lost.
    const reads: string[] = [];
    let commandsDone = false;
    const reader = async () => {
      while (!commandsDone) {
        try {
          const response = await fetch(`${api.baseUrl}/api/entries?limit=20`, {
            headers: { authorization: `Bearer ${readerToken}` },
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          await response.arrayBuffer();
          if (response.status === 200) reads.push(response.headers.get('x-read-source') ?? 'unnamed');
          else reads.push(response.status === 503 && response.headers.get('retry-after') ? '503' : `status ${response.status}`);
        } catch (error) {
          reads.push((error as Error).name);
        }
        await sleep(100);
      }
    };
    const reading = reader();
    await Promise.all([load, failover]);
    commandsDone = true;
    await reading;
    const readTally = (what: string) => reads.filter((read) => read === what).length;
    // Every read answered 200 (naming its source) or 503 with Retry-After.
    expect(reads.filter((read) => !['replica', 'primary', '503'].includes(read))).toEqual([]);
    expect(readTally('replica')).toBeGreaterThan(0);
    expect(readTally('primary')).toBeGreaterThan(0);

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
    const afterFailover = [...outcome.values()].filter((result) => result.after).length;
    expect(afterFailover).toBeGreaterThan(0);
    // The outage was seen, as 503 with Retry-After (counted above), and the same processes answered 2xx after it.
    expect(tally(503)).toBeGreaterThan(0);
    expect(firstSuccessAfterKill).toBeDefined();
    expect(worker.running && api.process.running).toBe(true);

    // Read straight from the promoted server: every acknowledged command is there, each applied once.
    promoted = createDataSource({ url: replica.url('khuyencong'), poolSize: 2, applicationName: 'khuyencong-chaos-check' });
    await promoted.initialize();
    const rows = await promoted.query<{ id: string; stage: string; version: number; events: number }[]>(
      `SELECT i.id, i.stage, i.version, (SELECT count(*)::int FROM workflow_events e WHERE e.instance_id = i.id) AS events
         FROM workflow_instances i WHERE i.id = ANY($1::uuid[])`,
      [entries.map((entry) => entry.id)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const acknowledged = entries.filter((entry) => outcome.get(entry.id)?.answer === 200);
    const lost = acknowledged.filter((entry) => (byId.get(entry.id)?.events ?? 0) < entry.events + 1);
    expect(lost).toEqual([]);
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
        const read = await notifyLedger(promoted!);
        return read.processed === read.effects && read.unrelayed === 0 ? read : undefined;
      },
      180000,
      500,
    );
    expect(ledger).toMatchObject({ incomplete: 0, duplicateNotifications: 0 });
    expect(ledger.effects).toBe(2 * ENTRIES);

    console.log(
      countsLine('postgres-failover', {
        sent: answers.length,
        succeeded: tally(200),
        refused: tally(503),
        kept: acknowledged.length - lost.length,
        duplicates: doubled.length + ledger.duplicateNotifications,
        extra: {
          commands: ENTRIES,
          clients: CLIENTS,
          acknowledged: acknowledged.length,
          lost: lost.length,
          failoverMs,
          recoveredMs: firstSuccessAfterKill! - killedAt!,
          commandsAfterFailover: afterFailover,
          readsReplica: readTally('replica'),
          readsPrimary: readTally('primary'),
          reads503: readTally('503'),
          chainsVerified: chainsOk,
          notifyEffects: ledger.effects,
          notifyProcessed: ledger.processed,
          emailsReceived: smtp.received.length,
        },
      }),
    );
  });
});
