import { addWeeks, endOfISOWeek, format, getISOWeek, getISOWeekYear, getISOWeeksInYear, setISOWeek, startOfISOWeek } from 'date-fns';

/** ISO weeks written `YYYY-Www`, on top of date-fns (no hand-written calendar arithmetic). */
const WEEK = /^(\d{4})-W(\d{2})$/;

/** Years a report may belong to: a typo such as 9999 or 0000 is refused rather than stored. */
export const WEEK_YEARS = { first: 2000, last: 2100 } as const;
/** How error messages describe a valid week. */
export const WEEK_HINT = `an ISO week of the years ${WEEK_YEARS.first}–${WEEK_YEARS.last} written YYYY-Www, such as 2024-W12`;

/** A local date; `new Date(y, …)` would read years 0–99 as 1900–1999. */
function dateIn(year: number, month: number, day: number): Date {
  const d = new Date(2000, month, day);
  d.setFullYear(year, month, day);
  return d;
}

/** Any well-formed week, in range or not: arithmetic near the range's ends may step just outside it. */
export function parseWeek(week: string): { year: number; week: number } | null {
  const m = WEEK.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const w = Number(m[2]);
  if (w < 1 || w > getISOWeeksInYear(dateIn(year, 5, 1))) return null;
  return { year, week: w };
}

/** A week a report may have: well formed and within WEEK_YEARS. */
export function isWeek(week: string): boolean {
  const p = parseWeek(week);
  return p !== null && p.year >= WEEK_YEARS.first && p.year <= WEEK_YEARS.last;
}

/** Monday of an ISO week, local time. */
export function weekStart(week: string): Date {
  const p = parseWeek(week);
  if (!p) throw new Error(`not an ISO week: ${week}`);
  // January 4th is always in ISO week 1 of its year.
  return startOfISOWeek(setISOWeek(dateIn(p.year, 0, 4), p.week));
}

export const weekEnd = (week: string) => endOfISOWeek(weekStart(week));

export function weekOf(date: Date): string {
  return `${String(getISOWeekYear(date)).padStart(4, '0')}-W${String(getISOWeek(date)).padStart(2, '0')}`;
}

export const addWeek = (week: string, n: number) => weekOf(addWeeks(weekStart(week), n));
export const currentWeek = () => weekOf(new Date());

/** "3月18日 – 3月24日" for headers. */
export function weekRange(week: string): string {
  return `${format(weekStart(week), 'M月d日')} – ${format(weekEnd(week), 'M月d日')}`;
}
