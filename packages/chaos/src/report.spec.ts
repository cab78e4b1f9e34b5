import { countsLine } from './report.js';

describe('countsLine', () => {
  it('prints the five counts in a fixed order, then the extras', () => {
    expect(
      countsLine('worker-sigkill', {
        sent: 500,
        succeeded: 500,
        refused: 0,
        kept: 500,
        duplicates: 0,
        extra: { emails: 503, inFlight: 8 },
      }),
    ).toBe('CHAOS worker-sigkill: sent=500 succeeded=500 refused=0 kept=500 duplicates=0 emails=503 inFlight=8');
  });

  it('prints no extras when there are none', () => {
    expect(countsLine('redis-outage', { sent: 1, succeeded: 0, refused: 1, kept: 1, duplicates: 0 })).toBe(
      'CHAOS redis-outage: sent=1 succeeded=0 refused=1 kept=1 duplicates=0',
    );
  });
});
