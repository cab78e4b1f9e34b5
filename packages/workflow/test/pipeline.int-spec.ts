import { randomUUID } from 'node:crypto';
import { DomainError, type Actor } from '@khuyencong/domain';
import { EventStore } from '@khuyencong/persistence';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { WorkflowRunner } from '../src/index.js';

const establishmentId = randomUUID();
const applicantId = randomUUID();
const officerId = randomUUID();
const subject = { establishmentId, communeCode: 'xa-1', provinceCode: 'gia-lai', regionCode: 'CENTRAL_HIGHLANDS' };
const applicant: Actor = { userId: applicantId, roles: [{ role: 'applicant', scope: { type: 'establishment', id: establishmentId } }] };
const officer: Actor = { userId: officerId, roles: [{ role: 'provincial_officer', scope: { type: 'province', id: 'gia-lai' } }] };
const dossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 };
const round = {
  roundId: randomUUID(),
  level: 'province' as const,
  year: 2025,
  registrationOpensAt: '2025-01-01T00:00:00.000Z',
  registrationClosesAt: '2025-06-30T16:59:59.999Z',
};

describe('the command pipeline', () => {
  let db: TestDatabase;
  let clock = new Date('2025-03-03T02:00:00.000Z'); // Monday 09:00 in Vietnam
  let runner: WorkflowRunner;

  beforeAll(async () => {
    db = await createTestDatabase();
    runner = new WorkflowRunner({ dataSource: db.dataSource, now: () => clock });
    await runner.definitions.publishAll(db.dataSource.manager);
    // The story runs in early 2025, before the reform: the establishment is registered then, in the old Gia Lai.
    await db.dataSource.query(
      `INSERT INTO organisations (id, type, name, province_code, created_at) VALUES ($1, 'establishment', 'Cơ sở Gốm Bàu Trúc', 'gia-lai', $2)`,
      [establishmentId, clock],
    );
    for (const [id, email] of [
      [applicantId, 'a@example.vn'],
      [officerId, 'o@example.vn'],
    ]) {
      await db.dataSource.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, $2, 'x', $2)`, [id, email]);
    }
  });
  afterAll(() => db.drop());

  async function count(table: string, instanceId: string): Promise<number> {
    const [row] = await db.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table} WHERE instance_id = $1`, [instanceId]);
    return row!.n;
  }

  it('opens an entry, submits it and writes state, event, inbox and outbox in one transaction', async () => {
    const opened = await runner.start('product-selection', { subject, round, attributes: { productGroup: 'HANDICRAFT' } }, applicant);
    expect(opened.state.stage).toBe('draft');
    expect(opened.nextTasks.map((task) => task.actions)).toEqual([expect.arrayContaining(['submit'])]);

    const submitted = await runner.execute(opened.instanceId, { type: 'submit', expectedVersion: opened.state.version, payload: { dossier } }, applicant);
    expect(submitted.state.stage).toBe('screening');
    expect(submitted.state.version).toBe(opened.state.version + 1);
    // The applicant has nothing left to do; the province's officers have the screening task.
    expect(submitted.nextTasks).toEqual([]);
    const [task] = await db.dataSource.query<{ role: string; scope_id: string; actions: string[]; due_at: Date }[]>(
      `SELECT role, scope_id, actions, due_at FROM open_tasks WHERE instance_id = $1`,
      [opened.instanceId],
    );
    expect(task).toMatchObject({ role: 'provincial_officer', scope_id: 'gia-lai' });
    expect(task!.actions).toEqual(expect.arrayContaining(['accept', 'return', 'reject']));
    expect(task!.due_at).toBeInstanceOf(Date);
    // SLA timers are armed with their wake-ups, and the notification goes to the outbox.
    expect(await count('timers', opened.instanceId)).toBeGreaterThan(0);
    const outbox = await db.dataSource.query<{ effect_type: string }[]>(`SELECT effect_type FROM outbox WHERE instance_id = $1`, [opened.instanceId]);
    expect(outbox.map((row) => row.effect_type)).toEqual(expect.arrayContaining(['timer.wake', 'notify']));
    const chain = await new EventStore().verifyChain(db.dataSource.manager, opened.instanceId);
    expect(chain).toEqual({ ok: true, count: 2 });
  });

  it('refuses a stale version with STALE_VERSION and writes nothing', async () => {
    const opened = await runner.start('product-selection', { subject, round }, applicant);
    await runner.execute(opened.instanceId, { type: 'submit', expectedVersion: opened.state.version, payload: { dossier } }, applicant);
    const before = await count('workflow_events', opened.instanceId);
    await expect(runner.execute(opened.instanceId, { type: 'accept', expectedVersion: opened.state.version, payload: {} }, officer)).rejects.toMatchObject({
      code: 'STALE_VERSION',
    });
    expect(await count('workflow_events', opened.instanceId)).toBe(before);
  });

  it('rolls back the event, tasks and outbox rows when the transaction fails after the state write', async () => {
    const opened = await runner.start('product-selection', { subject, round }, applicant);
    const events = await count('workflow_events', opened.instanceId);
    const outbox = await count('outbox', opened.instanceId);
    await expect(
      db.dataSource.transaction(async (tx) => {
        await runner.execute(opened.instanceId, { type: 'submit', expectedVersion: opened.state.version, payload: { dossier } }, applicant, tx);
        throw new Error('crash after the state write');
      }),
    ).rejects.toThrow('crash after the state write');
    const [row] = await db.dataSource.query<{ stage: string; version: number }[]>(`SELECT stage, version FROM workflow_instances WHERE id = $1`, [
      opened.instanceId,
    ]);
    expect(row).toEqual({ stage: 'draft', version: opened.state.version });
    expect(await count('workflow_events', opened.instanceId)).toBe(events);
    expect(await count('outbox', opened.instanceId)).toBe(outbox);
    const [tasks] = await db.dataSource.query<{ stage: string }[]>(`SELECT stage FROM open_tasks WHERE instance_id = $1`, [opened.instanceId]);
    expect(tasks?.stage).toBe('draft');
  });

  it('refuses four-eyes violations and incomplete dossiers with the engine code', async () => {
    const opened = await runner.start('product-selection', { subject, round }, applicant);
    const refusal = await runner
      .execute(opened.instanceId, { type: 'submit', expectedVersion: opened.state.version, payload: { dossier: { ...dossier, photoCount: 2 } } }, applicant)
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe('DOSSIER_INCOMPLETE');
  });

  it('fires a due SLA timer as a system command, once', async () => {
    const opened = await runner.start('product-selection', { subject, round }, applicant);
    await runner.execute(opened.instanceId, { type: 'submit', expectedVersion: opened.state.version, payload: { dossier } }, applicant);
    const timers = await db.dataSource.query<{ id: string; due_at: Date; command: string }[]>(
      `SELECT id, due_at, command FROM timers WHERE instance_id = $1 AND fired_at IS NULL ORDER BY due_at`,
      [opened.instanceId],
    );
    const first = timers[0]!;
    expect(first.command).toBeTruthy();
    expect(await runner.fireTimer(first.id)).toBe('not_due');
    const saved = clock;
    clock = new Date(first.due_at.getTime() + 1000);
    try {
      expect(await runner.fireTimer(first.id)).toBe('fired');
      expect(await runner.fireTimer(first.id)).toBe('gone');
    } finally {
      clock = saved;
    }
    const events = await db.dataSource.query<{ type: string; actor_user_id: string | null }[]>(
      `SELECT type, actor_user_id FROM workflow_events WHERE instance_id = $1 ORDER BY seq`,
      [opened.instanceId],
    );
    expect(events.at(-1)?.actor_user_id).toBeNull();
  });
});
