import { parsePayload } from '@khuyencong/jobs';
import { timerWakeJobId, wakeUpJob, wakeWindow } from './timer-wake-ups.js';

const now = new Date('2026-03-02T08:00:00.000Z');
const minutes = (n: number) => n * 60_000;
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

describe('the wake-up job of an upcoming timer', () => {
  it('has one id per timer and due time, so repeated runs add it once and a re-armed timer gets a new one', () => {
    expect(timerWakeJobId('42', at(1500))).toBe(timerWakeJobId('42', at(1500)));
    expect(timerWakeJobId('42', at(1500))).not.toBe(timerWakeJobId('42', at(2500)));
    expect(timerWakeJobId('42', at(1500))).toMatch(/^timer-42-\d+$/); // BullMQ refuses integer-looking ids and colons
  });

  it('is held back until the timer is due, and a valid timer.wake job for the registry', () => {
    const job = wakeUpJob({ id: '42', dueAt: at(minutes(3)) }, now);
    expect(job).toMatchObject({ queue: 'timers', name: 'timer.wake', delayMs: minutes(3), data: { timerId: '42' } });
    expect(parsePayload('timer.wake', job.data)).toEqual(job.data);
    expect(wakeUpJob({ id: '42', dueAt: at(-5) }, now).delayMs).toBe(0);
  });
});

describe('the window of due times a run schedules', () => {
  it('starts at now on the first run and reaches one horizon ahead', () => {
    expect(wakeWindow(undefined, now, minutes(5), 30_000)).toEqual({ from: now, to: at(minutes(5)) });
  });

  it('continues from the end of the previous window, looking back by the overlap', () => {
    expect(wakeWindow(at(minutes(5)), at(minutes(1)), minutes(5), 30_000)).toEqual({ from: at(minutes(5) - 30_000), to: at(minutes(6)) });
  });

  it('never reaches behind now: after a long pause the overdue sweep has the timers in between', () => {
    expect(wakeWindow(at(minutes(5)), at(minutes(60)), minutes(5), 30_000)).toEqual({ from: at(minutes(60)), to: at(minutes(65)) });
  });
});
