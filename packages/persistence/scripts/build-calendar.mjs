// Builds data/calendar.json, the one source of working-day facts (2018–2030) for the seed, the engine's tests
// and, through the seeded tables, the API and the worker. Run: node scripts/build-calendar.mjs
//
// Announced years (2018–2026) list the days off the government announced for civil servants, with swaps and
// make-up Saturdays. Later years (2027–2030) apply the Labour Code's rule (BLLĐ 2019 art. 112) and mark the
// lunar-derived days and the 2/9 adjacent day `projected: true`: the administrator confirms them each year.
import { writeFileSync } from 'node:fs';

const H = 'holiday';
const M = 'makeup_workday';
const dayMs = 86_400_000;
const num = (date) => Date.parse(`${date}T00:00:00Z`) / dayMs;
const iso = (n) => new Date(n * dayMs).toISOString().slice(0, 10);
const weekend = (n) => [0, 6].includes(new Date(n * dayMs).getUTCDay());

export const lunarNewYear = {
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
};
export const hungKings = {
  2018: '2018-04-25',
  2019: '2019-04-14',
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
  2028: '2028-04-04',
  2029: '2029-04-23',
  2030: '2030-04-12',
};

const TET = 'Tết Nguyên đán';
const SUB = 'nghỉ bù';
const d = (date, kind, name, projected = false) => (projected ? { date, kind, name, projected: true } : { date, kind, name });
const tet = (dates) => dates.map((date) => d(date, H, TET));

/** Days off announced per year (Thông báo of the Ministry of Labour / Ministry of Home Affairs). */
const announced = {
  2018: [
    d('2018-01-01', H, 'Tết Dương lịch'),
    ...tet(['2018-02-14', '2018-02-15', '2018-02-16', '2018-02-19', '2018-02-20']),
    d('2018-04-25', H, 'Giỗ Tổ Hùng Vương'),
    d('2018-04-30', H, 'Ngày Giải phóng miền Nam'),
    d('2018-05-01', H, 'Quốc tế Lao động'),
    d('2018-09-03', H, `Quốc khánh (${SUB}, 2/9 là Chủ nhật)`),
    d('2018-12-31', H, 'Nghỉ hoán đổi (làm bù thứ Bảy 05/01/2019)'),
  ],
  2019: [
    d('2019-01-01', H, 'Tết Dương lịch'),
    d('2019-01-05', M, 'Làm bù cho thứ Hai 31/12/2018'),
    ...tet(['2019-02-04', '2019-02-05', '2019-02-06', '2019-02-07', '2019-02-08']),
    d('2019-04-15', H, `Giỗ Tổ Hùng Vương (${SUB}, 14/4 là Chủ nhật)`),
    d('2019-04-29', H, 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5)'),
    d('2019-04-30', H, 'Ngày Giải phóng miền Nam'),
    d('2019-05-01', H, 'Quốc tế Lao động'),
    d('2019-05-04', M, 'Làm bù cho thứ Hai 29/4/2019'),
    d('2019-09-02', H, 'Quốc khánh'),
  ],
  2020: [
    d('2020-01-01', H, 'Tết Dương lịch'),
    ...tet(['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29']),
    d('2020-04-02', H, 'Giỗ Tổ Hùng Vương'),
    d('2020-04-30', H, 'Ngày Giải phóng miền Nam'),
    d('2020-05-01', H, 'Quốc tế Lao động'),
    d('2020-09-02', H, 'Quốc khánh'),
  ],
  2021: [
    d('2021-01-01', H, 'Tết Dương lịch'),
    ...tet(['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16']),
    d('2021-04-21', H, 'Giỗ Tổ Hùng Vương'),
    d('2021-04-30', H, 'Ngày Giải phóng miền Nam'),
    d('2021-05-03', H, `Quốc tế Lao động (${SUB}, 1/5 là thứ Bảy)`),
    d('2021-09-02', H, 'Quốc khánh'),
    d('2021-09-03', H, 'Quốc khánh (ngày liền kề)'),
  ],
  2022: [
    d('2022-01-03', H, `Tết Dương lịch (${SUB}, 1/1 là thứ Bảy)`),
    ...tet(['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04']),
    d('2022-04-11', H, `Giỗ Tổ Hùng Vương (${SUB}, 10/4 là Chủ nhật)`),
    d('2022-05-02', H, `Ngày Giải phóng miền Nam (${SUB}, 30/4 là thứ Bảy)`),
    d('2022-05-03', H, `Quốc tế Lao động (${SUB}, 1/5 là Chủ nhật)`),
    d('2022-09-01', H, 'Quốc khánh (ngày liền kề)'),
    d('2022-09-02', H, 'Quốc khánh'),
  ],
  2023: [
    d('2023-01-02', H, `Tết Dương lịch (${SUB}, 1/1 là Chủ nhật)`),
    ...tet(['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26']),
    d('2023-05-01', H, 'Quốc tế Lao động'),
    d('2023-05-02', H, `Giỗ Tổ Hùng Vương (${SUB}, 29/4 là thứ Bảy)`),
    d('2023-05-03', H, `Ngày Giải phóng miền Nam (${SUB}, 30/4 là Chủ nhật)`),
    d('2023-09-01', H, 'Quốc khánh (ngày liền kề)'),
    d('2023-09-04', H, `Quốc khánh (${SUB}, 2/9 là thứ Bảy)`),
  ],
  2024: [
    d('2024-01-01', H, 'Tết Dương lịch'),
    ...tet(['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']),
    d('2024-04-18', H, 'Giỗ Tổ Hùng Vương'),
    d('2024-04-29', H, 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5)'),
    d('2024-04-30', H, 'Ngày Giải phóng miền Nam'),
    d('2024-05-01', H, 'Quốc tế Lao động'),
    d('2024-05-04', M, 'Làm bù cho thứ Hai 29/4/2024'),
    d('2024-09-02', H, 'Quốc khánh'),
    d('2024-09-03', H, 'Quốc khánh (ngày liền kề)'),
  ],
  // Tết 2025: off Saturday 25 January to Sunday 2 February; Monday 27 January swapped with Saturday 15 February.
  2025: [
    d('2025-01-01', H, 'Tết Dương lịch'),
    d('2025-01-27', H, 'Nghỉ hoán đổi (làm bù thứ Bảy 15/02)'),
    ...tet(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']),
    d('2025-02-15', M, 'Làm bù cho thứ Hai 27/01/2025'),
    d('2025-04-07', H, 'Giỗ Tổ Hùng Vương'),
    d('2025-04-26', M, 'Làm bù cho thứ Sáu 02/5/2025'),
    d('2025-04-30', H, 'Ngày Giải phóng miền Nam'),
    d('2025-05-01', H, 'Quốc tế Lao động'),
    d('2025-05-02', H, 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)'),
    d('2025-09-01', H, 'Quốc khánh (ngày liền kề)'),
    d('2025-09-02', H, 'Quốc khánh'),
  ],
  2026: [
    d('2026-01-01', H, 'Tết Dương lịch'),
    ...tet(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']),
    d('2026-04-27', H, `Giỗ Tổ Hùng Vương (${SUB}, 26/4 là Chủ nhật)`),
    d('2026-04-30', H, 'Ngày Giải phóng miền Nam'),
    d('2026-05-01', H, 'Quốc tế Lao động'),
    d('2026-09-01', H, 'Quốc khánh (ngày liền kề)', true),
    d('2026-09-02', H, 'Quốc khánh'),
  ],
};

/**
 * A year by the law's rule: 1/1, Tết (the last day of the old year and the first four of the new), Hùng Kings'
 * day, 30/4 + 1/5, 2/9 + one adjacent day; a holiday on a weekend is made up on the next working day(s) after its
 * run of holidays. Announced swaps cannot be projected.
 */
function projectYear(year) {
  const out = new Map();
  const add = (n, name, projected) => out.set(n, d(iso(n), H, name, projected));
  const run = (days, projected) => {
    const taken = days.filter(([n]) => !weekend(n));
    for (const [n, name] of taken) add(n, name, projected);
    let next = Math.max(...days.map(([n]) => n));
    for (const [n, name] of days.filter(([day]) => weekend(day))) {
      do next += 1;
      while (weekend(next) || out.has(next));
      add(next, `${name} (${SUB}, ${iso(n).slice(8)}/${Number(iso(n).slice(5, 7))} rơi vào cuối tuần)`, projected);
    }
  };
  run([[num(`${year}-01-01`), 'Tết Dương lịch']], false);
  const lny = num(lunarNewYear[year]);
  run(
    [-1, 0, 1, 2, 3].map((k) => [lny + k, TET]),
    true,
  );
  const hung = num(hungKings[year]);
  const may = [
    [num(`${year}-04-30`), 'Ngày Giải phóng miền Nam'],
    [num(`${year}-05-01`), 'Quốc tế Lao động'],
  ];
  if (num(`${year}-04-30`) - hung <= 1) run([[hung, 'Giỗ Tổ Hùng Vương'], ...may], false);
  else {
    run([[hung, 'Giỗ Tổ Hùng Vương']], false);
    run(may, false);
  }
  // The adjacent day bridges to a weekend: Tue/Fri/Sat → 1/9, Mon/Thu/Sun → 3/9, Wed → 1/9.
  const sep2 = num(`${year}-09-02`);
  const weekday = new Date(sep2 * dayMs).getUTCDay();
  const adjacent = [1, 4, 0].includes(weekday) ? sep2 + 1 : sep2 - 1;
  const sep = [
    [sep2, 'Quốc khánh'],
    [adjacent, 'Quốc khánh (ngày liền kề)'],
  ].sort((a, b) => a[0] - b[0]);
  run(sep, false);
  // The adjacent day is chosen by the government each year.
  const adj = out.get(adjacent);
  if (adj) out.set(adjacent, { ...adj, projected: true });
  return [...out.values()];
}

const days = [];
for (let year = 2018; year <= 2030; year += 1) days.push(...(announced[year] ?? projectYear(year)));
days.sort((a, b) => a.date.localeCompare(b.date));

const file = {
  _note:
    "The one working-day calendar source (2018–2030): seeded into calendars/calendar_days (admin-editable; the seed never overwrites a day an administrator edited) and read by the engine's tests. Holidays by the Labour Code (BLLĐ 2012 art. 115 to 2020, BLLĐ 2019 art. 112 from 2021): 1/1; Tết (4+1 days to 2020, 5 from 2021); Hùng Kings (10/3 lunar); 30/4; 1/5; 2/9 (plus one adjacent day from 2021); a holiday on a weekend is made up on the next working day. 2018–2026 list the days off announced for civil servants, with swaps and make-up Saturdays; days marked projected (2026 2/9 adjacent day, 2027–2030 Tết and 2/9 adjacent days) follow the law's rule and must be confirmed by the administrator against each year's announcement. Generated by scripts/build-calendar.mjs.",
  calendars: [{ code: 'VN', name: 'Lịch làm việc hành chính Việt Nam', weekendDays: [6, 7], days }],
};
writeFileSync(new URL('../data/calendar.json', import.meta.url), `${JSON.stringify(file, null, 2)}\n`);
console.log(`calendar days ${days.length} (${days.filter((x) => x.projected).length} projected)`);
