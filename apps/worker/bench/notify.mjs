// Micro benchmark of notify deliveries (build first: pnpm --filter @khuyencong/worker build). Against the local
// PostgreSQL (a database of its own) and an SMTP sink in this process:
//   node apps/worker/bench/notify.mjs [effects] [concurrency] [smtp-url-query]
// prints effects/s, CPU ms per effect, statements and SMTP connections per effect.
import { randomUUID } from 'node:crypto';
import { commitNotifyDecision, createTestDatabase } from '@khuyencong/persistence/testing';
import { SMTPServer } from 'smtp-server';
import { SmtpMailer } from '../dist/notifications/mailer.js';
import { NotificationDelivery } from '../dist/notifications/notification-delivery.js';

const [effects = 400, concurrency = 8] = process.argv.slice(2, 4).map(Number);
const query = process.argv[4] ?? '';
// VARIANT=old loads dist/notifications/notification-delivery-old.js (the previous version, built from git) if present.
const variant = process.env.VARIANT ?? 'new';

let connections = 0;
let messages = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onConnect: (_session, done) => {
    connections += 1;
    done();
  },
  onData: (stream, _session, done) => {
    stream.resume();
    stream.on('end', () => {
      messages += 1;
      done();
    });
  },
});
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const port = smtp.server.address().port;

const db = await createTestDatabase({ seed: false });
const { dataSource } = db;
await dataSource.query(
  `INSERT INTO workflow_definitions (code, version, status, body, published_at) VALUES ('bench', 1, 'published', '{"stages": ["draft"]}', now())`,
);
const users = [];
for (let n = 0; n < 20; n++) {
  const [row] = await dataSource.query(`INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'x', 'Cán bộ') RETURNING id`, [
    `${randomUUID()}@example.vn`,
  ]);
  users.push(row.id);
}
const outboxIds = [];
for (let n = 0; n < effects; n++) {
  outboxIds.push(await commitNotifyDecision(dataSource, { definitionCode: 'bench', to: { userId: users[n % users.length] }, data: { reference: `HS-${n}` } }));
}

const [{ before }] = await dataSource.query(`SELECT xact_commit + xact_rollback AS before FROM pg_stat_database WHERE datname = current_database()`);
let statements = 0;
const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}${query}`, 'Khuyến công <no-reply@example.vn>');
const Delivery = variant === 'old' ? (await import('../dist/notifications/notification-delivery-old.js')).OldNotificationDelivery : NotificationDelivery;
const delivery = new Delivery(dataSource, mailer);
// Count the statements TypeORM sends (BEGIN and COMMIT included).
const originalCreate = dataSource.createQueryRunner.bind(dataSource);
dataSource.createQueryRunner = (...args) => {
  const runner = originalCreate(...args);
  const original = runner.query.bind(runner);
  runner.query = (...queryArgs) => {
    statements += 1;
    return original(...queryArgs);
  };
  return runner;
};

const started = process.hrtime.bigint();
const cpu = process.cpuUsage();
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < outboxIds.length) await delivery.deliver({ outboxId: outboxIds[next++], idempotencyKey: 'bench' });
  }),
);
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const used = process.cpuUsage(cpu);
const [{ after }] = await dataSource.query(`SELECT xact_commit + xact_rollback AS after FROM pg_stat_database WHERE datname = current_database()`);
console.log(
  `${variant} ${effects} effects, concurrency ${concurrency}, SMTP '${query}': ${((effects * 1000) / ms).toFixed(0)} effects/s, ` +
    `${((used.user + used.system) / 1000 / effects).toFixed(2)} ms CPU each, ${(statements / effects).toFixed(1)} statements and ` +
    `~${((Number(after) - Number(before)) / effects).toFixed(1)} transactions each, ${messages} messages over ${connections} SMTP connection(s)`,
);
mailer.close();
await new Promise((resolve) => smtp.close(resolve));
await db.drop();
