import { parseProc, readProc } from './proc-sampler.js';

describe('/proc parsing', () => {
  it('adds user and system ticks and reads resident and peak memory in kB', () => {
    const stat = '4242 (node dist/main.js) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 567 0 0 20 0 11 0 100 1000000 5000';
    const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';
    expect(parseProc(stat, status)).toEqual({ cpuTicks: 1801, rssKb: 102400, hwmKb: 204800 });
  });

  it('reads this very process, and nothing for a pid that does not exist', () => {
    const own = readProc(process.pid);
    expect(own?.rssKb).toBeGreaterThan(1000);
    expect(own!.hwmKb).toBeGreaterThanOrEqual(own!.rssKb);
    expect(readProc(2 ** 22 + 17)).toBeUndefined();
  });
});
