import { type INestApplicationContext } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import {
  REDIS_URL,
  TestSmtpServer,
  commitNotifyDecision,
  count,
  createUser,
  deleteRedisKeys,
  freePort,
  grant,
  publishTestDefinition,
  redisPrefix,
  sleep,
  startWorker,
  testConfig,
  until,
} from './support.js';

describe('notification e-mails over SMTP', () => {
  const prefix = redisPrefix();
  let db: TestDatabase;
  let smtpPort: number;
  let smtp: TestSmtpServer | undefined;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    db = await createTestDatabase();
    await publishTestDefinition(db.dataSource);
    smtpPort = await freePort();
    worker = await startWorker(
      testConfig({
        DATABASE_URL: db.url,
        DATABASE_POOL_SIZE: '4',
        REDIS_URL,
        REDIS_PREFIX: prefix,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        MAIL_FROM: 'Sở Công Thương Gia Lai <khuyencong@example.vn>',
        WORKER_QUEUES: 'notifications',
      }),
    );
  });

  afterAll(async () => {
    await worker.close();
    await smtp?.stop();
    await deleteRedisKeys(prefix);
    await db.drop();
  });

  it('retries while the SMTP server is down and sends the e-mail once it is up', async () => {
    const user = await createUser(db.dataSource);
    const outboxId = await commitNotifyDecision(db.dataSource, { userId: user.id }, 'entry_received');
    // The in-app row and the receipt are committed even though the e-mail cannot go yet.
    await until('the in-app notification', async () =>
      (await count(db.dataSource, `notifications WHERE outbox_id = $1 AND channel = 'in_app'`, [outboxId])) === 1 ? true : undefined,
    );
    await sleep(500);
    expect(await count(db.dataSource, `notifications WHERE outbox_id = $1 AND channel = 'email' AND data ? 'sentAt'`, [outboxId])).toBe(0);

    const server = await new TestSmtpServer(smtpPort).start();
    smtp = server;
    const mail = await until('the e-mail at the SMTP server', () => Promise.resolve(server.received.find((m) => m.to.includes(user.email))), 20000);
    expect(mail.parsed.subject).toBe('Hồ sơ đã được tiếp nhận');
    await until('the e-mail marked sent', async () =>
      (await count(db.dataSource, `notifications WHERE outbox_id = $1 AND data ? 'sentAt'`, [outboxId])) === 1 ? true : undefined,
    );
    expect(await count(db.dataSource, 'effect_receipts WHERE outbox_id = $1', [outboxId])).toBe(1);
    expect(server.received.filter((m) => m.to.includes(user.email))).toHaveLength(1);
  });

  it('sends a Vietnamese e-mail, diacritics intact, to everyone with the role over that province or nationally', async () => {
    const [here, national, elsewhere, expired, inactive] = await Promise.all([
      createUser(db.dataSource),
      createUser(db.dataSource),
      createUser(db.dataSource),
      createUser(db.dataSource),
      createUser(db.dataSource, { active: false }),
    ]);
    await grant(db.dataSource, here.id, 'provincial_officer', 'province', 'gia-lai-2025');
    await grant(db.dataSource, national.id, 'provincial_officer', 'national', null);
    await grant(db.dataSource, elsewhere.id, 'provincial_officer', 'province', 'dak-lak-2025');
    await grant(db.dataSource, expired.id, 'provincial_officer', 'province', 'gia-lai-2025', new Date(Date.now() - 60000));
    await grant(db.dataSource, inactive.id, 'provincial_officer', 'province', 'gia-lai-2025');
    // A judge grant over the same province is another role: no message.
    await grant(db.dataSource, elsewhere.id, 'judge', 'province', 'gia-lai-2025');

    const reason = 'Thiếu bản sao giấy chứng nhận đăng ký kinh doanh; ảnh sản phẩm chưa rõ nét';
    const outboxId = await commitNotifyDecision(
      db.dataSource,
      { role: 'provincial_officer', scope: { type: 'province', id: 'gia-lai-2025' } },
      'entry_returned',
      { reason },
    );
    await until('two e-mails marked sent', async () =>
      (await count(db.dataSource, `notifications WHERE outbox_id = $1 AND data ? 'sentAt'`, [outboxId])) === 2 ? true : undefined,
    );

    const recipients = await db.dataSource.query<{ user_id: string; channel: string }[]>(
      'SELECT user_id, channel FROM notifications WHERE outbox_id = $1 ORDER BY user_id, channel',
      [outboxId],
    );
    expect(recipients).toEqual(
      [here.id, national.id].sort().flatMap((userId) => [
        { user_id: userId, channel: 'email' },
        { user_id: userId, channel: 'in_app' },
      ]),
    );
    const mails = smtp!.received.filter((m) => m.to.includes(here.email) || m.to.includes(national.email));
    expect(mails).toHaveLength(2);
    const parsed = mails[0]!.parsed;
    expect(parsed.subject).toBe('Hồ sơ cần bổ sung, chỉnh sửa');
    expect(parsed.text).toContain(`được trả lại để bổ sung, chỉnh sửa. Lý do: ${reason}`);
    expect(parsed.text).toContain('English: Entry');
    expect(parsed.from?.value[0]).toEqual({ address: 'khuyencong@example.vn', name: 'Sở Công Thương Gia Lai' });
    // Encoded on the wire (8-bit safe), decoded back to the same text.
    expect(mails[0]!.raw).not.toContain('Lý do');
    const [stored] = await db.dataSource.query<{ subject: string; body: string }[]>(
      `SELECT subject, body FROM notifications WHERE outbox_id = $1 AND channel = 'in_app' LIMIT 1`,
      [outboxId],
    );
    expect(stored!.subject).toBe(parsed.subject);
    expect(parsed.text?.trim()).toBe(stored!.body.trim());
  });
});
