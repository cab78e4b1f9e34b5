import { loadReferenceData } from './reference-data.js';

const { geography, khuyenCong, calendar } = loadReferenceData();

const validOn = (day: string) => (row: { validFrom: string; validTo: string | null }) => row.validFrom <= day && (row.validTo === null || row.validTo >= day);

describe('reference data files', () => {
  it('list 63 provinces before the 2025 reform and 34 after it', () => {
    expect(geography.units.filter(validOn('2025-06-30'))).toHaveLength(63);
    expect(geography.units.filter(validOn('2025-07-01'))).toHaveLength(34);
  });

  it('give every pre-reform province exactly one successor that exists after the reform', () => {
    const before = geography.units.filter(validOn('2025-06-30')).map((u) => u.code);
    const after = new Set(geography.units.filter(validOn('2025-07-01')).map((u) => u.code));
    for (const code of before) {
      const successors = geography.successions.filter((s) => s.fromCode === code);
      expect(successors).toHaveLength(1);
      expect(after.has(successors[0]!.toCode)).toBe(true);
    }
  });

  it('place every province in exactly one region on any day, with 28/15/20 before the reform', () => {
    for (const day of ['2021-06-01', '2025-07-01']) {
      const members = geography.regionMemberships.filter(validOn(day));
      const units = geography.units.filter(validOn(day));
      expect(new Set(members.map((m) => m.unitCode)).size).toBe(units.length);
      expect(members).toHaveLength(units.length);
    }
    const count = (region: string) => geography.regionMemberships.filter(validOn('2021-06-01')).filter((m) => m.regionCode === region).length;
    expect([count('NORTH'), count('CENTRAL_HIGHLANDS'), count('SOUTH')]).toEqual([28, 15, 20]);
  });

  it('hold content groups CG1-CG7 for 2021-2025 and a criteria set of 40/40/10/10', () => {
    const programme = khuyenCong.programmes.find((p) => p.code === 'NKP-2021-2025');
    expect(programme?.contentGroups.map((g) => g.code)).toEqual(['CG1', 'CG2', 'CG3', 'CG4', 'CG5', 'CG6', 'CG7']);
    expect(khuyenCong.criteriaSets[0]?.groups.map((g) => g.maxPoints)).toEqual([40, 40, 10, 10]);
  });

  it('put holidays on working days and make-up days on weekends', () => {
    const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
    for (const day of calendar.calendars[0]!.days) {
      const weekend = weekday(day.date) === 0 || weekday(day.date) === 6;
      expect({ date: day.date, weekend }).toEqual({ date: day.date, weekend: day.kind === 'makeup_workday' });
    }
  });

  it('give the 2025 Tết break Monday 27 to Friday 31 January as holidays', () => {
    const tet = calendar.calendars[0]!.days.filter((d) => d.date >= '2025-01-20' && d.date <= '2025-02-05').map((d) => d.date);
    expect(tet).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
  });
});
