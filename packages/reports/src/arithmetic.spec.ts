import { billionsHundredths, changeHundredths, divideHalfUp, percentHundredths, ratioChangeHundredths } from './arithmetic.js';
import { formatBillions, formatDecimalVi, formatHundredths, formatPercent, formatVnd, parseHundredths } from './format.js';

describe('report arithmetic on integer VND', () => {
  it.each([
    [5n, 2n, 3n],
    [4n, 2n, 2n],
    [7n, 2n, 4n],
    [-5n, 2n, -3n],
    [1n, 3n, 0n],
    [2n, 3n, 1n],
  ])('rounds %p / %p half away from zero to %p', (n, d, expected) => {
    expect(divideHalfUp(n, d)).toBe(expected);
  });

  it('refuses a zero or negative divisor', () => {
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
  });

  it('prints 48,80 tỷ for 48 795 000 000 VND and 48,79 just below the half', () => {
    expect(billionsHundredths(48_795_000_000n)).toBe(4880n);
    expect(billionsHundredths(48_794_999_999n)).toBe(4879n);
  });

  it('computes the 2021 national rate of the article (11,07 / 11,14 = 99,37 %)', () => {
    expect(percentHundredths(11_070_000_000n, 11_140_000_000n)).toBe(9937n);
    expect(percentHundredths(1n, 0n)).toBeNull();
  });

  it('computes a change of rate and a plain change, signed', () => {
    // 20,702 / 72,79 against 8,9856 / 51,23: the execution rate is 62,15 % higher.
    expect(ratioChangeHundredths(20_702_000_000n, 72_790_000_000n, 8_985_600_000n, 51_230_000_000n)).toBe(6215n);
    expect(changeHundredths(4_780_000_000n, 7_049_000_000n)).toBe(-3219n);
    expect(changeHundredths(1n, 0n)).toBeNull();
  });
});

describe('Vietnamese formatting', () => {
  it('uses a decimal comma and thousands dots', () => {
    expect(formatHundredths(484880n)).toBe('4.848,80');
    expect(formatHundredths(-3219n)).toBe('-32,19');
    expect(formatHundredths(5n)).toBe('0,05');
    expect(formatVnd(1_000_000n)).toBe('1.000.000');
  });

  it('prints money in tỷ đồng and rates with a spaced percent sign', () => {
    expect(formatBillions(48_790_000_000n)).toBe('48,79 tỷ đồng');
    expect(formatPercent(9526n)).toBe('95,26 %');
    expect(formatPercent(null)).toBe('–');
  });

  it('formats JSON decimals and parses printed figures back', () => {
    expect(formatDecimalVi(20.7)).toBe('20,70');
    expect(formatDecimalVi(-32.19)).toBe('-32,19');
    expect(parseHundredths('1.234,56')).toBe(123456n);
    expect(parseHundredths('-32,19')).toBe(-3219n);
    expect(() => parseHundredths('48.79')).toThrow();
  });
});
