import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { SmtpMailer, type Mailer, type OutgoingMail } from '../src/notifications/mailer.js';
import { NotificationDelivery } from '../src/notifications/notification-delivery.js';
import { TestSmtpServer, commitNotifyDecision, count, createUser, freePort, grant, publishTestDefinition, until } from './support.js';

/** A mailer that records what it sent and refuses the addresses in `refuse` (an SMTP server saying 550). */
class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  readonly refuse = new Set<string>();

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    await new Promise((resolve) => setTimeout(resolve, 20)); // an SMTP exchange takes a while: overlapping deliveries overlap here
    if (this.refuse.has(mail.to)) throw new Error(`550 mailbox unavailable: ${mail.to}`);
    this.sent.push(mail);
    return { messageId: `<${this.sent.length}@test>` };
  }

  close(): void {}
}

describe('delivering a notify effect', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await publishTestDefinition(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  const job = (outboxId: string) => ({ outboxId, idempotencyKey: `outbox:${outboxId}` });

  it('writes the rows and sends each e-mail once when two deliveries of the same effect run at the same time', async () => {
    const [first, second] = [await createUser(db.dataSource), await createUser(db.dataSource)];
    await grant(db.dataSource, first.id, 'judge', 'province', 'gia-lai-2025');
    await grant(db.dataSource, second.id, 'judge', 'province', 'gia-lai-2025');
    const outboxId = await commitNotifyDecision(db.dataSource, { role: 'judge', scope: { type: 'province', id: 'gia-lai-2025' } }, 'jury_assigned');
    const mailer = new RecordingMailer();
    const delivery = new NotificationDelivery(db.dataSource, mailer);

    const results = await Promise.all([delivery.deliver(job(outboxId)), delivery.deliver(job(outboxId)), delivery.deliver(job(outboxId))]);

    expect(results.filter((result) => !result.alreadyRecorded)).toEqual([{ recipients: 2, alreadyRecorded: false, emailsSent: expect.any(Number) as number }]);
    expect(results.reduce((sum, result) => sum + result.emailsSent, 0)).toBe(2);
    expect(mailer.sent.map((mail) => mail.to).sort()).toEqual([first.email, second.email].sort());
    expect(await count(db.dataSource, 'notifications WHERE outbox_id = $1', [outboxId])).toBe(4);
    expect(await count(db.dataSource, `notifications WHERE outbox_id = $1 AND channel = 'email' AND data ? 'sentAt' AND data ? 'messageId'`, [outboxId])).toBe(
      2,
    );
    expect(await count(db.dataSource, 'effect_receipts WHERE outbox_id = $1', [outboxId])).toBe(1);
  });

  it('keeps the e-mails the server took marked sent when another is refused, fails, and the retry sends only the refused one', async () => {
    const [taken, refused] = [await createUser(db.dataSource), await createUser(db.dataSource)];
    await grant(db.dataSource, taken.id, 'judge', 'province', 'quang-ngai-2025');
    await grant(db.dataSource, refused.id, 'judge', 'province', 'quang-ngai-2025');
    const outboxId = await commitNotifyDecision(db.dataSource, { role: 'judge', scope: { type: 'province', id: 'quang-ngai-2025' } }, 'jury_assigned');
    const mailer = new RecordingMailer();
    mailer.refuse.add(refused.email);
    const delivery = new NotificationDelivery(db.dataSource, mailer);

    await expect(delivery.deliver(job(outboxId))).rejects.toThrow(/550 mailbox unavailable/);
    expect(mailer.sent.map((mail) => mail.to)).toEqual([taken.email]);
    expect(await count(db.dataSource, `notifications WHERE outbox_id = $1 AND channel = 'email' AND data ? 'sentAt'`, [outboxId])).toBe(1);
    expect(await count(db.dataSource, `notifications WHERE outbox_id = $1 AND channel = 'in_app'`, [outboxId])).toBe(2);

    mailer.refuse.clear();
    expect(await delivery.deliver(job(outboxId))).toEqual({ recipients: 0, alreadyRecorded: true, emailsSent: 1 });
    expect(mailer.sent.map((mail) => mail.to)).toEqual([taken.email, refused.email]);
    expect(await delivery.deliver(job(outboxId))).toEqual({ recipients: 0, alreadyRecorded: true, emailsSent: 0 });
    expect(await count(db.dataSource, 'notifications WHERE outbox_id = $1', [outboxId])).toBe(4);
  });

  it('holds the e-mails that follow a message within the window, and flushes them as one message however many flushes run at once', async () => {
    const user = await createUser(db.dataSource);
    const mailer = new RecordingMailer();
    const delivery = new NotificationDelivery(db.dataSource, mailer);
    const effects = [];
    for (let i = 0; i < 3; i += 1) effects.push(await commitNotifyDecision(db.dataSource, { userId: user.id }, 'jury_assigned', { reference: `DT-${i}` }));

    expect(await delivery.deliver(job(effects[0]!))).toEqual({ recipients: 1, alreadyRecorded: false, emailsSent: 1 });
    expect(await delivery.deliver(job(effects[1]!))).toEqual({ recipients: 1, alreadyRecorded: false, emailsSent: 0 });
    expect(await delivery.deliver(job(effects[2]!))).toEqual({ recipients: 1, alreadyRecorded: false, emailsSent: 0 });
    // Held, so a delivery of the same effects again leaves them to the flush.
    expect(await delivery.deliver(job(effects[1]!))).toEqual({ recipients: 0, alreadyRecorded: true, emailsSent: 0 });
    expect(mailer.sent).toHaveLength(1);
    // Not due yet: a flush now holds them still.
    expect(await delivery.emails.sendOrHold(user.id)).toEqual({ sent: 0, held: 2 });

    await db.dataSource.query(`UPDATE email_windows SET flush_at = now() WHERE user_id = $1`, [user.id]);
    const outcomes = await Promise.all([delivery.emails.sendOrHold(user.id), delivery.emails.sendOrHold(user.id), delivery.emails.flushOverdue()]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.sent, 0)).toBe(2);
    expect(mailer.sent.map((mail) => mail.subject)).toEqual(['Phân công chấm điểm', 'Khuyến công: 2 thông báo mới / 2 new notifications']);
    expect(await count(db.dataSource, `notifications WHERE user_id = $1 AND channel = 'email' AND data ? 'sentAt'`, [user.id])).toBe(3);
    expect(await count(db.dataSource, `email_windows WHERE user_id = $1 AND flush_at IS NULL AND quiet_until > now()`, [user.id])).toBe(1);
  });

  it('records the receipt of an effect with nobody to tell, and sends nothing', async () => {
    const outboxId = await commitNotifyDecision(db.dataSource, { role: 'judge', scope: { type: 'province', id: 'nowhere' } }, 'jury_assigned');
    const mailer = new RecordingMailer();
    expect(await new NotificationDelivery(db.dataSource, mailer).deliver(job(outboxId))).toEqual({ recipients: 0, alreadyRecorded: false, emailsSent: 0 });
    expect(await count(db.dataSource, 'effect_receipts WHERE outbox_id = $1', [outboxId])).toBe(1);
    expect(mailer.sent).toEqual([]);
  });
});

describe('the SMTP mailer', () => {
  let smtp: TestSmtpServer;

  beforeEach(async () => {
    smtp = await new TestSmtpServer(await freePort()).start();
  });

  afterEach(async () => {
    await smtp.stop();
  });

  const mails = (n: number) => Array.from({ length: n }, (_, i) => ({ to: `nguoi-nhan-${i}@example.vn`, subject: 'Thử nghiệm', text: `Thư số ${i}` }));

  it('pools its connections by default: twelve messages at once go over at most five connections', async () => {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${smtp.port}`, 'Khuyến công <no-reply@example.vn>');
    try {
      await Promise.all(mails(12).map((mail) => mailer.send(mail)));
      await until('twelve messages at the server', () => Promise.resolve(smtp.received.length === 12 ? true : undefined));
      expect(smtp.connections).toBeGreaterThan(0);
      expect(smtp.connections).toBeLessThanOrEqual(5);
    } finally {
      mailer.close();
    }
  });

  it('opens a connection per message when the URL says pool=false', async () => {
    const mailer = new SmtpMailer(`smtp://127.0.0.1:${smtp.port}?pool=false`, 'Khuyến công <no-reply@example.vn>');
    try {
      await Promise.all(mails(4).map((mail) => mailer.send(mail)));
      expect(smtp.connections).toBe(4);
    } finally {
      mailer.close();
    }
  });
});
