import { type Effect } from '@khuyencong/domain';
import { ENGINE_EFFECTS, jobForEffect, readOutboxPayload, type EffectType } from '@khuyencong/jobs';
import { effectsOf } from './mapping.js';

/** One effect of every type the engine can emit (the mapped type makes a new one break this test's build). */
const samples: { [T in Effect['type']]: Extract<Effect, { type: T }> } = {
  notify: { type: 'notify', to: { userId: 'u1' }, template: 'entry_received', data: {} },
  schedule_timer: { type: 'schedule_timer', timerKind: 'sla_reminder', dueAt: '2026-03-02T08:00:00.000Z', key: 'sla:1', command: 'remind' },
  cancel_timer: { type: 'cancel_timer', key: 'sla:1' },
  generate_certificate: {
    type: 'generate_certificate',
    instanceId: 'i1',
    certificateNumber: 'T-GL-2026-0001',
    level: 'province',
    issuedOn: '2026-03-02',
    validUntil: '2029-12-31',
    decisionNumber: '1/QĐ',
  },
  nominate_to_next_level: {
    type: 'nominate_to_next_level',
    instanceId: 'i1',
    certificateNumber: 'T-GL-2026-0001',
    fromLevel: 'province',
    toLevel: 'region',
    targetRoundId: 'r2',
  },
};

describe('effects → outbox rows, timers and cancellations', () => {
  it('writes an outbox row only for effects a job carries out, and every row it writes has a job', () => {
    for (const effect of Object.values(samples)) {
      const { outbox } = effectsOf('i1', [effect]);
      const expected = ENGINE_EFFECTS[effect.type].via === 'outbox' ? [effect.type] : [];
      expect({ type: effect.type, outbox: outbox.map((row) => row.effectType) }).toEqual({ type: effect.type, outbox: expected });
      for (const row of outbox) expect(jobForEffect(row.effectType)).toBeDefined();
    }
  });

  it('writes each outbox row as the effect map’s payload schema says, so its processor reads it back', () => {
    for (const effect of Object.values(samples)) {
      for (const row of effectsOf('i1', [effect]).outbox) {
        expect(() => readOutboxPayload(row.effectType as EffectType, row.payload)).not.toThrow();
      }
    }
    expect(() => readOutboxPayload('generate_certificate', { instanceId: 'i1' })).toThrow(/certificateNumber/);
  });

  it('writes no outbox row for a nomination: the nominating transaction already created the next entry', () => {
    expect(effectsOf('i1', [samples.nominate_to_next_level])).toEqual({ outbox: [], timers: [], cancel: [] });
  });

  it('arms and cancels timers in the transaction', () => {
    expect(effectsOf('i1', [samples.schedule_timer, samples.cancel_timer])).toMatchObject({
      outbox: [],
      timers: [{ kind: 'sla_reminder', key: 'sla:1', command: 'remind' }],
      cancel: ['sla:1'],
    });
  });
});
