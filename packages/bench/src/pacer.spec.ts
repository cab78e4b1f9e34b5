import { Pacer } from './http-client.js';

describe('Pacer', () => {
  it('spaces slots evenly at the total rate, whoever asks', async () => {
    const pacer = new Pacer(50); // one slot every 20 ms
    const started = performance.now();
    const slots = await Promise.all(Array.from({ length: 6 }, () => pacer.slot()));
    const gaps = slots.slice(1).map((slot, index) => slot - slots[index]!);
    for (const gap of gaps) expect(gap).toBeCloseTo(20, 5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });
});
