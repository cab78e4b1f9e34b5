import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { type Actor } from '@khuyencong/domain';
import { WorkflowRunner } from '@khuyencong/workflow';
import { type DataSource } from 'typeorm';
import { sleep } from './processes.js';

/** A submitted product-selection entry: a provincial officer's `return` command applies to it once. */
export interface SubmittedEntry {
  id: string;
  version: number;
  events: number;
}

export const OFFICER_EMAIL = 'so@chaos.test';
export const CHAOS_PASSWORD = 'Chaos-Scale-2026';

/**
 * Publishes the definitions, creates an establishment with its applicant and provincial officers of Gia Lai (password
 * CHAOS_PASSWORD; by default OFFICER_EMAIL), and `count` entries submitted by the applicant: what the HTTP load of a fault test works on.
 * Reference data must be seeded (createTestDatabase does).
 */
export async function seedSubmittedEntries(dataSource: DataSource, count: number, officers: string[] = [OFFICER_EMAIL]): Promise<SubmittedEntry[]> {
  const runner = new WorkflowRunner({ dataSource });
  await runner.definitions.publishAll(dataSource.manager);
  const establishmentId = randomUUID();
  await dataSource.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'establishment', 'Cơ sở thử nghiệm', 'gia-lai-2025')`, [
    establishmentId,
  ]);
  const passwordHash = await hash(CHAOS_PASSWORD);
  const user = async (email: string, role: string, scopeType: string, scopeId: string) => {
    const [row] = await dataSource.query<{ id: string }[]>(`INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3) RETURNING id`, [
      email,
      passwordHash,
      email.split('@')[0],
    ]);
    await dataSource.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4)`, [row!.id, role, scopeType, scopeId]);
    return row!.id;
  };
  const applicant: Actor = {
    userId: await user('coso@chaos.test', 'applicant', 'establishment', establishmentId),
    roles: [{ role: 'applicant', scope: { type: 'establishment', id: establishmentId } }],
  };
  for (const email of officers) await user(email, 'provincial_officer', 'province', 'gia-lai-2025');

  const now = Date.now();
  const round = {
    roundId: randomUUID(),
    level: 'province' as const,
    year: 2026,
    passThreshold: 70,
    registrationOpensAt: new Date(now - 86_400_000).toISOString(),
    registrationClosesAt: new Date(now + 86_400_000 * 30).toISOString(),
  };
  const subject = { establishmentId, communeCode: '23938', provinceCode: 'gia-lai-2025', regionCode: 'CENTRAL_HIGHLANDS' };
  const dossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 };
  const entries: SubmittedEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const opened = await runner.start('product-selection', { subject, round }, applicant);
    const submitted = await runner.execute(opened.instanceId, { type: 'submit', expectedVersion: opened.state.version, payload: { dossier } }, applicant);
    entries.push({ id: opened.instanceId, version: submitted.state.version, events: 0 });
  }
  const counts = await dataSource.query<{ instance_id: string; n: number }[]>(
    `SELECT instance_id, count(*)::int AS n FROM workflow_events GROUP BY instance_id`,
  );
  const byId = new Map(counts.map((row) => [row.instance_id, row.n]));
  for (const entry of entries) entry.events = byId.get(entry.id) ?? 0;
  return entries;
}

/** Signs in through `baseUrl`; the access token. */
export async function signIn(baseUrl: string, email = OFFICER_EMAIL, password = CHAOS_PASSWORD): Promise<{ accessToken: string; refreshToken?: string }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { accessToken: string; refreshToken?: string };
}

/** What one `return` command attempt came to. */
export type CommandAnswer = 200 | 409 | 502 | 503 | 'other-4xx' | '5xx' | 'timeout' | 'network';

/** One attempt of the `return` command on an entry, with the given Idempotency-Key. */
export async function returnEntry(baseUrl: string, token: string, entry: SubmittedEntry, key: string, timeoutMs = 20000): Promise<CommandAnswer> {
  try {
    const response = await fetch(`${baseUrl}/api/instances/${entry.id}/commands/return`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key, 'if-match': String(entry.version) },
      body: JSON.stringify({ payload: { reason: 'Thiếu ảnh sản phẩm / Product photos missing' } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    if (response.status === 200 || response.status === 409 || response.status === 502) return response.status;
    // A 503 is clear only with Retry-After (the exception filter sets it); one without counts as a server error.
    if (response.status === 503) return response.headers.get('retry-after') ? 503 : '5xx';
    return response.status >= 500 ? '5xx' : 'other-4xx';
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
  }
}

/** One attempt of a client: the entry, what it came to, when it was sent, and how many attempts came before it. */
export interface ReturnAttempt {
  entry: SubmittedEntry;
  answer: CommandAnswer;
  sentAt: number;
  tries: number;
}

export interface ReturnLoad {
  entries: readonly SubmittedEntry[];
  clients: number;
  /** Each entry's Idempotency-Key is `${keyPrefix}-${entry.id}`, the same for every retry. */
  keyPrefix: string;
  maxTries: number;
  pauseMs: number;
  attempt(entry: SubmittedEntry, key: string): Promise<CommandAnswer>;
  /** Whether a well-behaved client sends the same request again after this answer. */
  retry(answer: CommandAnswer): boolean;
  onAttempt?(attempt: ReturnAttempt): void;
  /** Each entry's last attempt: the one not retried, or the last of `maxTries`. */
  onOutcome?(attempt: ReturnAttempt): void;
}

/** `clients` clients share the entries and send each its command, retrying with the same key as `retry` says. */
export async function sendReturns(load: ReturnLoad): Promise<void> {
  const queue = [...load.entries];
  const client = async () => {
    for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) {
      const key = `${load.keyPrefix}-${entry.id}`;
      for (let tries = 0; tries < load.maxTries; tries += 1) {
        const sentAt = Date.now();
        const attempt = { entry, answer: await load.attempt(entry, key), sentAt, tries };
        load.onAttempt?.(attempt);
        if (!load.retry(attempt.answer) || tries === load.maxTries - 1) {
          load.onOutcome?.(attempt);
          break;
        }
        await sleep(load.pauseMs);
      }
    }
  };
  await Promise.all(Array.from({ length: load.clients }, client));
}
