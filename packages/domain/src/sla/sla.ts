import type { SlaDefinition } from '../definition/schema.js';
import type { RoundInfo, SlaClassification, SlaClock, SlaRecord } from '../state.js';
import type { Effect } from '../types.js';
import { endOfLocalDay, localDayOf, startOfLocalDay, type WorkingCalendar } from './calendar.js';

/** Where an instance stands against its stage's due date at a given instant. */
export type SlaStatus = 'none' | 'paused' | 'on_time' | 'due_soon' | 'overdue';

/** An instant both as epoch milliseconds and as its ISO text (formatted once per command). */
export interface Instant {
  readonly ms: number;
  readonly iso: string;
}

/** An SLA clock change and the timer effects that go with it. */
export interface ClockChange {
  readonly clock: SlaClock;
  readonly effects: readonly Effect[];
}

const iso = (millis: number): string => new Date(millis).toISOString();

/** Day boundaries repeat across thousands of instances; formatting them once keeps `decide` fast. */
const boundaries = new Map<number, string>();
function boundary(millis: number): string {
  let text = boundaries.get(millis);
  if (text === undefined) {
    if (boundaries.size > 20_000) boundaries.clear();
    text = iso(millis);
    boundaries.set(millis, text);
  }
  return text;
}

type ClockRules = Pick<SlaDefinition, 'dueSoonWorkingDays' | 'escalateAfterWorkingDays'>;

function deadlines(dueDay: number, sla: ClockRules, calendar: WorkingCalendar) {
  const days = calendar.days;
  return {
    dueAt: boundary(endOfLocalDay(dueDay)),
    dueSoonAt: boundary(startOfLocalDay(days.subtractWorkingDays(dueDay, sla.dueSoonWorkingDays - 1))),
    escalateAt: boundary(endOfLocalDay(days.addWorkingDays(dueDay, sla.escalateAfterWorkingDays)) + 1),
  };
}

function withTimers(instanceId: string, clock: Omit<SlaClock, 'timerKeys'>, version: number): ClockChange {
  const reminderKey = `${instanceId}:${clock.stage}:reminder:v${version}`;
  const escalationKey = `${instanceId}:${clock.stage}:escalation:v${version}`;
  return {
    clock: { ...clock, timerKeys: [reminderKey, escalationKey] },
    effects: [
      { type: 'schedule_timer', timerKind: 'sla_reminder', dueAt: clock.dueSoonAt, key: reminderKey, command: 'remind' },
      {
        type: 'schedule_timer',
        timerKind: 'sla_escalation',
        dueAt: clock.escalateAt,
        key: escalationKey,
        command: 'escalate',
      },
    ],
  };
}

function cancelAll(clock: SlaClock): Effect[] {
  return clock.timerKeys.map((key) => ({ type: 'cancel_timer', key }));
}

/** A stage's SLA for an instance: the round may set its own number of working days for the stage. */
export function slaOf(stage: { readonly id: string; readonly sla?: SlaDefinition | undefined }, round: RoundInfo | null): SlaDefinition | undefined {
  const days = round?.stageWorkingDays?.[stage.id];
  if (!stage.sla || days === undefined) return stage.sla;
  return { ...stage.sla, workingDays: days, dueSoonWorkingDays: Math.min(stage.sla.dueSoonWorkingDays, days) };
}

/**
 * Starts the clock of a stage entered at `nowMs`: due at the end of the N-th working day after the entry
 * date (the entry date itself does not count), with reminder and escalation timers.
 */
export function startClock(instanceId: string, stage: string, sla: SlaDefinition, now: Instant, calendar: WorkingCalendar, version: number): ClockChange {
  const dueDay = calendar.days.addWorkingDays(localDayOf(now.ms), sla.workingDays);
  const clock = {
    stage,
    enteredAt: now.iso,
    workingDays: sla.workingDays,
    dueSoonWorkingDays: sla.dueSoonWorkingDays,
    escalateAfterWorkingDays: sla.escalateAfterWorkingDays,
    ...deadlines(dueDay, sla, calendar),
    pausedAt: null,
    pausedIntervals: [],
    escalated: false,
  };
  return withTimers(instanceId, clock, version);
}

/** Stops the clock while the instance waits for the applicant; its timers are cancelled. */
export function pauseClock(clock: SlaClock, now: Instant): ClockChange {
  return { clock: { ...clock, pausedAt: now.iso, timerKeys: [] }, effects: cancelAll(clock) };
}

/**
 * Restarts a paused clock: the due date moves by the working days that passed during the pause (days after
 * the pause date up to and including the resume date), so weekends and holidays in the pause cost nothing.
 */
export function resumeClock(instanceId: string, clock: SlaClock, now: Instant, calendar: WorkingCalendar, version: number): ClockChange {
  const pausedAt = clock.pausedAt ?? now.iso;
  const lost = calendar.days.workingDaysBetween(localDayOf(Date.parse(pausedAt)), localDayOf(now.ms));
  const dueDay = calendar.days.addWorkingDays(localDayOf(Date.parse(clock.dueAt)), lost);
  const resumed = {
    ...clock,
    ...deadlines(dueDay, clock, calendar),
    pausedAt: null,
    pausedIntervals: [...clock.pausedIntervals, { from: pausedAt, to: now.iso, workingDays: lost }],
  };
  return withTimers(instanceId, resumed, version);
}

/** Early: finished before the due-soon window; on time: within it; late: after the due date. */
export function classify(clock: SlaClock, completedAtMs: number): SlaClassification {
  if (completedAtMs > Date.parse(clock.dueAt)) return 'late';
  if (completedAtMs >= Date.parse(clock.dueSoonAt)) return 'on_time';
  return 'early';
}

/** Closes a clock when its stage is left; a paused clock counts as finished when it was paused. */
export function closeClock(clock: SlaClock, now: Instant): { record: SlaRecord; effects: readonly Effect[] } {
  const completedAt = clock.pausedAt ?? now.iso;
  return {
    record: {
      stage: clock.stage,
      enteredAt: clock.enteredAt,
      completedAt,
      dueAt: clock.dueAt,
      classification: classify(clock, Date.parse(completedAt)),
    },
    effects: cancelAll(clock),
  };
}

/** On time, due soon or overdue at `now` (an ISO instant); paused while waiting for the applicant. */
export function slaStatus(clock: SlaClock | null, now: string): SlaStatus {
  if (clock === null) return 'none';
  if (clock.pausedAt !== null) return 'paused';
  const nowMs = Date.parse(now);
  if (nowMs > Date.parse(clock.dueAt)) return 'overdue';
  if (nowMs >= Date.parse(clock.dueSoonAt)) return 'due_soon';
  return 'on_time';
}
