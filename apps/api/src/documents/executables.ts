// What makes an Office upload (DOCX/XLSX) carry executable content, and is therefore refused:
//
// - an entry whose name ends in an executable or script extension (EXECUTABLE_EXTENSIONS) — Word and Excel never
//   write those, so they are put there to be extracted and run;
// - VBA macros (vbaProject.bin) and ActiveX controls (activeX/*.bin): code that runs when the file is opened.
//   A real .docx/.xlsx has neither (macros make it a .docm/.xlsm, which is not accepted);
// - an entry whose bytes start like a program, whatever its name: Windows (MZ), Linux (ELF), macOS (Mach-O) or
//   a Java class;
// - in the binary parts (embedded OLE objects, anything not XML): a Windows program anywhere inside (its DOS stub
//   text), or an OLE Packager object ("Ole10Native"), which wraps an arbitrary file that a double click runs.
//
// Embedded Office files, images and charts pass. The check reads the bytes as the archive is inflated (zip.ts), so
// it costs no second pass and holds at most a marker's length of each entry.
import { type ChunkInspector, type ZipEntry } from './zip.js';

const EXECUTABLE_EXTENSIONS = new Set([
  'exe',
  'dll',
  'com',
  'scr',
  'pif',
  'cpl',
  'msi',
  'msp',
  'sys',
  'bat',
  'cmd',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'jar',
  'lnk',
  'reg',
  'sh',
  'app',
  'elf',
  'so',
  'dylib',
]);
const CODE_PARTS = [/(^|\/)vbaProject(Signature)?\.bin$/i, /(^|\/)activeX\/[^/]*\.bin$/i];

const MAGIC: [Buffer, string][] = [
  [Buffer.from('MZ', 'latin1'), 'a Windows program'],
  [Buffer.from([0x7f, 0x45, 0x4c, 0x46]), 'a Linux program (ELF)'],
  [Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), 'a macOS program (Mach-O)'],
  [Buffer.from([0xce, 0xfa, 0xed, 0xfe]), 'a macOS program (Mach-O)'],
  [Buffer.from([0xfe, 0xed, 0xfa, 0xcf]), 'a macOS program (Mach-O)'],
  [Buffer.from([0xfe, 0xed, 0xfa, 0xce]), 'a macOS program (Mach-O)'],
  [Buffer.from([0xca, 0xfe, 0xba, 0xbe]), 'a Java class or macOS program'],
];
const EMBEDDED_MARKERS: [Buffer, string][] = [
  [Buffer.from('This program cannot be run in DOS mode', 'latin1'), 'holds a Windows program'],
  [Buffer.from('Ole10Native', 'utf16le'), 'holds an OLE package (an arbitrary embedded file)'],
];
const LONGEST_MARKER = Math.max(...EMBEDDED_MARKERS.map(([marker]) => marker.length));

/** Entries refused by their name alone, each with the reason. */
export function executableNames(entries: ZipEntry[]): string[] {
  const found: string[] = [];
  for (const { name } of entries) {
    const extension = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase();
    if (extension && EXECUTABLE_EXTENSIONS.has(extension)) found.push(`${name} (.${extension} file)`);
    else if (CODE_PARTS.some((pattern) => pattern.test(name))) found.push(`${name} (macros or ActiveX code)`);
  }
  return found;
}

/** Watches inflated bytes (an inspector for inflateEntries) and lists the entries that hold a program. */
export function executableContentScanner(): { inspect: ChunkInspector; findings: () => string[] } {
  const found = new Map<string, string>();
  const tails = new Map<string, Buffer>();
  const inspect: ChunkInspector = (entry, chunk, offset) => {
    if (found.has(entry.name)) return;
    const magic = offset === 0 ? MAGIC.find(([bytes]) => chunk.length >= bytes.length && chunk.subarray(0, bytes.length).equals(bytes)) : undefined;
    if (magic) {
      found.set(entry.name, `${entry.name} (${magic[1]})`);
      return;
    }
    if (/\.(xml|rels)$/i.test(entry.name)) return;
    // Markers may straddle two chunks: search the end of the previous chunk together with this one.
    const window = Buffer.concat([tails.get(entry.name) ?? Buffer.alloc(0), chunk]);
    const marker = EMBEDDED_MARKERS.find(([bytes]) => window.includes(bytes));
    if (marker) found.set(entry.name, `${entry.name} (${marker[1]})`);
    tails.set(entry.name, Buffer.from(window.subarray(Math.max(0, window.length - LONGEST_MARKER + 1))));
  };
  return { inspect, findings: () => [...found.values()] };
}
