import { LatencyRecorder, percentile, summarise } from './stats.js';

describe('latency statistics', () => {
  it('takes the nearest-rank percentile of a sorted list', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile(values, 1)).toBe(100);
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('summarises unsorted values', () => {
    expect(summarise([5, 1, 3, 2, 4])).toEqual({ count: 5, p50: 3, p95: 5, p99: 5, max: 5, mean: 3 });
  });

  it('ignores what is recorded outside the measuring window', () => {
    const recorder = new LatencyRecorder();
    recorder.record('score', 10);
    recorder.recordError('score');
    recorder.start();
    recorder.record('score', 2);
    recorder.record('vote', 4);
    recorder.recordError('vote');
    recorder.stop();
    recorder.record('vote', 100);
    expect(recorder.total).toBe(2);
    expect(recorder.summaries().score?.count).toBe(1);
    expect(recorder.all().max).toBe(4);
    expect(recorder.errorCounts()).toEqual({ vote: 1 });
  });
});
