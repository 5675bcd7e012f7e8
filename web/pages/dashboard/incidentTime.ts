type Timed = { start: string | null; week: string };

/** An incident's start in a list: month, day and time, with the year when the list spans years (else `03-21 15:43` could be any March). */
export function incidentTime(start: string | null, week: string, withYear: boolean): string {
  if (!start) return week;
  const shown = start.replace('T', ' ');
  return withYear ? shown : shown.slice(5);
}

/** Whether the incidents of a list happened in more than one year. */
export const spansYears = (list: readonly Timed[]) => new Set(list.map((i) => (i.start ?? i.week).slice(0, 4))).size > 1;

/** How one list shows its incidents' starts (whether it spans years, asked once). */
export function incidentTimes(list: readonly Timed[]): (i: Timed) => string {
  const withYear = spansYears(list);
  return (i) => incidentTime(i.start, i.week, withYear);
}
