import { EFFECT_JOBS, ENGINE_EFFECTS, OUTBOX_PAYLOADS, jobForEffect, outboxEffectTypes, outboxJobId, planRelay, readOutboxPayload } from './effects.js';
import { JOBS, parsePayload } from './contracts.js';

const now = new Date('2026-03-02T08:00:00.000Z');

describe('effect types and their jobs', () => {
  it('maps every effect type the engine writes to a known job', () => {
    expect(jobForEffect('notify')).toBe('notification.deliver');
    expect(jobForEffect('timer.wake')).toBe('timer.wake');
    expect(jobForEffect('generate_certificate')).toBe('certificate.render');
    expect(jobForEffect('report.export')).toBe('report.export');
    for (const name of Object.values(EFFECT_JOBS)) expect(JOBS[name]).toBeDefined();
  });

  it('knows no job for an unknown effect type, nor for inherited object keys', () => {
    expect(jobForEffect('fax')).toBeUndefined();
    expect(jobForEffect('toString')).toBeUndefined();
  });

  it('carries out every effect the engine emits: by a job the relay routes, or inside the command transaction', () => {
    for (const [type, handling] of Object.entries(ENGINE_EFFECTS)) {
      if (handling.via === 'outbox') expect({ type, job: jobForEffect(type) }).toEqual({ type, job: handling.job });
      else expect({ type, job: jobForEffect(type) }).toEqual({ type, job: undefined });
    }
    // The nomination creates the next level's entry in the nominating transaction: nothing for the relay to do.
    expect(ENGINE_EFFECTS.nominate_to_next_level.via).toBe('transaction');
    expect(outboxEffectTypes().sort()).toEqual(['generate_certificate', 'notify', 'report.export', 'timer.wake']);
    expect(
      outboxEffectTypes().every((type) => planRelay({ id: '1', effectType: type, payload: { timerId: '1', dueAt: now.toISOString() } }, now).kind === 'job'),
    ).toBe(true);
  });

  it('derives a job id BullMQ accepts (not an integer, no colon) from the outbox id', () => {
    expect(outboxJobId('42')).toBe('outbox-42');
  });
});

describe('outbox payloads', () => {
  it('has one payload schema per outbox effect type, and reads a row back or says which field is wrong', () => {
    expect(Object.keys(OUTBOX_PAYLOADS).sort()).toEqual(outboxEffectTypes().sort());
    expect(readOutboxPayload('report.export', { exportId: '6b1f1c1e-6a8e-4c8e-9a57-2f6c1d2e3f40' })).toEqual({
      exportId: '6b1f1c1e-6a8e-4c8e-9a57-2f6c1d2e3f40',
    });
    expect(readOutboxPayload('notify', { to: { userId: 'u1' }, template: 'entry_received' })).toMatchObject({ data: {} });
    expect(() => readOutboxPayload('timer.wake', { timerId: 'x', dueAt: '2026-03-02T08:00:00.000Z' })).toThrow(/timerId/);
    expect(() => readOutboxPayload('report.export', {})).toThrow(/exportId/);
  });
});

describe('planning the job of an outbox row', () => {
  it('carries a notification by reference, under the outbox id, at once', () => {
    const plan = planRelay({ id: '7', effectType: 'notify', payload: { template: 'entry_received' } }, now);
    expect(plan).toEqual({
      kind: 'job',
      job: { queue: 'notifications', name: 'notification.deliver', jobId: 'outbox-7', delayMs: 0, data: { outboxId: '7', idempotencyKey: 'outbox:7' } },
    });
    if (plan.kind === 'job') expect(parsePayload(plan.job.name, plan.job.data)).toEqual(plan.job.data);
  });

  it('holds a timer wake-up back until the timer is due, and wakes an overdue one at once', () => {
    const later = planRelay({ id: '8', effectType: 'timer.wake', payload: { timerId: '3', dueAt: '2026-03-02T08:00:01.500Z' } }, now);
    expect(later).toMatchObject({ kind: 'job', job: { name: 'timer.wake', queue: 'timers', delayMs: 1500, data: { timerId: '3', outboxId: '8' } } });
    const overdue = planRelay({ id: '9', effectType: 'timer.wake', payload: { timerId: 4, dueAt: '2026-03-01T00:00:00Z' } }, now);
    expect(overdue).toMatchObject({ kind: 'job', job: { delayMs: 0, data: { timerId: '4' } } });
  });

  it('refuses a timer wake-up without a timer id or a readable due time', () => {
    expect(planRelay({ id: '1', effectType: 'timer.wake', payload: { dueAt: '2026-03-02T08:00:00Z' } }, now).kind).toBe('unroutable');
    expect(planRelay({ id: '1', effectType: 'timer.wake', payload: { timerId: '1', dueAt: 'tomorrow' } }, now).kind).toBe('unroutable');
  });

  it('reports an effect type no job carries out instead of routing it somewhere', () => {
    expect(planRelay({ id: '2', effectType: 'fax', payload: {} }, now)).toEqual({ kind: 'unroutable', reason: 'no job carries out effect type "fax"' });
  });
});
