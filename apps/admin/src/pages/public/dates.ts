// Calendar days as people in Viet Nam read them (Asia/Ho_Chi_Minh), for "còn N ngày".

/** The calendar day of an instant or an ISO date in Asia/Ho_Chi_Minh, as yyyy-mm-dd. */
export function dayInVietnam(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    typeof value === 'string' ? new Date(value) : value,
  );
}

/** Whole calendar days from `from` to `to` (both read in Asia/Ho_Chi_Minh); negative when `to` is earlier. */
export function daysBetween(from: string | Date, to: string | Date): number {
  const utc = (day: string) => {
    const [y, m, d] = day.split('-').map(Number);
    return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((utc(dayInVietnam(to)) - utc(dayInVietnam(from))) / 86_400_000);
}
