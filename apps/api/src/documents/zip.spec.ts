import { buildZip } from './zip-builder.js';
import { ZipBombError, ZipFormatError, inflateEntries, readZipEntries } from './zip.js';

const MB = 1024 * 1024;

describe('inflateEntries', () => {
  it('counts the bytes the entries really hold', async () => {
    const archive = buildZip([
      { name: 'a.xml', content: 'x'.repeat(5000) },
      { name: 'b.xml', content: '<b/>' },
    ]);
    expect(await inflateEntries(archive, readZipEntries(archive), 10 * MB)).toBe(5004);
  });

  it('stops at the declared size of an entry that lies about it (100 MB of zeros declared as 102 KB)', async () => {
    const archive = buildZip([{ name: 'word/document.xml', content: Buffer.alloc(100 * MB), declaredSize: 102 * 1024 }]);
    const [entry] = readZipEntries(archive);
    expect(entry?.uncompressedSize).toBe(102 * 1024);
    let seen = 0;
    await expect(inflateEntries(archive, readZipEntries(archive), 200 * MB, (_entry, chunk) => (seen += chunk.length))).rejects.toThrow(ZipBombError);
    // It stopped right there, not after inflating the 100 MB.
    expect(seen).toBeLessThanOrEqual(102 * 1024);
    // Building the archive deflates 100 MB: seconds on a busy 2-core machine.
  }, 30_000);

  it('stops when the total exceeds the budget, whatever is declared', async () => {
    const archive = buildZip([{ name: 'a.bin', content: Buffer.alloc(3 * MB) }]);
    await expect(inflateEntries(archive, readZipEntries(archive), MB)).rejects.toThrow(new ZipBombError(`inflates to more than ${MB} bytes`));
  });

  it('refuses an entry shorter than declared and corrupt data as malformed', async () => {
    const short = buildZip([{ name: 'a.xml', content: 'abc', declaredSize: 10 }]);
    await expect(inflateEntries(short, readZipEntries(short), MB)).rejects.toThrow(ZipFormatError);
    const corrupt = buildZip([{ name: 'a.xml', content: 'x'.repeat(1000) }]);
    const [entry] = readZipEntries(corrupt);
    corrupt.fill(0xff, entry!.dataOffset, entry!.dataOffset + entry!.compressedSize);
    await expect(inflateEntries(corrupt, readZipEntries(corrupt), MB)).rejects.toThrow(ZipFormatError);
  });
});
