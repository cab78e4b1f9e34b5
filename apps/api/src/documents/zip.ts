// A minimal reader of a ZIP archive: its central directory (the declared entry names and sizes), and a streaming
// inflater that counts the bytes each entry really produces — declared sizes are the archive's word, not a fact.
import { createInflateRaw } from 'node:zlib';

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN_LENGTH = 22;
const MAX_COMMENT_LENGTH = 0xffff;

/** One file of an archive as its central directory declares it. */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 = stored, 8 = deflate. */
  method: number;
  /** General purpose flags (bit 0: encrypted). */
  flags: number;
  /** Where the entry's compressed bytes start (after its local header). */
  dataOffset: number;
}

/** Why an archive was not read. */
export class ZipFormatError extends Error {}

/** Reads the central directory; throws ZipFormatError for anything malformed, truncated or ZIP64. */
export function readZipEntries(buffer: Buffer, maxEntries = 10_000): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd >= 20 && buffer.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) {
    // Office documents under the upload limit never need ZIP64; refusing it keeps the reader small.
    throw new ZipFormatError('ZIP64 archives are not accepted');
  }
  const entryCount = buffer.readUInt16LE(eocd + 10);
  const directorySize = buffer.readUInt32LE(eocd + 12);
  const directoryOffset = buffer.readUInt32LE(eocd + 16);
  if (entryCount > maxEntries) throw new ZipFormatError(`too many entries (${entryCount})`);
  if (directoryOffset + directorySize > eocd) throw new ZipFormatError('central directory lies outside the archive');

  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (offset + 46 > eocd || buffer.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw new ZipFormatError('broken central directory');
    const flags = buffer.readUInt16LE(offset + 8);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const uncompressedSize = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff) {
      throw new ZipFormatError('ZIP64 archives are not accepted');
    }
    // Every entry must point at a real local header with its data inside the file: a directory that
    // describes data which is not there is a crafted archive, not an Office document.
    if (localOffset + 30 > directoryOffset || buffer.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) {
      throw new ZipFormatError('an entry points outside the archive');
    }
    const dataOffset = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > directoryOffset) throw new ZipFormatError('an entry is truncated');
    const nameEnd = offset + 46 + nameLength;
    if (nameEnd > eocd) throw new ZipFormatError('broken central directory');
    entries.push({ name: buffer.toString('utf8', offset + 46, nameEnd), compressedSize, uncompressedSize, method, flags, dataOffset });
    offset = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** The end-of-central-directory record sits in the last 22 + 65535 bytes (it may be followed by a comment). */
function findEndOfCentralDirectory(buffer: Buffer): number {
  if (buffer.length < EOCD_MIN_LENGTH) throw new ZipFormatError('too short to be a ZIP archive');
  const lowest = Math.max(0, buffer.length - EOCD_MIN_LENGTH - MAX_COMMENT_LENGTH);
  for (let offset = buffer.length - EOCD_MIN_LENGTH; offset >= lowest; offset--) {
    if (buffer.readUInt32LE(offset) === EOCD_SIGNATURE && offset + EOCD_MIN_LENGTH + buffer.readUInt16LE(offset + 20) === buffer.length) {
      return offset;
    }
  }
  throw new ZipFormatError('no end of central directory');
}

/** An archive that expands beyond its budget or beyond what it declares. */
export class ZipBombError extends Error {}

/** Sees each entry's bytes as they are inflated; `offset` is where `chunk` starts within the entry. */
export type ChunkInspector = (entry: ZipEntry, chunk: Buffer, offset: number) => void;

/**
 * Inflates every entry as a stream and counts what comes out, keeping none of it. Throws ZipBombError as soon
 * as the total exceeds `maxTotalBytes` or an entry exceeds its declared size (the inflater is stopped there, so
 * the work done is bounded by the budget whatever the archive claims), and ZipFormatError for corrupt data, an
 * entry shorter than declared, encryption or a method other than stored or deflate. Returns the total.
 */
export async function inflateEntries(buffer: Buffer, entries: ZipEntry[], maxTotalBytes: number, inspect?: ChunkInspector): Promise<number> {
  let total = 0;
  for (const entry of entries) {
    if ((entry.flags & 1) !== 0) throw new ZipFormatError(`${entry.name} is encrypted and cannot be checked`);
    const data = buffer.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
    const produced = (chunk: Buffer, offset: number): void => {
      total += chunk.length;
      if (offset + chunk.length > entry.uncompressedSize) {
        throw new ZipBombError(`${entry.name} inflates to more than the ${entry.uncompressedSize} bytes it declares`);
      }
      if (total > maxTotalBytes) throw new ZipBombError(`inflates to more than ${maxTotalBytes} bytes`);
      inspect?.(entry, chunk, offset);
    };
    let size: number;
    if (entry.method === 0) {
      produced(data, 0);
      size = data.length;
    } else if (entry.method === 8) {
      size = await inflateOne(data, produced);
    } else {
      throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}`);
    }
    if (size !== entry.uncompressedSize) {
      throw new ZipFormatError(`${entry.name} declares ${entry.uncompressedSize} bytes but holds ${size}`);
    }
  }
  return total;
}

function inflateOne(data: Buffer, produced: (chunk: Buffer, offset: number) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    let size = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      reject(
        error instanceof ZipBombError || error instanceof ZipFormatError ? error : new ZipFormatError(`corrupt compressed data (${(error as Error).message})`),
      );
    };
    inflater.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        produced(chunk, size);
        size += chunk.length;
      } catch (error) {
        fail(error);
      }
    });
    inflater.on('error', fail);
    inflater.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(size);
    });
    inflater.end(data);
  });
}
