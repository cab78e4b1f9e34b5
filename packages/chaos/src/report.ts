/** The counts every fault test prints, copied into docs/reliability.md. */
export interface FaultCounts {
  /** Commands or effects sent. */
  sent: number;
  /** Answered with success. */
  succeeded: number;
  /** Answered with a clear refusal (4xx, or 503 with Retry-After). */
  refused: number;
  /** Effects kept: processed exactly once at the end. */
  kept: number;
  /** Effects applied more than once (notification rows, receipts). */
  duplicates: number;
  /** Anything else worth the record (e-mails received, in flight at a kill, seconds to recover). */
  extra?: Record<string, number | string>;
}

/** One greppable line: `CHAOS <fault>: sent=… succeeded=… refused=… kept=… duplicates=… key=value…`. */
export function countsLine(fault: string, counts: FaultCounts): string {
  const base = `sent=${counts.sent} succeeded=${counts.succeeded} refused=${counts.refused} kept=${counts.kept} duplicates=${counts.duplicates}`;
  const extra = Object.entries(counts.extra ?? {}).map(([key, value]) => `${key}=${value}`);
  return [`CHAOS ${fault}:`, base, ...extra].join(' ');
}
