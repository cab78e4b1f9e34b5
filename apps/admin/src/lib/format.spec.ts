import { formatBillions, formatDate, formatPercent, formatVnd } from './format.js';

describe('Vietnamese formats', () => {
  it('prints money in billions the way the conference report does', () => {
    expect(formatBillions(48_790_000_000)).toBe('48,79 tỷ đồng');
    expect(formatBillions(20_700_000_000)).toBe('20,70 tỷ đồng');
    expect(formatBillions(48_790_000_000, 'en')).toBe('48.79 billion VND');
  });

  it('groups thousands with dots in Vietnamese', () => {
    expect(formatVnd(1_000_000_000)).toBe('1.000.000.000 đ');
    expect(formatVnd(300_000_000, 'en')).toBe('300,000,000 VND');
  });

  it('prints percentages with a decimal comma', () => {
    expect(formatPercent(95.26)).toBe('95,26 %');
    expect(formatPercent(99.37, 'en')).toBe('99.37%');
  });

  it('prints dates as dd/mm/yyyy in Asia/Ho_Chi_Minh', () => {
    expect(formatDate('2022-08-18')).toBe('18/08/2022');
    // 17:30 UTC is already the next day in Vietnam (UTC+7).
    expect(formatDate('2022-08-17T17:30:00Z')).toBe('18/08/2022');
  });
});
