/** Latency summary of one kind of operation, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of already sorted values (q in 0..1); 0 for an empty list. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function summarise(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50: round2(percentile(sorted, 0.5)),
    p95: round2(percentile(sorted, 0.95)),
    p99: round2(percentile(sorted, 0.99)),
    max: round2(sorted.at(-1) ?? 0),
    mean: round2(sorted.length === 0 ? 0 : total / sorted.length),
  };
}

/** Latencies recorded per operation type; only those inside the measuring window count. */
export class LatencyRecorder {
  private readonly byType = new Map<string, number[]>();
  private measuring = false;
  private errors = new Map<string, number>();

  /** Starts counting (after the warm-up). */
  start(): void {
    this.measuring = true;
  }

  stop(): void {
    this.measuring = false;
  }

  record(type: string, milliseconds: number): void {
    if (!this.measuring) return;
    const list = this.byType.get(type);
    if (list) list.push(milliseconds);
    else this.byType.set(type, [milliseconds]);
  }

  recordError(type: string): void {
    if (!this.measuring) return;
    this.errors.set(type, (this.errors.get(type) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const list of this.byType.values()) sum += list.length;
    return sum;
  }

  summaries(): Record<string, LatencySummary> {
    const result: Record<string, LatencySummary> = {};
    for (const type of [...this.byType.keys()].sort()) result[type] = summarise(this.byType.get(type)!);
    return result;
  }

  all(): LatencySummary {
    return summarise([...this.byType.values()].flat());
  }

  errorCounts(): Record<string, number> {
    return Object.fromEntries(this.errors);
  }
}
