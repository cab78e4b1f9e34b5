import QRCode from 'qrcode';

/** A horizontal run of dark modules in one row of a QR symbol, in module units from the top-left corner. */
export interface ModuleRun {
  row: number;
  column: number;
  length: number;
}

/** A QR symbol as the runs of dark modules of each row: what a vector drawing needs, nothing rasterised. */
export interface QrRuns {
  /** Modules per side (29 for version 3). */
  size: number;
  runs: ModuleRun[];
}

/**
 * The dark modules of the QR code of `text` (error correction M), merged into horizontal runs so a row of
 * adjacent modules becomes one rectangle: fewer path operators, and no seams between neighbours when a
 * viewer anti-aliases.
 */
export function qrRuns(text: string): QrRuns {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: ModuleRun[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let column = 0; column <= modules.size; column++) {
      const dark = column < modules.size && modules.get(row, column);
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        runs.push({ row, column: start, length: column - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}
