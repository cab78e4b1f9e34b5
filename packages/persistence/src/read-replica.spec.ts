import { parseLsn } from './read-replica.js';

describe('parseLsn', () => {
  it('orders WAL positions as PostgreSQL does (the part after the slash is the low 32 bits)', () => {
    expect(parseLsn('0/3000060')).toBe(0x3000060n);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  it('refuses text that is not a position', () => {
    expect(() => parseLsn('3000060')).toThrow(/not a WAL position/);
  });
});
