import { Logger } from '@nestjs/common';
import { TimerStore } from '@khuyencong/persistence';
import { type JobPayload } from '@khuyencong/jobs';
import { type DataSource } from 'typeorm';
import { type TimerFireOutcome, type TimerFirer } from './timer-firer.js';

/** How many due timers one sweep run fires at most; the next run takes the rest. */
export const SWEEP_BATCH_SIZE = 200;

/** Timer counts of one sweep run by outcome; `failed`: could not be fired this run (left pending, logged). */
export type SweepResult = Record<TimerFireOutcome, number> & { failed: number };

const logger = new Logger('TimerSweep');

/**
 * `timer.wake`: only a hint that a timer may be due. The timer row decides: the firer fires it if it is due
 * and still pending, and does nothing otherwise (fired by the sweep already, cancelled, or re-armed later).
 */
export async function wakeTimer(firer: TimerFirer, payload: JobPayload<'timer.wake'>): Promise<{ outcome: TimerFireOutcome }> {
  return { outcome: await firer.fireTimer(payload.timerId) };
}

/**
 * `timer.sweep`: fires the due, pending timers whose wake-up job was lost (Redis flushed, relay row unrouted,
 * wake-up added before a re-arm). The candidates are read under FOR UPDATE SKIP LOCKED in a short transaction
 * that ends before firing: the firer locks each timer in its own transaction, and holding the lock here too
 * would make it skip every one. Two sweeps racing for a timer are fine: the second finds it `gone`.
 */
export async function sweepTimers(dataSource: DataSource, firer: TimerFirer, now: Date = new Date()): Promise<SweepResult> {
  const timers = new TimerStore();
  const due = await dataSource.transaction((manager) => timers.due(manager, now, SWEEP_BATCH_SIZE));
  const result: SweepResult = { fired: 0, stale: 0, not_due: 0, gone: 0, failed: 0 };
  for (const timer of due) {
    try {
      result[await firer.fireTimer(timer.id)] += 1;
    } catch (error) {
      // One timer that cannot fire now (its instance contended, the database hiccuped) must not stop the others;
      // it stays pending, so the next run tries again.
      result.failed += 1;
      logger.error(`timer ${timer.id} left pending: ${(error as Error).message}`);
    }
  }
  return result;
}
