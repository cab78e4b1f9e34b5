/**
 * What firing a timer came to: `fired` (its command went through the engine), `stale` (marked fired, but the
 * engine no longer expected it), `not_due` (woken early: left pending), `gone` (already fired, cancelled,
 * deleted, or being fired by someone else right now).
 */
export type TimerFireOutcome = 'fired' | 'stale' | 'not_due' | 'gone';

/**
 * Fires one timer in one transaction: loads it and its instance, sends the timer's command through the engine
 * as the system actor, marks it fired, commits. `WorkflowRunner` of @khuyencong/workflow is the one the worker
 * uses; it is idempotent on its own, since a timer fires only while `fired_at` is null.
 */
export interface TimerFirer {
  fireTimer(timerId: string): Promise<TimerFireOutcome>;
}

/** Injection token of the worker's TimerFirer. */
export const TIMER_FIRER = Symbol('TIMER_FIRER');
