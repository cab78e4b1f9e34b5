import { randomUUID } from 'node:crypto';
import { type INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type Actor } from '@khuyencong/domain';
import { bullPrefix } from '@khuyencong/jobs';
import { TIMER_WAKE_HORIZON_MS } from '@khuyencong/persistence';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { WorkflowRunner } from '@khuyencong/workflow';
import { JobQueues } from '../src/queues/job-queues.js';
import { TimerWakeUps, timerWakeJobId } from '../src/timers/timer-wake-ups.js';
import { REDIS_URL, TestSmtpServer, count, deleteRedisKeys, freePort, grant, redisPrefix, startWorker, testConfig, until } from './support.js';

const DAY = 24 * 3600 * 1000;

interface TimerRow {
  id: string;
  kind: string;
  command: string;
  due_at: Date;
  fired_at: Date | null;
}

describe('timers fired by the worker through the command pipeline', () => {
  const prefix = redisPrefix();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let runner: WorkflowRunner;
  let queue: Queue;
  let queues: JobQueues;
  let workers: INestApplicationContext[] = [];
  let instanceId: string;
  let env: Record<string, string>;

  /** An entry submitted for screening: the pipeline arms its SLA reminder and escalation timers. */
  async function submittedEntry(): Promise<string> {
    const establishmentId = randomUUID();
    const applicantId = randomUUID();
    const officerId = randomUUID();
    await db.dataSource.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'establishment', 'Cơ sở Gốm Bàu Trúc', 'gia-lai-2025')`, [
      establishmentId,
    ]);
    for (const [id, email] of [
      [applicantId, `ung-vien-${applicantId}@example.vn`],
      [officerId, `can-bo-${officerId}@example.vn`],
    ]) {
      await db.dataSource.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, $2, 'x', $2)`, [id, email]);
    }
    await grant(db.dataSource, officerId, 'provincial_officer', 'province', 'gia-lai-2025');
    const applicant: Actor = { userId: applicantId, roles: [{ role: 'applicant', scope: { type: 'establishment', id: establishmentId } }] };
    const now = Date.now();
    const round = {
      roundId: randomUUID(),
      level: 'province' as const,
      year: new Date(now).getUTCFullYear(),
      registrationOpensAt: new Date(now - DAY).toISOString(),
      registrationClosesAt: new Date(now + 30 * DAY).toISOString(),
    };
    const subject = { establishmentId, communeCode: '23938', provinceCode: 'gia-lai-2025', regionCode: 'CENTRAL_HIGHLANDS' };
    const opened = await runner.start('product-selection', { subject, round }, applicant);
    const dossier = { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 3 };
    await runner.execute(opened.instanceId, { type: 'submit', expectedVersion: opened.state.version, payload: { dossier } }, applicant);
    return opened.instanceId;
  }

  async function timer(command: string, of = instanceId): Promise<TimerRow> {
    const rows = await db.dataSource.query<TimerRow[]>('SELECT id, kind, command, due_at, fired_at FROM timers WHERE instance_id = $1 AND command = $2', [
      of,
      command,
    ]);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  async function firedAt(timerId: string): Promise<Date | undefined> {
    const [row] = await db.dataSource.query<{ fired_at: Date | null }[]>('SELECT fired_at FROM timers WHERE id = $1', [timerId]);
    return row?.fired_at ?? undefined;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    runner = new WorkflowRunner({ dataSource: db.dataSource });
    await runner.definitions.publishAll(db.dataSource.manager);
    smtp = await new TestSmtpServer(await freePort()).start();
    env = {
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      WORKER_QUEUES: 'timers,notifications',
      // Long enough that only the wake-up job can fire the first timer; the second test shortens it.
      TIMER_SWEEP_INTERVAL_MS: '60000',
    };
    workers.push(await startWorker(testConfig({ ...env, WORKER_ID: 'timers-a' })));
    queue = new Queue('timers', { connection: redis, prefix: bullPrefix(prefix) });
    queues = new JobQueues({ REDIS_URL, REDIS_PREFIX: prefix });
    instanceId = await submittedEntry();
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    workers = [];
    await queue.close();
    await queues.beforeApplicationShutdown();
    redis.disconnect();
    await smtp.stop();
    await deleteRedisKeys(prefix);
    await db.drop();
  });

  it('fires a timer due in one second within two seconds of its due time, through its wake-up job', async () => {
    const reminder = await timer('remind');
    expect(reminder.due_at.getTime()).toBeGreaterThan(Date.now() + DAY / 2); // armed by the pipeline, days ahead
    // Re-armed to one second from now, with its wake-up row, in one transaction: what the pipeline writes.
    const [wake] = await db.dataSource.transaction(async (manager) => {
      // UPDATE ... RETURNING through TypeORM's postgres driver yields [rows, affectedCount].
      const [[rearmed]] = await manager.query<[{ due_at: Date }[], number]>(
        `UPDATE timers SET due_at = now() + interval '1 second' WHERE id = $1 RETURNING due_at`,
        [reminder.id],
      );
      return manager.query<{ id: string; due_at: Date }[]>(
        `INSERT INTO outbox (instance_id, effect_type, payload) VALUES ($1, 'timer.wake', $2) RETURNING id, $3::timestamptz AS due_at`,
        [instanceId, JSON.stringify({ timerId: reminder.id, dueAt: rearmed!.due_at.toISOString() }), rearmed!.due_at],
      );
    });
    const dueAt = wake!.due_at.getTime();

    const fired = await until('the reminder fired', () => firedAt(reminder.id), 10000, 20);
    expect(fired.getTime()).toBeGreaterThanOrEqual(dueAt);
    expect(fired.getTime() - dueAt).toBeLessThan(2000);
    const job = await queue.getJob(`outbox-${wake!.id}`);
    await until('the wake-up job finished', async () => ((await job?.isCompleted()) ? true : undefined));
    expect((await queue.getJob(`outbox-${wake!.id}`))?.returnvalue).toEqual({ outcome: 'fired' });
    // The engine took the timer's command as the system: an event without a user, and the reminder notifications.
    const [event] = await db.dataSource.query<{ type: string; actor_user_id: string | null }[]>(
      'SELECT type, actor_user_id FROM workflow_events WHERE instance_id = $1 ORDER BY seq DESC LIMIT 1',
      [instanceId],
    );
    expect(event).toEqual({ type: 'reminded', actor_user_id: null });
    await until('the reminder notification', async () =>
      (await count(db.dataSource, `notifications WHERE template = 'sla_reminder'`)) > 0 ? true : undefined,
    );
  });

  it('fires a timer armed days ahead on time to the second once it comes within the horizon, once, beside a relayed wake-up', async () => {
    const later = await submittedEntry();
    const reminder = await timer('remind', later);
    // No wake-up row for a timer days ahead: the pipeline leaves it to the sweep.
    expect(reminder.due_at.getTime()).toBeGreaterThan(Date.now() + TIMER_WAKE_HORIZON_MS);
    expect(await count(db.dataSource, `outbox WHERE effect_type = 'timer.wake' AND payload->>'timerId' = $1`, [reminder.id])).toBe(0);
    expect(await new TimerWakeUps(db.dataSource, queues).schedule()).toBe(0);

    // Days have passed: the timer is now three seconds away (the sweep of this worker runs once a minute).
    const [[moved]] = await db.dataSource.query<[{ due_at: Date }[], number]>(
      `UPDATE timers SET due_at = now() + interval '3 seconds' WHERE id = $1 RETURNING due_at`,
      [reminder.id],
    );
    const dueAt = moved!.due_at;
    // A sweep run now (days after the first, so its window reaches the new due time) schedules the wake-up.
    const wakeUps = new TimerWakeUps(db.dataSource, queues);
    expect(await wakeUps.schedule()).toBe(1);
    // The next run of the same process has moved on; another worker's first run adds the same job id: one job.
    expect(await wakeUps.schedule()).toBe(0);
    expect(await new TimerWakeUps(db.dataSource, queues).schedule()).toBe(1);
    const id = timerWakeJobId(reminder.id, dueAt);
    expect((await queue.getDelayed()).filter((job) => (job.data as { timerId: string }).timerId === reminder.id).map((job) => job.id)).toEqual([id]);
    // The pipeline's wake-up for the same due time exists too (a timer re-armed within the horizon has one).
    const [relayed] = await db.dataSource.query<{ id: string }[]>(
      `INSERT INTO outbox (instance_id, effect_type, payload) VALUES ($1, 'timer.wake', $2) RETURNING id`,
      [later, JSON.stringify({ timerId: reminder.id, dueAt: dueAt.toISOString() })],
    );

    const fired = await until('the reminder fired', () => firedAt(reminder.id), 10000, 20);
    expect(fired.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(fired.getTime() - dueAt.getTime()).toBeLessThan(2000);
    const outcomes = await until('both wake-ups finished', async () => {
      const jobs = await Promise.all([queue.getJob(id), queue.getJob(`outbox-${relayed!.id}`)]);
      const values = jobs.map((job) => (job?.finishedOn ? (job.returnvalue as { outcome: string }).outcome : undefined));
      return values.every((value) => value !== undefined) ? values.sort() : undefined;
    });
    expect(outcomes).toEqual(['fired', 'gone']);
    expect(await count(db.dataSource, `workflow_events WHERE instance_id = $1 AND type = 'reminded'`, [later])).toBe(1);
  });

  it('fires a due timer whose wake-up job was lost through the periodic sweep', async () => {
    const escalation = await timer('escalate');
    expect(escalation.fired_at).toBeNull();
    // Overdue, and no wake-up for the new due time exists: no outbox row (armed days ahead, it never had one), so no job.
    await db.dataSource.query(`UPDATE timers SET due_at = now() - interval '1 second' WHERE id = $1`, [escalation.id]);
    expect(await count(db.dataSource, `outbox WHERE effect_type = 'timer.wake' AND payload->>'timerId' = $1`, [escalation.id])).toBe(0);

    // A worker with a short sweep interval joins; its scheduler replaces the 60 s one.
    workers.push(await startWorker(testConfig({ ...env, WORKER_ID: 'timers-b', TIMER_SWEEP_INTERVAL_MS: '300' })));
    await until('the escalation fired by the sweep', () => firedAt(escalation.id), 10000);
    const [event] = await db.dataSource.query<{ type: string }[]>('SELECT type FROM workflow_events WHERE instance_id = $1 ORDER BY seq DESC LIMIT 1', [
      instanceId,
    ]);
    expect(event?.type).toBe('escalated');
    // Fired by the sweep itself: no wake-up job of either kind was involved.
    const jobs = await queue.getJobs(['delayed', 'completed', 'waiting', 'active']);
    expect(jobs.filter((job) => job.name === 'timer.wake' && (job.data as { timerId: string }).timerId === escalation.id)).toEqual([]);
    // Each sweep run also scheduled the wake-ups of the horizon (none here: the other timers are days ahead).
    const sweeps = jobs.filter((job) => job.name === 'timer.sweep' && job.finishedOn !== undefined);
    expect(sweeps.length).toBeGreaterThan(0);
    for (const sweep of sweeps) expect(sweep.returnvalue).toMatchObject({ scheduled: 0 });
  });
});
