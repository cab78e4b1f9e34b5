import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import {
  type ApiProcess,
  Balancer,
  type ManagedProcess,
  SmtpSink,
  type SubmittedEntry,
  TestPgBouncer,
  TestRedisServer,
  countsLine,
  notifyLedger,
  returnEntry,
  seedSubmittedEntries,
  signIn,
  startApiProcess,
  startWorkerProcess,
  until,
} from '../src/index.js';

const ENTRIES = 40;

/**
 * Not a fault: the proof that the platform runs behind PgBouncer in transaction pooling (issue 20). Two built
 * APIs and a worker reach PostgreSQL only through the test's own PgBouncer (pool_mode=transaction, 1.18: no
 * prepared statements across transactions), with DATABASE_TRANSACTION_POOLER on (no named statements) and
 * DATABASE_LISTEN_URL direct (the session cache's LISTEN). Exercised: sign-in, commands with Idempotency-Key
 * (and their replay), a logout on one API that the other API's session cache must see at once (NOTIFY through
 * the pooler, LISTEN direct), identical uploads at once (pg_advisory_xact_lock), the worker's effects.
 */
describe('the platform behind PgBouncer in transaction mode', () => {
  const prefix = `kcchaos${randomBytes(4).toString('hex')}`;
  const jwtSecret = randomBytes(32).toString('base64url');
  const storage = mkdtempSync(join(tmpdir(), 'kc-chaos-docs-'));
  let db: TestDatabase;
  let bouncer: TestPgBouncer;
  let redis: TestRedisServer;
  let smtp: SmtpSink;
  let balancer: Balancer;
  let worker: ManagedProcess;
  const apis: ApiProcess[] = [];
  let entries: SubmittedEntry[] = [];

  beforeAll(async () => {
    if (!TestPgBouncer.available()) throw new Error('pgbouncer is not installed (apt-get install pgbouncer): this test cannot run without it');
    db = await createTestDatabase();
    entries = await seedSubmittedEntries(db.dataSource, ENTRIES);
    const target = new URL(db.url);
    bouncer = await TestPgBouncer.start({ target: { host: target.hostname, port: Number(target.port || 5432) }, poolMode: 'transaction', poolSize: 4 });
    const pooled = { DATABASE_TRANSACTION_POOLER: 'true', DATABASE_LISTEN_URL: db.url };
    redis = await TestRedisServer.start({ appendOnly: false });
    smtp = await SmtpSink.start();
    worker = await startWorkerProcess({ databaseUrl: bouncer.url(db.name), redisUrl: redis.url, redisPrefix: prefix, smtpUrl: smtp.url, env: pooled });
    for (let i = 0; i < 2; i += 1) {
      apis.push(
        await startApiProcess({
          databaseUrl: bouncer.url(db.name),
          redisUrl: redis.url,
          redisPrefix: prefix,
          jwtSecret,
          env: { ...pooled, TRUSTED_PROXIES: 'loopback', DOCUMENT_STORAGE_DIR: storage, SESSION_CACHE_SECONDS: '30' },
        }),
      );
    }
    balancer = await Balancer.start({ backends: apis.map((api) => ({ host: '127.0.0.1', port: Number(new URL(api.baseUrl).port) })) });
  }, 300000);

  afterAll(async () => {
    await balancer?.close();
    for (const api of apis) await api.process.stop();
    await worker?.stop();
    await bouncer?.stop();
    await smtp?.stop();
    await redis?.destroy();
    await db?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('sign-in, commands with their replays, a logout seen by the other API, uploads under an advisory lock, effects', async () => {
    const before = await bouncer.transactions(db.name);
    const [a, b] = apis as [ApiProcess, ApiProcess];

    // Commands, eight at a time over four server connections: named statements would collide here.
    const { accessToken: token } = await signIn(balancer.url);
    const answers: string[] = [];
    const queue = [...entries];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let entry = queue.shift(); entry !== undefined; entry = queue.shift())
          answers.push(String(await returnEntry(balancer.url, token, entry, `pool-${entry.id}`)));
      }),
    );
    expect(answers.filter((answer) => answer !== '200')).toEqual([]);
    // The same keys again: the stored answers replay, nothing applies twice.
    const replays = await Promise.all(entries.slice(0, 10).map((entry) => returnEntry(balancer.url, token, entry, `pool-${entry.id}`)));
    expect(replays).toEqual(Array(10).fill(200));
    const [{ n: events }] = await db.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM workflow_events WHERE instance_id = ANY($1::uuid[])`, [
      entries.map((entry) => entry.id),
    ]);
    expect(events).toBe(entries.reduce((sum, entry) => sum + entry.events + 1, 0));
    // The hot statements (claim and load, the writing statement) ran as functions, whose plans each server session keeps.
    const [{ n: statementFunctions }] = await db.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM pg_proc WHERE proname LIKE 'kc\\_s\\_%'`);
    expect(statementFunctions).toBeGreaterThanOrEqual(2);

    // Eight identical uploads at once (four on each API): the advisory transaction lock lets one store it.
    const applicant = await signIn(balancer.url, 'coso@chaos.test');
    const content = Buffer.from(`%PDF-1.7\n% pooled ${randomUUID()}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
    const uploads = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(content)], { type: 'application/pdf' }), 'ho-so.pdf');
        const response = await fetch(`${balancer.url}/api/documents`, {
          method: 'POST',
          body: form,
          headers: { authorization: `Bearer ${applicant.accessToken}` },
        });
        return { status: response.status, body: (await response.json()) as { id: string; deduplicated: boolean } };
      }),
    );
    expect(uploads.map((upload) => upload.status)).toEqual(Array(8).fill(201));
    expect(new Set(uploads.map((upload) => upload.body.id)).size).toBe(1);
    expect(uploads.filter((upload) => !upload.body.deduplicated)).toHaveLength(1);

    // A session used on API b (now in its cache), logged out on API a: b refuses it within moments, long before
    // its 30 s cache would lapse, because the NOTIFY (sent through the pooler) reached b's direct LISTEN.
    // Both APIs listen on their own direct connection (DATABASE_LISTEN_URL): a cache that is not listening is not used,
    // so a refusal below without these would prove nothing.
    const listeners = await db.dataSource.query<{ query: string }[]>(
      `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'khuyencong-api-sessions'`,
    );
    expect(listeners.map((row) => row.query.startsWith('LISTEN'))).toEqual([true, true]);
    const session = await signIn(a.baseUrl);
    const me = (baseUrl: string) => fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${session.accessToken}` } }).then((r) => r.status);
    expect(await me(b.baseUrl)).toBe(200);
    const logout = await fetch(`${a.baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    expect(logout.status).toBe(204);
    const loggedOut = Date.now();
    await until('API b refusing the logged-out session', async () => ((await me(b.baseUrl)) === 401 ? true : undefined), 5000, 50);
    const invalidationMs = Date.now() - loggedOut;

    // The worker, also behind the pooler, processes every notify effect once.
    const ledger = await until(
      'every notify effect processed',
      async () => {
        const read = await notifyLedger(db.dataSource);
        return read.processed === read.effects && read.unrelayed === 0 ? read : undefined;
      },
      120000,
      250,
    );
    expect(ledger).toMatchObject({ incomplete: 0, duplicateNotifications: 0, effects: 2 * ENTRIES });

    // And the traffic went through PgBouncer.
    const pooledTransactions = (await bouncer.transactions(db.name)) - before;
    expect(pooledTransactions).toBeGreaterThan(ENTRIES);
    console.log(
      countsLine('pgbouncer-transaction-mode', {
        sent: answers.length + replays.length,
        succeeded: answers.filter((answer) => answer === '200').length + replays.filter((answer) => answer === 200).length,
        refused: 0,
        kept: ledger.processed,
        duplicates: ledger.duplicateNotifications,
        extra: { uploads: uploads.length, documentsStored: 1, invalidationMs, pooledTransactions, serverConnections: 4, statementFunctions },
      }),
    );
  });
});
