import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the JavaScript of the login page and the first page after login', () => {
  it('stays within 300 KB gzipped (measured in Chromium on the production build)', () => {
    const run = spawnSync('node', ['scripts/bundle-size.mjs', '--json'], { cwd: appDir, encoding: 'utf8', timeout: 110_000 });
    const line = run.stdout.trim().split('\n').at(-1) ?? '';
    const report = JSON.parse(line) as { totalGzipBytes: number; budgetBytes: number; files: Record<string, unknown> };
    expect(Object.keys(report.files).length).toBeGreaterThan(1);
    expect(report.totalGzipBytes).toBeGreaterThan(50 * 1024);
    expect(report.totalGzipBytes).toBeLessThanOrEqual(report.budgetBytes);
  });
});
