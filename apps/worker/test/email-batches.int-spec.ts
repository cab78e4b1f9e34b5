// E-mails that keep up and do not flood (issue 19), through the real pipeline: committed decisions, the outbox
// relay, BullMQ, the delivery, the delayed flush jobs and the sweep's job scheduler, to a real SMTP server.
import { type INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullPrefix } from '@khuyencong/jobs';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { emailFlushJobId } from '../src/notifications/email-batches.js';
import { SmtpMailer, type Mailer, type OutgoingMail } from '../src/notifications/mailer.js';
import {
  REDIS_URL,
  TestSmtpServer,
  commitNotifyDecision,
  count,
  createUser,
  deleteRedisKeys,
  freePort,
  publishTestDefinition,
  redisPrefix,
  sleep,
  startWorker,
  testConfig,
  until,
} from './support.js';

/** The combining window of these tests (60 s in production). */
const WINDOW_MS = 3000;

/** The real SMTP mailer, except that for the addresses in `crashAfterSend` the first message reaches the server and then the send "dies" before the worker can mark it. */
class CrashingMailer implements Mailer {
  readonly crashAfterSend = new Set<string>();

  constructor(private readonly smtp: SmtpMailer) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const sent = await this.smtp.send(mail);
    if (this.crashAfterSend.delete(mail.to)) throw new Error('the worker died after the SMTP server took the message');
    return sent;
  }

  close(): void {
    this.smtp.close();
  }
}

describe('combined e-mails and the morning digest', () => {
  const prefix = redisPrefix();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  let db: TestDatabase;
  let smtp: TestSmtpServer;
  let mailer: CrashingMailer;
  let worker: INestApplicationContext;
  let queue: Queue;

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await publishTestDefinition(db.dataSource);
    smtp = await new TestSmtpServer(await freePort()).start();
    mailer = new CrashingMailer(new SmtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Khuyến công <khuyencong@example.vn>'));
    worker = await startWorker(
      testConfig({
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: '5',
        REDIS_URL,
        REDIS_PREFIX: prefix,
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        WORKER_QUEUES: 'notifications',
        EMAIL_COMBINE_WINDOW_MS: String(WINDOW_MS),
        EMAIL_SWEEP_INTERVAL_MS: '500',
      }),
      { mailer },
    );
    queue = new Queue('notifications', { connection: redis, prefix: bullPrefix(prefix) });
  });

  afterAll(async () => {
    await worker.close();
    await queue.close();
    redis.disconnect();
    await smtp.stop();
    await deleteRedisKeys(prefix);
    await db.drop();
  });

  const mailsTo = (email: string) => smtp.received.filter((mail) => mail.to.includes(email));
  const emailRows = (userId: string, condition = 'true') =>
    count(db.dataSource, `notifications WHERE user_id = $1 AND channel = 'email' AND ${condition}`, [userId]);
  const setDelivery = (userId: string, mode: 'immediate' | 'daily') =>
    db.dataSource.query(`UPDATE users SET email_delivery = $2 WHERE id = $1`, [userId, mode]);
  const flushAt = async (userId: string) =>
    (await db.dataSource.query<{ flush_at: Date | null }[]>(`SELECT flush_at FROM email_windows WHERE user_id = $1`, [userId]))[0]?.flush_at ?? null;
  const completed = async (jobId: string) =>
    until(`job ${jobId} completed`, async () => {
      const job = await queue.getJob(jobId);
      return job?.finishedOn === undefined ? undefined : (job.returnvalue as unknown);
    });

  /**
   * Waits until `n` of the person's e-mails are marked sent. The SMTP server has a message before the worker commits
   * its mark (send, then mark, in one transaction), so a message received is not yet a row marked.
   */
  const markedSent = (userId: string, n: number) =>
    until(`${n} e-mails marked sent`, async () => ((await emailRows(userId, `data ? 'sentAt'`)) === n ? true : undefined));

  /** A new person whose first e-mail went at once and whose second is held for the end of the window it opened. */
  const secondHeld = async (reference: string) => {
    const user = await createUser(db.dataSource);
    await commitNotifyDecision(db.dataSource, { userId: user.id }, 'entry_received', { reference: `${reference}-1` });
    await until('the first e-mail', () => Promise.resolve(mailsTo(user.email)[0]));
    await commitNotifyDecision(db.dataSource, { userId: user.id }, 'entry_recognised', { reference: `${reference}-2` });
    await until('the second e-mail held', async () => ((await emailRows(user.id, `data ? 'heldAt'`)) === 1 ? true : undefined));
    return user;
  };

  let immediate: { id: string; email: string };
  const immediateEffects: string[] = [];

  it('sends the first of five e-mails at once and the other four as one message when the minute ends; in-app rows come at once', async () => {
    immediate = await createUser(db.dataSource);
    immediateEffects.push(await commitNotifyDecision(db.dataSource, { userId: immediate.id }, 'entry_received', { reference: 'HS-1' }));
    const first = await until('the first e-mail', () => Promise.resolve(mailsTo(immediate.email)[0]));
    const firstAt = Date.now();
    expect(first.parsed.subject).toBe('Hồ sơ đã được tiếp nhận');

    for (let i = 2; i <= 5; i += 1)
      immediateEffects.push(await commitNotifyDecision(db.dataSource, { userId: immediate.id }, 'jury_assigned', { reference: `HS-${i}` }));
    await until('four e-mails held', async () => ((await emailRows(immediate.id, `data ? 'heldAt' AND NOT (data ? 'sentAt')`)) === 4 ? true : undefined));
    expect(await count(db.dataSource, `notifications WHERE user_id = $1 AND channel = 'in_app'`, [immediate.id])).toBe(5);
    expect(mailsTo(immediate.email)).toHaveLength(1);

    const combined = await until('the combined message', () => Promise.resolve(mailsTo(immediate.email)[1]), WINDOW_MS + 10000);
    // Not before the window that the first message opened has ended.
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(WINDOW_MS - 500);
    expect(combined.parsed.subject).toBe('Khuyến công: 4 thông báo mới / 4 new notifications');
    const text = combined.parsed.text ?? '';
    expect(text).toMatch(/^Quý vị có 4 thông báo mới/);
    for (let i = 2; i <= 5; i += 1) expect(text).toContain(`Quý vị được phân công chấm điểm hồ sơ HS-${i}.`);
    expect(text).toContain('English: 4 new notifications');
    expect(text.indexOf('Phân công chấm điểm')).toBeLessThan(text.indexOf('English:'));

    await markedSent(immediate.id, 5);
    const ids = await db.dataSource.query<{ message_id: string; n: number }[]>(
      `SELECT data->>'messageId' AS message_id, count(*)::int AS n FROM notifications WHERE user_id = $1 AND channel = 'email' GROUP BY 1 ORDER BY n`,
      [immediate.id],
    );
    expect(ids.map((row) => row.n)).toEqual([1, 4]);
    expect(ids.map((row) => row.message_id).sort()).toEqual(
      mailsTo(immediate.email)
        .map((mail) => mail.parsed.messageId)
        .sort(),
    );
    await sleep(WINDOW_MS);
    expect(mailsTo(immediate.email)).toHaveLength(2);
    expect(await flushAt(immediate.id)).toBeNull();
  }, 60_000);

  it('doubles nothing when a delivery or a flush job is delivered again', async () => {
    for (const outboxId of immediateEffects.slice(0, 3)) {
      await queue.add('notification.deliver', { outboxId, idempotencyKey: `outbox:${outboxId}` }, { jobId: `again-${outboxId}` });
      expect(await completed(`again-${outboxId}`)).toEqual({ recipients: 0, alreadyRecorded: true, emailsSent: 0 });
    }
    await queue.add('notification.flush', { idempotencyKey: 'again', userId: immediate.id }, { jobId: `again-flush-${immediate.id}` });
    expect(await completed(`again-flush-${immediate.id}`)).toEqual({ sent: 0, held: 0 });
    await sleep(1000);
    expect(mailsTo(immediate.email)).toHaveLength(2);
    expect(await count(db.dataSource, `notifications WHERE user_id = $1`, [immediate.id])).toBe(10);
  });

  it('holds everything of a daily user until the morning digest, then sends one message', async () => {
    const daily = await createUser(db.dataSource);
    await setDelivery(daily.id, 'daily');
    for (let i = 1; i <= 3; i += 1)
      await commitNotifyDecision(db.dataSource, { userId: daily.id }, 'entry_returned', { reference: `NB-${i}`, reason: `Lý do ${i}` });
    await until('three e-mails held', async () => ((await emailRows(daily.id, `data ? 'heldAt'`)) === 3 ? true : undefined));
    expect(await count(db.dataSource, `notifications WHERE user_id = $1 AND channel = 'in_app'`, [daily.id])).toBe(3);

    // Held until the next 07:00 in Vietnam, with one delayed flush job for that time.
    const digestAt = (await flushAt(daily.id))!;
    const hanoi = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit' }).format(digestAt);
    expect(hanoi).toBe('07:00');
    expect(digestAt.getTime() - Date.now()).toBeGreaterThan(0);
    expect(digestAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    const digestJob = await until('the digest job', async () => (await queue.getJob(emailFlushJobId(daily.id, digestAt))) ?? undefined);
    expect(await digestJob.isDelayed()).toBe(true);
    await sleep(WINDOW_MS + 1500); // past a combining window and a few sweeps
    expect(mailsTo(daily.email)).toHaveLength(0);

    // 07:00 comes: the sweep finds the digest due.
    await db.dataSource.query(`UPDATE email_windows SET flush_at = now() WHERE user_id = $1`, [daily.id]);
    const digest = await until('the digest', () => Promise.resolve(mailsTo(daily.email)[0]), 10000);
    expect(digest.parsed.subject).toBe('Khuyến công: 3 thông báo mới / 3 new notifications');
    for (let i = 1; i <= 3; i += 1) expect(digest.parsed.text).toContain(`Hồ sơ NB-${i} được trả lại để bổ sung, chỉnh sửa. Lý do: Lý do ${i}`);
    await markedSent(daily.id, 3);
    // The digest job, run at its time after all, finds nothing left.
    await queue.remove(emailFlushJobId(daily.id, digestAt));
    await queue.add('notification.flush', { idempotencyKey: 'late', userId: daily.id }, { jobId: `late-digest-${daily.id}` });
    expect(await completed(`late-digest-${daily.id}`)).toEqual({ sent: 0, held: 0 });
    expect(mailsTo(daily.email)).toHaveLength(1);
  }, 60_000);

  it('sends held e-mails whose flush job was lost, by the sweep', async () => {
    const user = await secondHeld('MAT');
    const due = (await flushAt(user.id))!;
    // Redis loses the delayed flush job (a restart without persistence).
    const job = await until('the flush job', async () => (await queue.getJob(emailFlushJobId(user.id, due))) ?? undefined);
    await job.remove();
    expect(await queue.getJob(emailFlushJobId(user.id, due))).toBeUndefined();

    const late = await until('the held e-mail, from the sweep', () => Promise.resolve(mailsTo(user.email)[1]), WINDOW_MS + 10000);
    expect(late.parsed.subject).toBe('Sản phẩm được công nhận');
    expect(Date.now()).toBeGreaterThanOrEqual(due.getTime() - 500);
    await markedSent(user.id, 2);
    await sleep(1000);
    expect(mailsTo(user.email)).toHaveLength(2);
  }, 60_000);

  it("adds a new e-mail to a window that already holds e-mails without waiting for the person's turn", async () => {
    const user = await secondHeld('GOP');
    // Someone holds the person's window row (a turn in progress): the third e-mail still joins the held ones at once.
    const turn = db.dataSource.createQueryRunner();
    await turn.connect();
    await turn.startTransaction();
    try {
      await turn.query(`SELECT 1 FROM email_windows WHERE user_id = $1 FOR UPDATE`, [user.id]);
      await commitNotifyDecision(db.dataSource, { userId: user.id }, 'jury_assigned', { reference: 'GOP-3' });
      await until(
        'the third e-mail held while the window row is locked',
        async () => ((await emailRows(user.id, `data ? 'heldAt'`)) === 2 ? true : undefined),
        2000,
      );
    } finally {
      await turn.rollbackTransaction();
      await turn.release();
    }
    // Both go together when the window ends.
    const combined = await until('the combined message', () => Promise.resolve(mailsTo(user.email)[1]), WINDOW_MS + 10000);
    expect(combined.parsed.subject).toBe('Khuyến công: 2 thông báo mới / 2 new notifications');
    await markedSent(user.id, 3);
  }, 60_000);

  it('re-sends a message at most once when the worker dies between the send and marking it sent', async () => {
    const user = await createUser(db.dataSource);
    mailer.crashAfterSend.add(user.email);
    await commitNotifyDecision(db.dataSource, { userId: user.id }, 'task_delegated', { reference: 'UQ-1', stage: 'review' });
    await until('the e-mail marked sent after the retry', async () => ((await emailRows(user.id, `data ? 'sentAt'`)) === 1 ? true : undefined), 20000);
    const received = mailsTo(user.email);
    expect(received).toHaveLength(2);
    expect(received.map((mail) => mail.parsed.subject)).toEqual(['Được ủy quyền xử lý công việc', 'Được ủy quyền xử lý công việc']);
    const [row] = await db.dataSource.query<{ message_id: string }[]>(
      `SELECT data->>'messageId' AS message_id FROM notifications WHERE user_id = $1 AND channel = 'email'`,
      [user.id],
    );
    expect(row!.message_id).toBe(received[1]!.parsed.messageId);
    await sleep(WINDOW_MS + 1000);
    expect(mailsTo(user.email)).toHaveLength(2);
  }, 60_000);
});
