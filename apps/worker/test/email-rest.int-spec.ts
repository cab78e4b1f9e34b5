// A person with more held e-mails than one message carries (100) gets the rest in the next message right away, by a
// flush job scheduled as the first message is marked sent, not at the e-mail sweep's next run (a minute later by
// default). EmailBatches alone, on a real database, with a mailer and a job sink that record what they are given.
import { type RelayJob } from '@khuyencong/jobs';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { EmailBatches, MAX_PER_MESSAGE } from '../src/notifications/email-batches.js';
import { type Mailer, type OutgoingMail } from '../src/notifications/mailer.js';
import { createUser } from './support.js';

describe('more held e-mails than one message carries', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
  });
  afterAll(() => db.drop());

  it('sends 100 in one message, schedules the flush of the rest at once, and that flush sends the rest', async () => {
    const user = await createUser(db.dataSource);
    const held = MAX_PER_MESSAGE + 5;
    await db.dataSource.query(
      `INSERT INTO notifications (user_id, channel, template, subject, body, data, created_at)
       SELECT $1::uuid, 'email', 'entry_received', 'Hồ sơ đã được tiếp nhận', 'HS-' || g, jsonb_build_object('reference', 'HS-' || g, 'heldAt', now()),
              now() - interval '2 minutes' + g * interval '1 millisecond'
         FROM generate_series(1, $2::integer) AS g`,
      [user.id, held],
    );
    // The window that held them has ended: their flush is due.
    await db.dataSource.query(
      `INSERT INTO email_windows (user_id, quiet_until, flush_at) VALUES ($1, now() - interval '1 second', now() - interval '1 second')`,
      [user.id],
    );
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = {
      send: (mail) => {
        sent.push(mail);
        return Promise.resolve({ messageId: `<m${sent.length}@khuyencong.test>` });
      },
      close: () => undefined,
    };
    const jobs: RelayJob[] = [];
    const batches = new EmailBatches(db.dataSource, mailer, { addAll: (added) => Promise.resolve(void jobs.push(...added)) }, 60_000);

    expect(await batches.sendOrHold(user.id)).toEqual({ sent: MAX_PER_MESSAGE, held: 0 });
    expect(sent.map((mail) => mail.subject)).toEqual([`Khuyến công: ${MAX_PER_MESSAGE} thông báo mới / ${MAX_PER_MESSAGE} new notifications`]);
    // Due now (plus the margin for a worker clock ahead of PostgreSQL's), not left to the sweep.
    expect(jobs).toEqual([
      expect.objectContaining({ queue: 'notifications', name: 'notification.flush', data: expect.objectContaining({ userId: user.id }) as unknown }),
    ]);
    expect(jobs[0]!.delayMs).toBeLessThanOrEqual(250);

    // What that job does: the other five, in the next message, although the new window is still quiet.
    expect(await batches.sendOrHold(user.id)).toEqual({ sent: 5, held: 0 });
    expect(sent).toHaveLength(2);
    expect(sent[1]!.subject).toBe('Khuyến công: 5 thông báo mới / 5 new notifications');
    expect(jobs).toHaveLength(1);
    const [counts] = await db.dataSource.query<{ sent: number; messages: number }[]>(
      `SELECT count(*) FILTER (WHERE data ? 'sentAt')::int AS sent, count(DISTINCT data->>'messageId')::int AS messages FROM notifications WHERE user_id = $1`,
      [user.id],
    );
    expect(counts).toEqual({ sent: held, messages: 2 });
  });
});
