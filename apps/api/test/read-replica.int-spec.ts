// Stale-tolerant reads from a streaming replica (issue 20): a primary and a hot standby of the test's own
// (initdb, pg_basebackup -R, free ports), the API in-process with DATABASE_READ_URL on the standby.
import { until, TestPostgresCluster } from '@khuyencong/chaos';
import { withDatabase } from '@khuyencong/persistence/testing';
import { createUser, startTestApi, type TestApi } from './harness.js';
import { http } from './selection-support.js';

const PASSWORD = 'Replica-Reads-2026';
/** Short, so the test waits little; the probe measures every second. */
const MAX_LAG_MS = 1500;

describe('reads from a streaming replica', () => {
  let primary: TestPostgresCluster;
  let replica: TestPostgresCluster;
  let api: TestApi;
  let h: ReturnType<typeof http>;
  let reader: string;
  let writer: string;
  const registered: string[] = [];

  beforeAll(async () => {
    primary = await TestPostgresCluster.create();
    replica = await primary.createReplica();
    await primary.waitForStandby();
    // The suite's throwaway database is created on the test's own primary; the standby replays it.
    api = await startTestApi(
      (database) => ({ DATABASE_READ_URL: withDatabase(replica.url('postgres'), database.name), DATABASE_READ_MAX_LAG_MS: String(MAX_LAG_MS) }),
      { databaseServer: primary.url('postgres') },
    );
    h = http(api);
    const officer = [{ role: 'provincial_officer', scopeType: 'province' as const, scopeId: 'gia-lai-2025' }];
    await createUser(api, 'doc@replica.test', PASSWORD, officer);
    await createUser(api, 'ghi@replica.test', PASSWORD, officer);
    reader = await h.login('doc@replica.test', PASSWORD);
    writer = await h.login('ghi@replica.test', PASSWORD);
  }, 120000);

  afterAll(async () => {
    await api?.close();
    await replica?.destroy();
    await primary?.destroy();
  });

  /** The establishments list as `token` sees it, and which database served it. */
  async function list(token: string): Promise<{ source: string | null; names: string[] }> {
    const reply = await h.call<{ items: { name: string }[] }>(token, 'GET', '/api/establishments?limit=100');
    expect(reply.status).toBe(200);
    return { source: reply.headers!.get('x-read-source'), names: reply.body.items.map((item) => item.name) };
  }

  async function register(token: string): Promise<string> {
    const name = `Cơ sở bản sao ${registered.length + 1}`;
    registered.push(name);
    const reply = await h.call(token, 'POST', '/api/establishments', {
      name,
      legalForm: 'enterprise',
      registrationNumber: `R-REPLICA-${registered.length}`,
      communeCode: '23941',
      provinceCode: 'gia-lai-2025',
    });
    expect(reply.status).toBe(201);
    return name;
  }

  async function replicaHealth(): Promise<{ status: string; detail?: string }> {
    const body = (await (await fetch(`${api.baseUrl}/api/health`)).json()) as { down: string[]; checks: { replica?: { status: string; detail?: string } } };
    expect(body.down).not.toContain('replica');
    return body.checks.replica!;
  }

  it('serves a reader who has not written from the replica, and a writer from the primary for the bound', async () => {
    await until('the replica measured and usable', async () => ((await replicaHealth()).status === 'up' ? true : undefined), 20000, 100);
    expect((await list(reader)).source).toBe('replica');

    const name = await register(writer);
    // Read-your-writes: the writer's next reads come from the primary, and see the command.
    const own = await list(writer);
    expect(own).toEqual({ source: 'primary', names: expect.arrayContaining([name]) as unknown });
    // Someone who has not written still reads from the replica.
    expect((await list(reader)).source).toBe('replica');
    // Past the bound the writer is back on the replica, which by then holds the command.
    const later = await until(
      'the writer back on the replica',
      async () => {
        const seen = await list(writer);
        return seen.source === 'replica' ? seen : undefined;
      },
      10000,
      200,
    );
    expect(later.names).toContain(name);

    // The public catalogue (anonymous) reads from the replica too.
    const catalogue = await fetch(`${api.baseUrl}/api/public/products`);
    expect([catalogue.status, catalogue.headers.get('x-read-source')]).toEqual([200, 'replica']);
  }, 60000);

  it('falls back to the primary when the replica falls further behind than the bound', async () => {
    await replica.sql('SELECT pg_wal_replay_pause()');
    try {
      const name = await register(writer);
      const behind = await until(
        'reads back on the primary',
        async () => {
          const seen = await list(reader);
          return seen.source === 'primary' ? seen : undefined;
        },
        10000,
        200,
      );
      expect(behind.names).toContain(name);
      expect((await replicaHealth()).detail).toMatch(/not used \(more than 1500 ms behind\)/);
    } finally {
      await replica.sql('SELECT pg_wal_replay_resume()');
    }
    await until('the replica caught up and used again', async () => ((await list(reader)).source === 'replica' ? true : undefined), 10000, 200);
  }, 60000);

  it('reads from the primary while the replica is stopped', async () => {
    await replica.stop();
    // The probe notices within about a second; until then a read may meet the dead connection.
    await until('the replica seen as down', async () => ((await replicaHealth()).status === 'down' ? true : undefined), 10000, 100);
    expect((await replicaHealth()).detail).toMatch(/not used \(unreachable\)/);
    const seen = await list(reader);
    expect(seen.source).toBe('primary');
    expect(seen.names).toEqual(expect.arrayContaining(registered));
    expect((await fetch(`${api.baseUrl}/api/public/products`)).headers.get('x-read-source')).toBe('primary');
  }, 30000);
});
