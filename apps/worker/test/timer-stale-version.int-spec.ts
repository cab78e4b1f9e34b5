// A timer whose command meets STALE_VERSION (a command committed on the instance between the timer's read and its
// commit) is retried on the new version and takes effect; when the retries run out it stays pending and the
// failure is reported (the job fails, the sweep counts it), never marked fired with its command dropped.
import { randomUUID } from 'node:crypto';
import { type Actor } from '@khuyencong/domain';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { TimerContendedError, WorkflowRunner } from '@khuyencong/workflow';
import { sweepTimers } from '../src/timers/timer-processors.js';
import { count, grant, until } from './support.js';

const DAY = 86_400_000;

describe('a timer firing while the instance version changes underneath', () => {
  let db: TestDatabase;
  let runner: WorkflowRunner;
  let officer: Actor;

  beforeAll(async () => {
    db = await createTestDatabase();
    runner = new WorkflowRunner({ dataSource: db.dataSource });
    await runner.definitions.publishAll(db.dataSource.manager);
    const officerId = randomUUID();
    await db.dataSource.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, $2, 'x', 'Cán bộ')`, [
      officerId,
      `can-bo-${officerId}@example.vn`,
    ]);
    await grant(db.dataSource, officerId, 'provincial_officer', 'province', 'gia-lai-2025');
    officer = { userId: officerId, roles: [{ role: 'provincial_officer', scope: { type: 'province', id: 'gia-lai-2025' } }] };
  });
  afterAll(() => db.drop());

  /** An entry in screening whose SLA reminder is due now. Returns the instance and the timer. */
  async function dueReminder(): Promise<{ instanceId: string; timerId: string }> {
    const establishmentId = randomUUID();
    await db.dataSource.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'establishment', 'Cơ sở Gốm Bàu Trúc', 'gia-lai-2025')`, [
      establishmentId,
    ]);
    const applicant: Actor = { userId: randomUUID(), roles: [{ role: 'applicant', scope: { type: 'establishment', id: establishmentId } }] };
    await db.dataSource.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, $2, 'x', 'Ứng viên')`, [
      applicant.userId,
      `${applicant.userId}@example.vn`,
    ]);
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
    const [[timer]] = await db.dataSource.query<[{ id: string }[], number]>(
      `UPDATE timers SET due_at = now() - interval '1 second' WHERE instance_id = $1 AND command = 'remind' RETURNING id`,
      [opened.instanceId],
    );
    return { instanceId: opened.instanceId, timerId: timer!.id };
  }

  /**
   * Runs `fire` while the officer's claim of the instance is executed but not committed: the timer reads the old
   * version, waits on the claim's row lock at its commit, and the claim then commits (version + 1).
   */
  async function fireDuringAClaim<T>(instanceId: string, fire: () => Promise<T>): Promise<PromiseSettledResult<T>> {
    const [{ version }] = await db.dataSource.query<[{ version: number }]>(`SELECT version FROM workflow_instances WHERE id = $1`, [instanceId]);
    let firing: Promise<PromiseSettledResult<T>> | undefined;
    await db.dataSource.transaction(async (tx) => {
      await runner.execute(instanceId, { type: 'claim', expectedVersion: version, payload: {} }, officer, tx);
      firing = fire().then(
        (value) => ({ status: 'fulfilled' as const, value }),
        (reason: unknown) => ({ status: 'rejected' as const, reason }),
      );
      await until('the timer waits on the claim', async () =>
        (await count(db.dataSource, `pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)) > 0 ? true : undefined,
      );
    });
    return firing!;
  }

  const firedAt = async (timerId: string) =>
    (await db.dataSource.query<{ fired_at: Date | null }[]>(`SELECT fired_at FROM timers WHERE id = $1`, [timerId]))[0]!.fired_at;

  it('re-reads the instance and fires the command on the new version', async () => {
    const { instanceId, timerId } = await dueReminder();
    const result = await fireDuringAClaim(instanceId, () => runner.fireTimer(timerId));
    expect(result).toEqual({ status: 'fulfilled', value: 'fired' });
    const events = await db.dataSource.query<{ type: string }[]>(`SELECT type FROM workflow_events WHERE instance_id = $1 ORDER BY seq`, [instanceId]);
    expect(events.map((event) => event.type).slice(-2)).toEqual(['claimed', 'reminded']);
    expect(await firedAt(timerId)).not.toBeNull();
  });

  it('leaves the timer pending and reports it when every attempt meets a newer version', async () => {
    const { instanceId, timerId } = await dueReminder();
    const once = new WorkflowRunner({ dataSource: db.dataSource, timerAttempts: 1 });
    const result = await fireDuringAClaim(instanceId, () => once.fireTimer(timerId));
    expect(result.status).toBe('rejected');
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(TimerContendedError);
    expect(await firedAt(timerId)).toBeNull();
    expect(await count(db.dataSource, `workflow_events WHERE instance_id = $1 AND type = 'reminded'`, [instanceId])).toBe(0);

    // The sweep reports a timer it could not fire and goes on with the others; the next run fires it.
    const contended = { fireTimer: () => Promise.reject(new TimerContendedError(timerId, 3)) };
    expect(await sweepTimers(db.dataSource, contended)).toMatchObject({ fired: 0, failed: 1 });
    expect(await sweepTimers(db.dataSource, runner)).toMatchObject({ fired: 1, failed: 0 });
    expect(await count(db.dataSource, `workflow_events WHERE instance_id = $1 AND type = 'reminded'`, [instanceId])).toBe(1);
  });
});
