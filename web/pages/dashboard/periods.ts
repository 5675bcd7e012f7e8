import { weekOf } from '../../../shared/week.js';

/** Periods of the summary (issue 15) as ISO weeks: a week belongs to the month of its Thursday, as ISO weeks do to years. */

/** The ISO weeks of a span of months: from the week of its first Thursday to the week of its last one. */
export function monthsToWeeks(year: number, firstMonth: number, lastMonth: number): { from: string; to: string } {
  const firstThursday = (y: number, m: number) => {
    for (let d = 1; d <= 7; d++) {
      const date = new Date(Date.UTC(y, m - 1, d, 12));
      if (date.getUTCDay() === 4) return date;
    }
    throw new Error('unreachable');
  };
  const lastThursday = (y: number, m: number) => {
    const last = new Date(Date.UTC(y, m, 0, 12));
    while (last.getUTCDay() !== 4) last.setUTCDate(last.getUTCDate() - 1);
    return last;
  };
  return { from: weekOf(firstThursday(year, firstMonth)), to: weekOf(lastThursday(year, lastMonth)) };
}

/** The month a week mostly falls in (its Thursday's), `YYYY-MM`. */
export function monthOfWeek(week: string): string {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return '';
  // Thursday of ISO week: Jan 4th is always in week 1.
  const jan4 = new Date(Date.UTC(Number(m[1]), 0, 4, 12));
  const thursday = new Date(jan4.getTime() + ((Number(m[2]) - 1) * 7 + (4 - (jan4.getUTCDay() || 7))) * 86_400_000);
  return `${thursday.getUTCFullYear()}-${String(thursday.getUTCMonth() + 1).padStart(2, '0')}`;
}
