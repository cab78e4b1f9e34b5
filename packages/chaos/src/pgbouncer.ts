import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ManagedProcess, freePort, until } from './processes.js';

const run = promisify(execFile);

/** Debian's package (`apt-get install pgbouncer`) puts the binary here. */
export const PGBOUNCER_BIN = '/usr/sbin/pgbouncer';

export interface PgBouncerOptions {
  /** The PostgreSQL server every database is forwarded to. */
  target: { host: string; port: number };
  /** `transaction` is what the platform is meant to run behind; `session` for comparison. */
  poolMode?: 'transaction' | 'session';
  /** Server connections per database and user (`default_pool_size`). */
  poolSize?: number;
  /** Users the clients connect as (trust auth still wants them listed). */
  users?: string[];
}

/**
 * A PgBouncer of the test's own: its ini and user list in a temp dir, listening on a free loopback port, every
 * database forwarded to `target`. As root it runs as the `postgres` system user (PgBouncer refuses root).
 * The Debian service on 6432 is never used.
 */
export class TestPgBouncer {
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly process: ManagedProcess,
  ) {}

  static available(): boolean {
    return existsSync(PGBOUNCER_BIN);
  }

  static async start(options: PgBouncerOptions): Promise<TestPgBouncer> {
    if (!TestPgBouncer.available()) throw new Error(`${PGBOUNCER_BIN} not found: apt-get install pgbouncer`);
    const dir = mkdtempSync(join(tmpdir(), 'kc-pgbouncer-'));
    const port = await freePort();
    const users = options.users ?? ['postgres', 'root'];
    writeFileSync(join(dir, 'userlist.txt'), users.map((user) => `"${user}" ""\n`).join(''));
    writeFileSync(
      join(dir, 'pgbouncer.ini'),
      [
        '[databases]',
        `* = host=${options.target.host} port=${options.target.port}`,
        '[pgbouncer]',
        'listen_addr = 127.0.0.1',
        `listen_port = ${port}`,
        // No socket: two test poolers on one machine would otherwise fight over /tmp/.s.PGSQL.<port>.
        'unix_socket_dir =',
        'auth_type = trust',
        `auth_file = ${join(dir, 'userlist.txt')}`,
        `pool_mode = ${options.poolMode ?? 'transaction'}`,
        `default_pool_size = ${options.poolSize ?? 20}`,
        'max_client_conn = 1000',
        // The console (database `pgbouncer`): a test reads SHOW STATS there to see its traffic went through.
        `admin_users = ${users.join(', ')}`,
        // node-pg sends `options` when the data source asks for serial queries (-c max_parallel_workers_per_gather=0):
        // PgBouncer 1.18 refuses unknown startup parameters, so it is dropped here (set it per role or database instead).
        'ignore_startup_parameters = extra_float_digits,options',
        `logfile = ${join(dir, 'pgbouncer.log')}`,
        `pidfile = ${join(dir, 'pgbouncer.pid')}`,
        'log_connections = 0',
        'log_disconnections = 0',
        '',
      ].join('\n'),
    );
    const root = process.getuid?.() === 0;
    if (root) {
      const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
      const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
      for (const path of [dir, join(dir, 'userlist.txt'), join(dir, 'pgbouncer.ini')]) chownSync(path, uid, gid);
    }
    const [command, args] = root
      ? ['runuser', ['-u', 'postgres', '--', PGBOUNCER_BIN, join(dir, 'pgbouncer.ini')]]
      : [PGBOUNCER_BIN, [join(dir, 'pgbouncer.ini')]];
    const child = new ManagedProcess('pgbouncer', command, args);
    const bouncer = new TestPgBouncer(port, dir, child);
    await until(
      'PgBouncer accepting connections',
      () => {
        if (!child.running) throw new Error(`pgbouncer exited:\n${child.output}\n${bouncer.log()}`);
        return new Promise<true | undefined>((resolve) => {
          const socket = connect(port, '127.0.0.1');
          socket.once('connect', () => {
            socket.destroy();
            resolve(true);
          });
          socket.once('error', () => resolve(undefined));
        });
      },
      15000,
    ).catch(async (error: Error) => {
      await bouncer.stop();
      throw new Error(`${error.message}\n${child.output}\n${bouncer.log()}`);
    });
    return bouncer;
  }

  /** PgBouncer's own process id (not runuser's), for CPU sampling; undefined before it wrote its pid file. */
  pid(): number | undefined {
    const file = join(this.dir, 'pgbouncer.pid');
    const pid = existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : NaN;
    return Number.isInteger(pid) ? pid : undefined;
  }

  /** A database URL through the pooler. */
  url(database: string, user = 'postgres'): string {
    return `postgres://${user}@127.0.0.1:${this.port}/${database}`;
  }

  /** Transactions PgBouncer has forwarded for `database` (SHOW STATS on its console). */
  async transactions(database: string): Promise<number> {
    const client = new pg.Client({ connectionString: this.url('pgbouncer') });
    await client.connect();
    try {
      const { rows } = await client.query<{ database: string; total_xact_count: string }>('SHOW STATS');
      return Number(rows.find((row) => row.database === database)?.total_xact_count ?? 0);
    } finally {
      await client.end();
    }
  }

  /** What PgBouncer wrote to its log file (why it refused a client, for a failing test). */
  log(): string {
    const file = join(this.dir, 'pgbouncer.log');
    return existsSync(file) ? readFileSync(file, 'utf8').slice(-4000) : '';
  }

  /** Stops PgBouncer (SIGTERM to it, not only to runuser) and removes its directory. */
  async stop(): Promise<void> {
    const pid = this.pid();
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await this.process.stop(5000);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
