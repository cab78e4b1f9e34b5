// Decides what an upload is from its bytes, never from its name or the client's word.
import { executableContentScanner, executableNames } from './executables.js';
import { inflateEntries, readZipEntries, ZipBombError, ZipFormatError, type ZipEntry } from './zip.js';

/** The document types the platform accepts, by their canonical media type. */
export const DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_TYPES;

/** The file-name extensions people know each accepted type by (for pickers; the content decides, never the name). */
export const DOCUMENT_EXTENSIONS: Readonly<Record<DocumentKind, readonly string[]>> = {
  pdf: ['.pdf'],
  jpeg: ['.jpg', '.jpeg'],
  png: ['.png'],
  webp: ['.webp'],
  docx: ['.docx'],
  xlsx: ['.xlsx'],
};

/** Other spellings clients send for the same types. */
const ALIASES: Record<string, DocumentKind> = { 'image/jpg': 'jpeg', 'image/pjpeg': 'jpeg' };

export interface ArchiveLimits {
  /** Most bytes an archive may expand to, declared and counted while inflating. */
  maxUncompressedBytes: number;
  /** Most uncompressed bytes per byte of archive, declared and counted while inflating. */
  maxRatio: number;
}

export type SniffResult =
  | { ok: true; kind: DocumentKind; mimeType: string }
  | { ok: false; reason: 'unsupported_type' | 'zip_bomb' | 'malformed_archive' | 'executable_content'; detail: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What the bytes are. Office files (ZIP archives) are inflated in full, as a stream whose output is counted and
 * dropped: refused when they expand beyond the limits (whatever sizes they declare) or carry executable content
 * (see executables.ts).
 */
export async function sniffDocument(content: Buffer, limits: ArchiveLimits): Promise<SniffResult> {
  const kind = sniffPlain(content);
  if (kind) return { ok: true, kind, mimeType: DOCUMENT_TYPES[kind] };
  if (content.length >= 4 && content.readUInt32LE(0) === 0x04034b50) return sniffOfficeArchive(content, limits);
  return { ok: false, reason: 'unsupported_type', detail: 'not a PDF, JPEG, PNG, WebP, DOCX or XLSX file' };
}

/** True when the client's declared media type names the same kind as the content. */
export function declaredTypeMatches(declared: string | undefined, kind: DocumentKind): boolean {
  const normalised = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  return normalised === DOCUMENT_TYPES[kind] || ALIASES[normalised] === kind;
}

function sniffPlain(content: Buffer): DocumentKind | undefined {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'jpeg';
  if (content.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (content.length >= 12 && content.toString('latin1', 0, 4) === 'RIFF' && content.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

async function sniffOfficeArchive(content: Buffer, limits: ArchiveLimits): Promise<SniffResult> {
  let entries: ZipEntry[];
  try {
    entries = readZipEntries(content);
  } catch (error) {
    if (error instanceof ZipFormatError) return { ok: false, reason: 'malformed_archive', detail: error.message };
    throw error;
  }
  const bomb = zipBombReason(entries, limits);
  if (bomb) return { ok: false, reason: 'zip_bomb', detail: bomb };
  const names = entries.map((entry) => entry.name);
  if (!names.includes('[Content_Types].xml')) {
    return { ok: false, reason: 'unsupported_type', detail: 'a ZIP archive that is not an Office document' };
  }
  const kind = names.some((name) => name.startsWith('word/')) ? 'docx' : names.some((name) => name.startsWith('xl/')) ? 'xlsx' : undefined;
  if (!kind) return { ok: false, reason: 'unsupported_type', detail: 'an Office document that is neither DOCX nor XLSX' };

  // The real expansion is bounded like the declared one: by the size limit and by the ratio to the archive's size.
  const budget = Math.min(limits.maxUncompressedBytes, limits.maxRatio * content.length);
  const named = executableNames(entries);
  if (named.length > 0) return { ok: false, reason: 'executable_content', detail: `executable content: ${named.join('; ')}` };
  const executables = executableContentScanner();
  try {
    await inflateEntries(content, entries, budget, executables.inspect);
  } catch (error) {
    if (error instanceof ZipBombError) return { ok: false, reason: 'zip_bomb', detail: error.message };
    if (error instanceof ZipFormatError) return { ok: false, reason: 'malformed_archive', detail: error.message };
    throw error;
  }
  const found = executables.findings();
  if (found.length > 0) return { ok: false, reason: 'executable_content', detail: `executable content: ${found.join('; ')}` };
  return { ok: true, kind, mimeType: DOCUMENT_TYPES[kind] };
}

function zipBombReason(entries: ZipEntry[], limits: ArchiveLimits): string | undefined {
  const uncompressed = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  const compressed = entries.reduce((sum, entry) => sum + entry.compressedSize, 0);
  if (uncompressed > limits.maxUncompressedBytes) {
    return `declares ${uncompressed} bytes uncompressed, more than ${limits.maxUncompressedBytes}`;
  }
  if (uncompressed > 0 && uncompressed / Math.max(compressed, 1) > limits.maxRatio) {
    return `compression ratio ${Math.round(uncompressed / Math.max(compressed, 1))}:1 exceeds ${limits.maxRatio}:1`;
  }
  return undefined;
}
