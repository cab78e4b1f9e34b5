import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket, connect } from 'node:net';
import { type INestApplicationContext } from '@nestjs/common';
import { Redis } from 'ioredis';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type DataSource } from 'typeorm';
import { commitNotifyDecision as commitNotify } from '@khuyencong/persistence/testing';
import { createWorker } from '../src/bootstrap.js';
import { loadWorkerConfig, type ResolvedWorkerConfig } from '../src/config.js';
import { type WorkerOverrides } from '../src/worker.module.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';

/** Polls until `probe` returns a value, or fails naming what was awaited. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 15000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nothing listens on (right now). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A key prefix of its own per test file, and a way to delete its keys afterwards. */
export function redisPrefix(): string {
  return `kctest${randomBytes(4).toString('hex')}`;
}

export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`*${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** The worker configuration for a test, through the same validation as production. */
export function testConfig(env: Record<string, string>): ResolvedWorkerConfig {
  return loadWorkerConfig({ RELAY_POLL_INTERVAL_MS: '200', WORKER_HEARTBEAT_INTERVAL_MS: '1000', ...env });
}

/** A worker (NestJS application context) running in this process. */
export async function startWorker(config: ResolvedWorkerConfig, overrides?: WorkerOverrides): Promise<INestApplicationContext> {
  const app = await createWorker(config, { logger: false, overrides });
  await app.init();
  return app;
}

/** A message an SMTP server received, decoded. */
export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
  raw: string;
}

/** A real SMTP server (smtp-server) on a local port that keeps what it receives. */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  /** SMTP connections opened to this server so far. */
  connections = 0;
  private readonly server: SMTPServer;

  constructor(readonly port: number) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onConnect: (_session, done) => {
        this.connections += 1;
        done();
      },
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw).then(
            (parsed) => {
              this.received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), parsed, raw: raw.toString('latin1') });
              done();
            },
            (error: Error) => done(error),
          );
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Forwards a local port to the real Redis: start it to let Redis "come back" on that port. */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly targetPort = 6379,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server) await new Promise((resolve) => this.server!.close(resolve));
  }
}

/** A published definition for instances written straight through the persistence layer. */
export async function publishTestDefinition(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO workflow_definitions (code, version, status, body, published_at)
     VALUES ('worker-test', 1, 'published', '{"stages": ["draft"]}', now()) ON CONFLICT DO NOTHING`,
  );
}

/** An active user with a Vietnamese display name. */
export async function createUser(dataSource: DataSource, options: { email?: string; active?: boolean } = {}): Promise<{ id: string; email: string }> {
  const email = options.email ?? `${randomUUID()}@example.vn`;
  const [row] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO users (email, password_hash, display_name, active) VALUES ($1, 'x', 'Cán bộ thử nghiệm', $2) RETURNING id`,
    [email, options.active ?? true],
  );
  return { id: row!.id, email };
}

/** Grants a role over a scope (national when scopeId is null), valid from an hour ago unless said otherwise. */
export async function grant(dataSource: DataSource, userId: string, role: string, scopeType: string, scopeId: string | null, validTo?: Date): Promise<void> {
  await dataSource.query(
    `INSERT INTO role_grants (user_id, role, scope_type, scope_id, valid_from, valid_to)
     VALUES ($1, $2, $3, $4, now() - interval '1 day', $5)`,
    [userId, role, scopeType, scopeId, validTo ?? null],
  );
}

/** A committed decision with one `notify` effect (see @khuyencong/persistence/testing). Returns the outbox id. */
export function commitNotifyDecision(dataSource: DataSource, to: unknown, template = 'entry_received', data: Record<string, unknown> = {}): Promise<string> {
  return commitNotify(dataSource, { definitionCode: 'worker-test', to, template, data });
}

/** Counts of one table by a SQL condition. */
export async function count(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, params);
  return row!.n;
}
