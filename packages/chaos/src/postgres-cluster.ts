import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './processes.js';

const run = promisify(execFile);

/** The newest PostgreSQL server binaries on the machine (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))) : [];
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  if (newest === undefined) throw new Error('initdb not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)');
  return join(root, newest, 'bin');
}

/** initdb refuses root: as root, the cluster's commands run as the `postgres` system user, who owns the data dir. */
function asClusterUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** A directory for one cluster, owned by the user the cluster runs as. */
async function clusterDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kc-chaos-pg-'));
  if (process.getuid?.() === 0)
    chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
  return dir;
}

/**
 * A PostgreSQL cluster the test creates with initdb and runs with pg_ctl on a free loopback port, trust auth,
 * its socket in its own directory: restarting it touches nothing else on the machine.
 */
export class TestPostgresCluster {
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly bin: string,
  ) {}

  static async create(): Promise<TestPostgresCluster> {
    const cluster = new TestPostgresCluster(await freePort(), await clusterDir(), postgresBinDir());
    await cluster.pg('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await cluster.start();
    return cluster;
  }

  /**
   * A streaming replica of this cluster (a hot standby): `pg_basebackup -R` into a directory of its own, started on
   * a free port. initdb's pg_hba.conf already trusts replication connections from 127.0.0.1, and wal_level defaults
   * to `replica`, so the primary needs no change.
   */
  async createReplica(): Promise<TestPostgresCluster> {
    const replica = new TestPostgresCluster(await freePort(), await clusterDir(), this.bin);
    await replica.pg('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(this.port),
      '-U',
      'postgres',
      '-D',
      replica.dataDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    await replica.start();
    return replica;
  }

  /**
   * Synchronous replication on (or off again): a commit is acknowledged only once a standby has it on disk
   * (`synchronous_standby_names = '*'`, `synchronous_commit = on`). Set on the primary after its replica streams,
   * or every commit would wait for a standby that is not there yet.
   */
  async synchronousReplication(on: boolean): Promise<void> {
    await this.sql(on ? `ALTER SYSTEM SET synchronous_standby_names = '*'` : `ALTER SYSTEM RESET synchronous_standby_names`);
    await this.sql(`ALTER SYSTEM SET synchronous_commit = 'on'`);
    await this.sql('SELECT pg_reload_conf()');
  }

  /** Waits until this primary has a standby streaming (and, with synchronous replication, in `sync` state). */
  async waitForStandby(state: 'async' | 'sync' = 'async', timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.sql<{ sync_state: string }>(`SELECT sync_state FROM pg_stat_replication WHERE state = 'streaming'`);
      if (rows.some((row) => row.sync_state === state)) return;
      if (Date.now() > deadline) throw new Error(`no ${state} standby streaming within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Promotes this standby to a primary (`pg_ctl promote -w`: returns once it accepts writes). */
  async promote(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-w', 'promote']);
  }

  /** The server killed, as in a crash (`pg_ctl stop -m immediate`: no shutdown checkpoint, every backend gone). */
  async kill(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  /** `pg_ctl stop -m fast`. */
  async stop(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
  }

  /** `pg_ctl start` again after stop or kill. */
  async start(): Promise<void> {
    await this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`,
      '-w',
      'start',
    ]);
  }

  /** One statement on this cluster's `postgres` database. */
  async sql<T>(text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** A database URL on this cluster. */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async createDatabase(name: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.url(name);
  }

  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this returns. */
  async restart(): Promise<void> {
    // -l again: without it the server would inherit this call's output pipe and the call would never return.
    await this.pg('pg_ctl', ['-D', this.dataDir, '-l', join(this.dir, 'server.log'), '-m', 'fast', '-w', 'restart']);
  }

  /** Stops the server at once and removes its directory. */
  async destroy(): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    const [command, argv] = asClusterUser(join(this.bin, tool), args);
    await run(command, argv, { timeout: 120000 });
  }
}
