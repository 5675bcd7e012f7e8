import { addWeek, currentWeek } from '../../shared/week.js';

/** "New week": this ISO week, or the first week after it that has no report yet. */
export function nextMissingWeek(existing: string[], thisWeek = currentWeek()): string {
  const have = new Set(existing);
  let w = thisWeek;
  while (have.has(w)) w = addWeek(w, 1);
  return w;
}
