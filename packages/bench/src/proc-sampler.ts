// CPU and memory of child processes from /proc: utime + stime (clock ticks) and VmRSS / VmHWM (kB).
import { readdirSync, readFileSync } from 'node:fs';

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

/**
 * Samples a group of pids every `intervalMs` between start() and stop(). The group may change (PostgreSQL
 * backends come and go): each pid counts the ticks it used between the first and the last time it was seen, and
 * a pid first seen after start() counts from its own start.
 */
export class ProcSampler {
  private timer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private peakRssKb = 0;
  private peakHwmKb = 0;
  private readonly ticks = new Map<number, { first: number; last: number }>();

  constructor(
    private readonly pids: () => number[],
    private readonly intervalMs = 250,
  ) {}

  private observe(initial: boolean): void {
    let rssKb = 0;
    for (const pid of this.pids()) {
      const sample = readProc(pid);
      if (!sample) continue;
      rssKb += sample.rssKb;
      this.peakHwmKb = Math.max(this.peakHwmKb, sample.hwmKb);
      const seen = this.ticks.get(pid);
      if (seen) seen.last = sample.cpuTicks;
      else this.ticks.set(pid, { first: initial ? sample.cpuTicks : 0, last: sample.cpuTicks });
    }
    this.peakRssKb = Math.max(this.peakRssKb, rssKb);
  }

  start(): void {
    this.observe(true);
    this.startedAt = Date.now();
    this.timer = setInterval(() => this.observe(false), this.intervalMs);
  }

  stop(): ProcessUsage {
    if (this.timer) clearInterval(this.timer);
    this.observe(false);
    let ticks = 0;
    for (const { first, last } of this.ticks.values()) ticks += last - first;
    const seconds = Math.max(0.001, (Date.now() - this.startedAt) / 1000);
    return {
      cpuCores: Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100,
      peakRssMb: Math.round(this.peakRssKb / 1024),
      peakHwmMbPerProcess: Math.round(this.peakHwmKb / 1024),
    };
  }
}

/** Every process whose command name (`/proc/<pid>/comm`) is `name`: PostgreSQL's backends, redis-server. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // gone between readdir and read
    }
  }
  return pids;
}

/** CPU of the whole machine from /proc/stat: busy cores on average over the window (all processes). */
export function machineCpuTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}
