import { planRelay, type RelayJob } from '@khuyencong/jobs';
import { type DataSource } from 'typeorm';
import { NOTIFICATION_PROCESSOR } from '../notifications/notification-delivery.js';
import { CERTIFICATE_RENDER } from '../processors/certificate-render.processor.js';
import { type JobSink, type RelayLog } from './outbox-relay.js';

/**
 * Effect types whose processor records a receipt, and the receipt's processor name: the receipt is how the
 * sweep knows an effect was carried out. (`timer.wake` needs none: the timer sweep fires due timers itself.)
 */
export const REDELIVERABLE_EFFECTS: Readonly<Record<string, string>> = {
  notify: NOTIFICATION_PROCESSOR,
  generate_certificate: CERTIFICATE_RENDER,
};

/** Rows relayed longer ago than this are left alone (their jobs' failure records expire after 30 days). */
const MAX_AGE_SECONDS = 7 * 24 * 3600;
/** Jobs re-added per sweep run at most; the next run takes the rest. */
const SWEEP_LIMIT = 500;

export interface OutboxRedeliveryOptions {
  /** An effect relayed this long ago without a receipt is redelivered. */
  redeliverAfterMs: number;
  /** A sweep whose adds Redis did not take in this time gives up until the next run. */
  enqueueTimeoutMs: number;
}

/**
 * Closes the gap the relay leaves when Redis LOSES queued jobs (a restart without persistence, a flush): the
 * relay marked the rows relayed once BullMQ took the jobs, so nothing would add them again. The sweep finds
 * relayed effects that still have no receipt (or, for `notify`, an e-mail neither sent nor held: a held e-mail is
 * the e-mail flush's and its sweep's, notifications/email-batches.ts) and adds their job
 * again under the same job id. While Redis still holds the job (waiting, active, retrying, failed) BullMQ
 * ignores the add; when the job is gone it runs again, and the processor's receipt makes a repeat a no-op.
 */
export class OutboxRedelivery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sink: JobSink,
    private readonly options: OutboxRedeliveryOptions,
    private readonly logger: RelayLog,
  ) {}

  /** One sweep run: returns how many jobs it handed to Redis (adds of jobs Redis still held included). */
  async sweep(): Promise<number> {
    const types = Object.keys(REDELIVERABLE_EFFECTS);
    const rows = await this.dataSource.query<{ id: string; effect_type: string; payload: unknown }[]>(
      `SELECT o.id, o.effect_type, o.payload
         FROM outbox o JOIN unnest($1::text[], $2::text[]) AS p(effect_type, processor) ON p.effect_type = o.effect_type
        WHERE o.relayed_at < now() - make_interval(secs => $3::float8)
          AND o.relayed_at > now() - make_interval(secs => $4::float8)
          AND (NOT EXISTS (SELECT 1 FROM effect_receipts r WHERE r.outbox_id = o.id AND r.processor = p.processor)
               OR (o.effect_type = 'notify' AND EXISTS (
                     SELECT 1 FROM notifications n
                      WHERE n.outbox_id = o.id AND n.channel = 'email' AND NOT (n.data ? 'sentAt') AND NOT (n.data ? 'heldAt'))))
        ORDER BY o.id
        LIMIT $5::integer`,
      [types, types.map((type) => REDELIVERABLE_EFFECTS[type]), this.options.redeliverAfterMs / 1000, MAX_AGE_SECONDS, SWEEP_LIMIT],
    );
    const now = new Date();
    const jobs: RelayJob[] = [];
    for (const row of rows) {
      const plan = planRelay({ id: row.id, effectType: row.effect_type, payload: row.payload }, now);
      if (plan.kind === 'job') jobs.push(plan.job);
    }
    if (jobs.length === 0) return 0;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not take the jobs within ${this.options.enqueueTimeoutMs} ms`)), this.options.enqueueTimeoutMs);
    });
    await Promise.race([this.sink.addAll(jobs), timeout]).finally(() => clearTimeout(timer));
    return jobs.length;
  }
}
