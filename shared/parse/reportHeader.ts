import { isValid, parse } from 'date-fns';
import { isWeek } from '../week.js';

/**
 * The header of an exported report: the `# 2024-W12` title (any case, with or without spaces, `#2024-w12` too)
 * and Notion's `Created: 2024年3月22日 14:52` line (also `2024-03-22`, `2024/3/22` and Notion's English
 * `March 22, 2024 2:52 PM`).
 */

const TITLE = /^\s{0,3}#{1,6}\s*(\d{4})\s*[-_/ ]?\s*W\s*(\d{1,2})(?!\d)/i;

/** The week of a title line, normalised to `YYYY-Www`, or null. */
export function titleWeek(line: string): string | null {
  const m = TITLE.exec(line);
  if (!m) return null;
  const week = `${m[1]}-W${m[2].padStart(2, '0')}`;
  return isWeek(week) ? week : null;
}

/** The first title week among the first few non-empty lines of a file. */
export function findTitleWeek(lines: string[]): string | null {
  for (const line of lines.filter((l) => l.trim() !== '').slice(0, 5)) {
    const w = titleWeek(line);
    if (w) return w;
  }
  return null;
}

/**
 * The week a title line names when no such ISO week exists (`# 2024-W54`, `# 2021-W53`, `# 1999-W10`), as written
 * `YYYY-Www`; null when the first title line names a real week or there is none. Lets import say what is wrong with the
 * title rather than that there is none.
 */
export function impossibleTitleWeek(lines: string[]): string | null {
  for (const line of lines.filter((l) => l.trim() !== '').slice(0, 5)) {
    if (titleWeek(line)) return null;
    const m = TITLE.exec(line);
    if (m) return `${m[1]}-W${m[2].padStart(2, '0')}`;
  }
  return null;
}

const CREATED = /^\s*(?:Created|创建时间|创建于|Created time)\s*[:：]\s*(.+?)\s*$/i;
const ENGLISH_FORMATS = ['MMMM d, yyyy h:mm a', 'MMMM d, yyyy', 'MMM d, yyyy h:mm a', 'MMM d, yyyy'];

/** The creation date of a `Created: …` line (local time), or null. */
export function createdDate(line: string): Date | null {
  const m = CREATED.exec(line);
  if (!m) return null;
  const v = m[1];
  const zh = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：]\s*(\d{2}))?/.exec(v)
    ?? /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?/.exec(v);
  if (zh) {
    const d = new Date(Number(zh[1]), Number(zh[2]) - 1, Number(zh[3]), Number(zh[4] ?? 0), Number(zh[5] ?? 0));
    return isValid(d) && d.getMonth() === Number(zh[2]) - 1 ? d : null;
  }
  for (const f of ENGLISH_FORMATS) {
    const d = parse(v, f, new Date(2000, 0, 1));
    if (isValid(d)) return d;
  }
  return null;
}

export function findCreated(lines: string[]): Date | null {
  for (const line of lines.slice(0, 40)) {
    const d = createdDate(line);
    if (d) return d;
  }
  return null;
}
