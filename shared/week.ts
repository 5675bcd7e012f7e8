import { addWeeks, endOfISOWeek, format, getISOWeek, getISOWeekYear, getISOWeeksInYear, setISOWeek, startOfISOWeek } from 'date-fns';

/** ISO weeks written `YYYY-Www`, on top of date-fns (no hand-written calendar arithmetic). */
const WEEK = /^(\d{4})-W(\d{2})$/;

export function parseWeek(week: string): { year: number; week: number } | null {
  const m = WEEK.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const w = Number(m[2]);
  if (w < 1 || w > getISOWeeksInYear(new Date(year, 5, 1))) return null;
  return { year, week: w };
}

export const isWeek = (week: string) => parseWeek(week) !== null;

/** Monday of an ISO week, local time. */
export function weekStart(week: string): Date {
  const p = parseWeek(week);
  if (!p) throw new Error(`not an ISO week: ${week}`);
  // January 4th is always in ISO week 1 of its year.
  return startOfISOWeek(setISOWeek(new Date(p.year, 0, 4), p.week));
}

export const weekEnd = (week: string) => endOfISOWeek(weekStart(week));

export function weekOf(date: Date): string {
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, '0')}`;
}

export const addWeek = (week: string, n: number) => weekOf(addWeeks(weekStart(week), n));
export const currentWeek = () => weekOf(new Date());

/** "3月18日 – 3月24日" for headers. */
export function weekRange(week: string): string {
  return `${format(weekStart(week), 'M月d日')} – ${format(weekEnd(week), 'M月d日')}`;
}
