// The printed table and the JSON file under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './platform.js';
import { type LatencySummary } from './stats.js';

/** The machine, for the record: these figures mean little without it. */
export function machine(): { nproc: number; cpu: string; node: string; platform: string } {
  return { nproc: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` };
}

export function writeResult(kind: string, result: unknown): string {
  const directory = join(repoRoot, 'bench', 'results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

const pad = (value: string, width: number) => (value.length >= width ? value : value + ' '.repeat(width - value.length));
const padLeft = (value: string, width: number) => (value.length >= width ? value : ' '.repeat(width - value.length) + value);

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? pad(cell, widths[column]!) : padLeft(cell, widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function latencyRows(summaries: Record<string, LatencySummary>): string[][] {
  return Object.entries(summaries).map(([type, s]) => [type, String(s.count), s.p50.toFixed(1), s.p95.toFixed(1), s.p99.toFixed(1), s.max.toFixed(1)]);
}

export const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
