// CPU and memory of child processes from /proc: utime + stime (clock ticks) and VmRSS / VmHWM (kB).
import { readFileSync } from 'node:fs';

/** What /proc says about one process at one moment. */
export interface ProcSample {
  cpuTicks: number;
  rssKb: number;
  hwmKb: number;
}

/** Linux's USER_HZ: 100 on every architecture Node runs on here. */
const TICKS_PER_SECOND = 100;

/** Parses /proc/<pid>/stat (fields after the parenthesised command name) and /proc/<pid>/status. */
export function parseProc(stat: string, status: string): ProcSample {
  const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // afterName[0] is field 3 (state); utime is field 14, stime field 15.
  const cpuTicks = Number(afterName[11]) + Number(afterName[12]);
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { cpuTicks, rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
}

export function readProc(pid: number): ProcSample | undefined {
  try {
    return parseProc(readFileSync(`/proc/${pid}/stat`, 'utf8'), readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined; // the process is gone
  }
}

/** CPU share and memory of a group of processes (the API's workers, or the worker) over a window. */
export interface ProcessUsage {
  /** Average CPU over the window, in cores (1.0 = one core busy). */
  cpuCores: number;
  /** Largest sum of resident sets seen by sampling. */
  peakRssMb: number;
  /** Largest per-process high-water mark the kernel recorded (VmHWM). */
  peakHwmMbPerProcess: number;
}

/** Samples a named group of pids every `intervalMs` between start() and stop(). */
export class ProcSampler {
  private timer: NodeJS.Timeout | undefined;
  private startTicks = 0;
  private startedAt = 0;
  private peakRssKb = 0;
  private peakHwmKb = 0;

  constructor(
    private readonly pids: () => number[],
    private readonly intervalMs = 250,
  ) {}

  private sample(): ProcSample[] {
    return this.pids().map(readProc).filter((sample): sample is ProcSample => sample !== undefined);
  }

  private observe(): number {
    const samples = this.sample();
    this.peakRssKb = Math.max(this.peakRssKb, samples.reduce((sum, sample) => sum + sample.rssKb, 0));
    for (const sample of samples) this.peakHwmKb = Math.max(this.peakHwmKb, sample.hwmKb);
    return samples.reduce((sum, sample) => sum + sample.cpuTicks, 0);
  }

  start(): void {
    this.startTicks = this.observe();
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.observe(), this.intervalMs);
  }

  stop(): ProcessUsage {
    if (this.timer) clearInterval(this.timer);
    const ticks = this.observe() - this.startTicks;
    const seconds = Math.max(0.001, (Date.now() - this.startedAt) / 1000);
    return {
      cpuCores: Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100,
      peakRssMb: Math.round(this.peakRssKb / 1024),
      peakHwmMbPerProcess: Math.round(this.peakHwmKb / 1024),
    };
  }
}
