import QRCode from 'qrcode';
import { qrRuns } from './qr.js';

const text = 'http://127.0.0.1:5173/verify/KV-2022-0042';

describe('qrRuns', () => {
  it('covers exactly the dark modules of the symbol, each once', () => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const { size, runs } = qrRuns(text);
    expect(size).toBe(modules.size);
    const covered = new Set<string>();
    for (const run of runs) {
      for (let column = run.column; column < run.column + run.length; column++) {
        const key = `${run.row}:${column}`;
        expect(covered.has(key)).toBe(false);
        covered.add(key);
      }
    }
    for (let row = 0; row < size; row++) {
      for (let column = 0; column < size; column++) expect(covered.has(`${row}:${column}`)).toBe(modules.get(row, column) === 1);
    }
  });

  it('merges adjacent dark modules of a row into one run: the top row of a finder pattern is seven wide', () => {
    const { size, runs } = qrRuns(text);
    expect(runs).toContainEqual({ row: 0, column: 0, length: 7 });
    expect(runs).toContainEqual({ row: 0, column: size - 7, length: 7 });
    for (const run of runs) expect(run.length).toBeGreaterThan(0);
  });
});
