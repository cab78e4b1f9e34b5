// After the load: wait for the worker to finish every effect that was due, then measure the effect lag (outbox
// row committed → receipt written) and check that no effect was lost or carried out twice.
import { Redis } from 'ioredis';
import { type TestDatabase } from '@khuyencong/persistence/testing';

type DataSource = TestDatabase['dataSource'];
import { summarise, type LatencySummary } from './stats.js';

export interface EffectReport {
  /** Outbox rows by effect type. */
  rows: Record<string, number>;
  /** Rows whose effect was due (not a wake-up for a future timer). */
  due: number;
  /** Due rows without a receipt after the drain wait: lost (or still late). */
  missing: number;
  /** Rows with more than one receipt of the same processor (impossible by key; checked anyway) . */
  doubled: number;
  /**
   * E-mail notification rows, how many are marked sent, in how many distinct messages (a person's e-mails within the
   * combining window go as one), and how many messages the SMTP sink received.
   */
  emails: { rows: number; sent: number; messages: number; received: number };
  /** Duplicate notifications per (effect, user, channel). */
  duplicateNotifications: number;
  lagMs: LatencySummary;
  /** The part of it before the relay handed the effect to BullMQ (outbox created_at → relayed_at). */
  relayLagMs: LatencySummary;
  /** The rest: relayed → processed (BullMQ queueing and the processor). */
  afterRelayMs: LatencySummary;
  /** The same, per effect type (a queue that falls behind shows here). */
  lagMsByType: Record<string, LatencySummary>;
  drainSeconds: number;
}

/** A due effect: anything but a wake-up for a timer still in the future. */
const DUE = `(o.effect_type <> 'timer.wake' OR (o.payload->>'dueAt')::timestamptz <= now())`;

async function missingCount(dataSource: DataSource, fromId: string): Promise<number> {
  const [row] = await dataSource.query<{ missing: number }[]>(
    `SELECT count(*)::int AS missing FROM outbox o WHERE o.id > $1 AND ${DUE} AND NOT EXISTS (SELECT 1 FROM effect_receipts r WHERE r.outbox_id = o.id)`,
    [fromId],
  );
  return row!.missing;
}

/** Waits (at most `timeoutSeconds`) until every due outbox row after `fromId` has its receipt and e-mails are sent. */
export async function drainEffects(dataSource: DataSource, fromId: string, timeoutSeconds: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutSeconds * 1000) {
    const [mail] = await dataSource.query<{ pending: number }[]>(
      `SELECT count(*)::int AS pending FROM notifications WHERE channel = 'email' AND NOT (data ? 'sentAt')`,
    );
    if ((await missingCount(dataSource, fromId)) === 0 && mail!.pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return (Date.now() - started) / 1000;
}

export async function effectReport(dataSource: DataSource, fromId: string, mailsReceived: number, drainSeconds: number): Promise<EffectReport> {
  const rows = await dataSource.query<{ effect_type: string; count: number }[]>(
    `SELECT effect_type, count(*)::int AS count FROM outbox WHERE id > $1 GROUP BY 1 ORDER BY 1`,
    [fromId],
  );
  const [due] = await dataSource.query<{ due: number }[]>(`SELECT count(*)::int AS due FROM outbox o WHERE o.id > $1 AND ${DUE}`, [fromId]);
  const [doubled] = await dataSource.query<{ doubled: number }[]>(
    `SELECT count(*)::int AS doubled FROM (SELECT outbox_id, processor FROM effect_receipts WHERE outbox_id > $1 GROUP BY 1, 2 HAVING count(*) > 1) d`,
    [fromId],
  );
  const [emails] = await dataSource.query<{ rows: number; sent: number; messages: number }[]>(
    `SELECT count(*)::int AS rows, count(*) FILTER (WHERE data ? 'sentAt')::int AS sent,
            count(DISTINCT data->>'messageId') FILTER (WHERE data ? 'sentAt')::int AS messages
       FROM notifications WHERE channel = 'email' AND outbox_id > $1`,
    [fromId],
  );
  const [duplicates] = await dataSource.query<{ duplicates: number }[]>(
    `SELECT count(*)::int AS duplicates FROM (SELECT 1 FROM notifications WHERE outbox_id > $1 GROUP BY outbox_id, user_id, channel HAVING count(*) > 1) d`,
    [fromId],
  );
  // Lag of effects that were due when committed; timer wake-ups are due at their time, not at commit.
  const lags = await dataSource.query<{ lag: number; relay: number; effect_type: string }[]>(
    `SELECT extract(epoch FROM (r.processed_at - o.created_at)) * 1000 AS lag, extract(epoch FROM (o.relayed_at - o.created_at)) * 1000 AS relay, o.effect_type
       FROM outbox o JOIN effect_receipts r ON r.outbox_id = o.id
      WHERE o.id > $1 AND o.effect_type <> 'timer.wake'`,
    [fromId],
  );
  return {
    rows: Object.fromEntries(rows.map((row) => [row.effect_type, row.count])),
    due: due!.due,
    missing: await missingCount(dataSource, fromId),
    doubled: doubled!.doubled,
    emails: { rows: emails!.rows, sent: emails!.sent, messages: emails!.messages, received: mailsReceived },
    duplicateNotifications: duplicates!.duplicates,
    lagMs: summarise(lags.map((row) => Number(row.lag))),
    relayLagMs: summarise(lags.map((row) => Number(row.relay))),
    afterRelayMs: summarise(lags.map((row) => Number(row.lag) - Number(row.relay))),
    lagMsByType: Object.fromEntries(
      [...new Set(lags.map((row) => row.effect_type))].map((type) => [
        type,
        summarise(lags.filter((row) => row.effect_type === type).map((row) => Number(row.lag))),
      ]),
    ),
    drainSeconds: Math.round(drainSeconds * 10) / 10,
  };
}

/** The highest outbox id now: effects of the measured window are those after it. */
export async function outboxMark(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query<{ id: string }[]>(`SELECT coalesce(max(id), 0)::text AS id FROM outbox`);
  return row!.id;
}

/**
 * How long jobs waited in BullMQ before a worker took them (processedOn − timestamp of the job records), per
 * queue, over the completed jobs still kept. Read before the run's Redis keys are deleted.
 */
export async function queueWaits(redisUrl: string, prefix: string, queues: readonly string[]): Promise<Record<string, LatencySummary>> {
  const redis = new Redis(redisUrl);
  try {
    const result: Record<string, LatencySummary> = {};
    for (const queue of queues) {
      const base = `{${prefix}}:${queue}`;
      const ids = await redis.zrange(`${base}:completed`, '0', '-1');
      const waits: number[] = [];
      for (let index = 0; index < ids.length; index += 500) {
        const pipeline = redis.pipeline();
        for (const id of ids.slice(index, index + 500)) pipeline.hmget(`${base}:${id}`, 'timestamp', 'processedOn', 'delay');
        for (const [, fields] of (await pipeline.exec()) ?? []) {
          const [timestamp, processedOn, delay] = (fields as (string | null)[]).map(Number);
          if (Number.isFinite(timestamp) && Number.isFinite(processedOn)) waits.push(processedOn! - timestamp! - (Number.isFinite(delay) ? delay! : 0));
        }
      }
      if (waits.length > 0) result[queue] = summarise(waits);
    }
    return result;
  } finally {
    redis.disconnect();
  }
}
