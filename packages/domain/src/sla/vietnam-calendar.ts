import type { CalendarData } from './calendar.js';

/**
 * Seed working-day data for Vietnamese public administration, 2024–2025: the Labour Code holidays plus the
 * days off and make-up Saturdays the government announced for civil servants. Lunar holidays move every year
 * and swaps are announced yearly, so later years are entered by an admin; this is seed data, not a rule.
 */
export const vietnamCalendar2024to2025: CalendarData = {
  weekend: ['SATURDAY', 'SUNDAY'],
  holidays: [
    { date: '2024-01-01', name: 'Tết Dương lịch' },
    { date: '2024-02-08', name: 'Tết Nguyên đán (29 Tết)' },
    { date: '2024-02-09', name: 'Tết Nguyên đán (30 Tết)' },
    { date: '2024-02-12', name: 'Tết Nguyên đán (nghỉ bù)' },
    { date: '2024-02-13', name: 'Tết Nguyên đán (nghỉ bù)' },
    { date: '2024-02-14', name: 'Tết Nguyên đán (nghỉ bù)' },
    { date: '2024-04-18', name: 'Giỗ Tổ Hùng Vương' },
    { date: '2024-04-29', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5)' },
    { date: '2024-04-30', name: 'Ngày Giải phóng miền Nam' },
    { date: '2024-05-01', name: 'Quốc tế Lao động' },
    { date: '2024-09-02', name: 'Quốc khánh' },
    { date: '2024-09-03', name: 'Quốc khánh (ngày liền kề)' },
    { date: '2025-01-01', name: 'Tết Dương lịch' },
    { date: '2025-01-27', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 15/02)' },
    { date: '2025-01-28', name: 'Tết Nguyên đán (29 Tết)' },
    { date: '2025-01-29', name: 'Tết Nguyên đán (mùng 1)' },
    { date: '2025-01-30', name: 'Tết Nguyên đán (mùng 2)' },
    { date: '2025-01-31', name: 'Tết Nguyên đán (mùng 3)' },
    { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
    { date: '2025-04-30', name: 'Ngày Giải phóng miền Nam' },
    { date: '2025-05-01', name: 'Quốc tế Lao động' },
    { date: '2025-05-02', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)' },
    { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề)' },
    { date: '2025-09-02', name: 'Quốc khánh' },
  ],
  makeUpWorkingDays: [
    { date: '2024-05-04', name: 'Làm bù cho thứ Hai 29/4/2024' },
    { date: '2025-02-15', name: 'Làm bù cho thứ Hai 27/01/2025' },
    { date: '2025-04-26', name: 'Làm bù cho thứ Sáu 02/5/2025' },
  ],
};
