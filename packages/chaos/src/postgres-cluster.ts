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
    const dir = mkdtempSync(join(tmpdir(), 'kc-chaos-pg-'));
    if (process.getuid?.() === 0)
      chownSync(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), Number((await run('id', ['-g', 'postgres'])).stdout.trim()));
    const cluster = new TestPostgresCluster(await freePort(), dir, postgresBinDir());
    await cluster.pg('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await cluster.pg('pg_ctl', [
      '-D',
      cluster.dataDir,
      '-l',
      join(dir, 'server.log'),
      '-o',
      `-p ${cluster.port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off`,
      '-w',
      'start',
    ]);
    return cluster;
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
