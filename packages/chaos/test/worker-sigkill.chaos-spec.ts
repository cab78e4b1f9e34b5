import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import {
  type ManagedProcess,
  SmtpSink,
  TestRedisServer,
  commitNotifyDecision,
  countsLine,
  createRecipients,
  notifyLedger,
  publishChaosDefinition,
  startWorkerProcess,
  until,
} from '../src/index.js';

const EFFECTS = 500;
const RECIPIENTS = 25;

/**
 * Fault 1: the worker is SIGKILLed while it works through a batch of committed `notify` effects, then started
 * again. Nothing may be lost (every effect ends with its receipt, its rows and its e-mail) or doubled (one row
 * per recipient and channel; e-mails re-sent only for messages in flight at the kill).
 */
describe('worker killed (SIGKILL) in the middle of a batch of effects', () => {
  const prefix = `kcchaos${randomBytes(4).toString('hex')}`;
  let db: TestDatabase;
  let redis: TestRedisServer;
  let smtp: SmtpSink;
  const workers: ManagedProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    redis = await TestRedisServer.start({ appendOnly: true });
    smtp = await SmtpSink.start();
    await publishChaosDefinition(db.dataSource);
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await smtp?.stop();
    await redis?.destroy();
    await db?.drop();
  });

  const start = async () => {
    const worker = await startWorkerProcess({
      databaseUrl: db.url,
      redisUrl: redis.url,
      redisPrefix: prefix,
      smtpUrl: smtp.url,
      queues: 'notifications',
    });
    workers.push(worker);
    return worker;
  };

  it(`${EFFECTS} effects: killed at a third, restarted, every effect delivered once`, async () => {
    const users = await createRecipients(db.dataSource, RECIPIENTS);
    for (let i = 0; i < EFFECTS; i += 1) await commitNotifyDecision(db.dataSource, users[i % RECIPIENTS]!.id);

    const first = await start();
    await until('a third of the effects processed', async () => ((await notifyLedger(db.dataSource)).processed >= EFFECTS / 3 ? true : undefined), 120000, 20);
    await first.kill('SIGKILL');
    const atKill = await notifyLedger(db.dataSource);
    // Received by the SMTP server but not marked sent when the process died: the only e-mails a retry may repeat.
    const inFlight = smtp.received.length - atKill.sentMessages;
    expect(atKill.processed).toBeLessThan(EFFECTS);

    const second = await start();
    const after = await until(
      'every effect processed and every e-mail marked sent',
      async () => {
        const ledger = await notifyLedger(db.dataSource);
        return ledger.processed === EFFECTS && ledger.emailsMarkedSent === EFFECTS ? ledger : undefined;
      },
      180000,
      250,
    );
    expect(second.running).toBe(true);
    expect(after).toMatchObject({
      effects: EFFECTS,
      unrelayed: 0,
      processed: EFFECTS,
      incomplete: 0,
      duplicateNotifications: 0,
      emailsMarkedSent: EFFECTS,
    });
    // Every e-mail the database calls sent really reached the SMTP server, under the Message-ID it recorded.
    const receivedIds = new Set(smtp.received.map((mail) => mail.messageId));
    expect(after.sentMessageIds.filter((id) => !receivedIds.has(id))).toEqual([]);
    // Combined messages: each recorded message once, plus at most the ones in flight on the killed worker again.
    expect(smtp.received.length).toBeGreaterThanOrEqual(after.sentMessages);
    expect(smtp.received.length).toBeLessThanOrEqual(after.sentMessages + Math.max(inFlight, 0));

    console.log(
      countsLine('worker-sigkill', {
        sent: EFFECTS,
        succeeded: after.processed,
        refused: 0,
        kept: after.processed,
        duplicates: after.duplicateNotifications,
        extra: {
          processedAtKill: atKill.processed,
          emailsAtKill: atKill.emailsMarkedSent,
          inFlightAtKill: inFlight,
          emailsReceived: smtp.received.length,
          messages: after.sentMessages,
          resentEmails: smtp.received.length - after.sentMessages,
        },
      }),
    );
  });
});
