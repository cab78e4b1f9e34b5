// Certificate numbers per series on the real database: each province numbers its own certificates from 0001,
// units sharing initials share a series, and a decision holding one series' counter does not hold up another.
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { reserveCertificateNumbers } from '../src/selection/decisions/certificate-numbers.js';

describe('certificate numbers per series', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
  });
  afterAll(() => db.drop());

  it('numbers each province from 0001 and continues without gaps', async () => {
    const reserve = (count: number, unit: string) => db.dataSource.transaction((tx) => reserveCertificateNumbers(tx, 'province', 2031, count, unit));
    expect(await reserve(3, 'gia-lai')).toEqual(['T-GL-2031-0001', 'T-GL-2031-0002', 'T-GL-2031-0003']);
    expect(await reserve(1, 'dak-lak')).toEqual(['T-DL-2031-0001']);
    expect(await reserve(2, 'gia-lai')).toEqual(['T-GL-2031-0004', 'T-GL-2031-0005']);
    // A rolled-back decision gives its numbers back.
    await expect(
      db.dataSource.transaction(async (tx) => {
        await reserveCertificateNumbers(tx, 'province', 2031, 5, 'gia-lai');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await reserve(1, 'gia-lai')).toEqual(['T-GL-2031-0006']);
  });

  it('lets Lai Châu and Lào Cai (both LC) share one series, so their numbers never collide', async () => {
    const first = await db.dataSource.transaction((tx) => reserveCertificateNumbers(tx, 'province', 2032, 1, 'lai-chau'));
    const second = await db.dataSource.transaction((tx) => reserveCertificateNumbers(tx, 'province', 2032, 1, 'lao-cai'));
    expect([first, second]).toEqual([['T-LC-2032-0001'], ['T-LC-2032-0002']]);
  });

  it('does not make one province wait for another province’s open decision', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = db.dataSource.transaction(async (tx) => {
      await reserveCertificateNumbers(tx, 'province', 2033, 1, 'gia-lai');
      await held; // the Gia Lai decision is still open
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const other = await db.dataSource.transaction((tx) => reserveCertificateNumbers(tx, 'province', 2033, 1, 'dak-lak'));
    expect(other).toEqual(['T-DL-2033-0001']);
    expect(Date.now() - started).toBeLessThan(1000);
    release();
    await holding;
  });
});
