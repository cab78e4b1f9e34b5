import { JOBS, QUEUE_NAMES, isJobName, isQueueName, jobsOfQueue, parsePayload } from './contracts.js';
import { bullPrefix, heartbeatKey } from './keys.js';

describe('job contracts', () => {
  it('binds every job to a known queue and every queue to at least one job', () => {
    for (const job of Object.values(JOBS)) expect(QUEUE_NAMES).toContain(job.queue);
    for (const queue of QUEUE_NAMES) expect(jobsOfQueue(queue).length).toBeGreaterThan(0);
  });

  it('accepts a payload of ids and an idempotency key', () => {
    expect(parsePayload('notification.deliver', { outboxId: '42', idempotencyKey: 'outbox:42' })).toEqual({
      outboxId: '42',
      idempotencyKey: 'outbox:42',
    });
  });

  it('refuses a payload missing its idempotency key or with a malformed id', () => {
    expect(() => parsePayload('notification.deliver', { outboxId: '42' })).toThrow(/idempotencyKey/);
    expect(() => parsePayload('notification.deliver', { outboxId: 'x', idempotencyKey: 'k' })).toThrow(/decimal/);
  });

  it('takes a timer wake-up with or without an outbox row (relayed, or scheduled by the sweep), never without its timer', () => {
    expect(parsePayload('timer.wake', { outboxId: '8', idempotencyKey: 'outbox:8', timerId: '3' })).toEqual({
      outboxId: '8',
      idempotencyKey: 'outbox:8',
      timerId: '3',
    });
    expect(parsePayload('timer.wake', { idempotencyKey: 'timer-3-1764', timerId: '3' })).toEqual({ idempotencyKey: 'timer-3-1764', timerId: '3' });
    expect(() => parsePayload('timer.wake', { idempotencyKey: 'timer-3-1764' })).toThrow(/timerId/);
    expect(() => parsePayload('timer.wake', { outboxId: 'x', idempotencyKey: 'k', timerId: '3' })).toThrow(/decimal/);
  });

  it('takes an e-mail flush for one person (a uuid), never without it', () => {
    const userId = '0b6f1c9e-3f2a-4c1d-9b8e-2d4f6a7c8e90';
    expect(parsePayload('notification.flush', { idempotencyKey: `email-flush-${userId}-1764`, userId })).toEqual({
      idempotencyKey: `email-flush-${userId}-1764`,
      userId,
    });
    expect(() => parsePayload('notification.flush', { idempotencyKey: 'email-flush' })).toThrow(/userId/);
    expect(() => parsePayload('notification.flush', { idempotencyKey: 'k', userId: '42' })).toThrow(/userId|UUID/i);
  });

  it('recognises job and queue names', () => {
    expect(isJobName('timer.wake')).toBe(true);
    expect(isJobName('timer.snooze')).toBe(false);
    expect(isQueueName('reports')).toBe(true);
    expect(isQueueName('email')).toBe(false);
  });

  it('keeps every BullMQ key of an installation in one Redis Cluster slot', () => {
    expect(bullPrefix('kc')).toBe('{kc}');
    expect(heartbeatKey('kc')).toBe('kc:workers:heartbeat');
  });
});
