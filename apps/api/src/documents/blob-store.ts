import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { type ApiConfig } from '@khuyencong/config';
import { API_CONFIG } from '../config.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `ab/cd/<sha256>`: two levels of fan-out keep directories small. */
export function blobKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/**
 * Content-addressed file storage: the same bytes are stored once, whoever uploads them. Writes go to a temporary
 * file that is renamed into place, so a reader never sees half a blob and two concurrent writers of the same
 * content both end with the same complete file.
 */
@Injectable()
export class BlobStore {
  private readonly root: string;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.root = resolve(config.DOCUMENT_STORAGE_DIR);
  }

  /** Stores the bytes unless a blob of this size is already there; returns the key. */
  async put(sha256: string, content: Buffer): Promise<string> {
    const key = blobKey(sha256);
    const path = join(this.root, key);
    const existing = await stat(path).catch(() => undefined);
    if (existing?.size === content.length) return key;
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, content, { mode: 0o640 });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return key;
  }

  /** Resolves once the file is open, so a missing blob fails before any response header is sent. */
  open(sha256: string): Promise<ReadStream> {
    const stream = createReadStream(join(this.root, blobKey(sha256)));
    return new Promise((resolve, reject) => {
      stream.once('open', () => resolve(stream));
      stream.once('error', reject);
    });
  }
}
