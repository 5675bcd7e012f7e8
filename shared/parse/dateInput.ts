/**
 * Dates and date-times as people type them into a field, the way the team writes them in reports:
 * `3/28`, `3月28日`, `2024-03-28`, `0328`, `3.28`, `20240328`; date-times `3/21 15:43`, `3月21日 15:43`,
 * `2024-03-21T15:43`, `0321 1543`, or a time alone (`16:15`, on the day of the date it follows).
 * Full-width digits and punctuation (`１７：００`) are read as their ASCII forms.
 * Values are stored as ISO (`YYYY-MM-DD`, `YYYY-MM-DDTHH:mm`) and shown in the team's format (`2024-03-28`, `2024-03-21 15:43`).
 */

export interface DateContext {
  /** The report's year: a date written without one takes it. */
  year: number;
  /** The report's month (1–12): a date more than six months away from it belongs to the year before or after (`1/10` in a December report is next January). */
  month?: number;
}

export interface DateTimeContext extends DateContext {
  /** A time written alone (`16:15`) is on this `YYYY-MM-DD…` day, or the next one when it would come before `after`. */
  after?: string | null;
}

/** Why a text is not a date: not a form we know, or a form we know with no such day or time. */
export type DateProblem = 'format' | 'day' | 'time' | 'needsTime' | 'needsDate';
export type DateParse = { ok: true; value: string | null } | { ok: false; problem: DateProblem };

const pad = (n: number) => String(n).padStart(2, '0');

/** Full-width forms to ASCII, `年/月` spacing collapsed, outer spaces gone. */
export function normalizeDateText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[：]/g, ':').replace(/[／]/g, '/').replace(/[－—–]/g, '-').replace(/[．。]/g, '.').replace(/[，、]/g, ',')
    .replace(/\u3000/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Whether a year, month and day name a day that exists, in the years dates may have (2000–2100). */
export const isCalendarDay = (year: number, month: number, day: number): boolean =>
  Number.isInteger(year) && year >= 2000 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);

/** `YYYY-MM-DD` of a year, month and day that exist (`2/30`, `13/45` do not), or null. */
export const calendarDay = (year: number, month: number, day: number): string | null =>
  isCalendarDay(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : null;

/**
 * A stored date (`YYYY-MM-DD`) or date-time (`YYYY-MM-DDTHH:mm`) as it is, when it is one that exists; else null.
 * Items' fields come from clients too (the sync socket): what extraction reports must be real days and times.
 */
export function isoDay(v: unknown): string | null {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  return m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) ? (v as string) : null;
}

export function isoDateTime(v: unknown): string | null {
  const m = typeof v === 'string' ? /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(v) : null;
  return m && isoDay(m[1]) && Number(m[2]) <= 23 && Number(m[3]) <= 59 ? (v as string) : null;
}

/** The year of a month written without one: the report's, or the one before/after when more than six months away. */
function yearFor(month: number, ctx: DateContext): number {
  if (ctx.month === undefined) return ctx.year;
  if (month - ctx.month > 6) return ctx.year - 1;
  if (ctx.month - month > 6) return ctx.year + 1;
  return ctx.year;
}

// Year-month-day with a separator, or 年月日; month-day with a separator, or 月日; 8 or 4 digits.
const YMD = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*(?:日|号)?)$/;
const MD = /^(\d{1,2})\s*(?:[-/.]\s*(\d{1,2})|月\s*(\d{1,2})\s*(?:日|号)?)$/;
const COMPACT = /^(\d{4})?(\d{2})(\d{2})$/;

/** A date alone → its parts, or a problem. */
function dateParts(text: string, ctx: DateContext): { y: number; m: number; d: number } | DateProblem {
  let y: number | null = null;
  let m: number;
  let d: number;
  let hit = YMD.exec(text);
  if (hit) {
    y = Number(hit[1]);
    m = Number(hit[2] ?? hit[4]);
    d = Number(hit[3] ?? hit[5]);
  } else if ((hit = MD.exec(text))) {
    m = Number(hit[1]);
    d = Number(hit[2] ?? hit[3]);
  } else if ((hit = COMPACT.exec(text))) {
    y = hit[1] ? Number(hit[1]) : null;
    m = Number(hit[2]);
    d = Number(hit[3]);
  } else return 'format';
  if (m < 1 || m > 12) return 'day';
  const year = y ?? yearFor(m, ctx);
  if (!isCalendarDay(year, m, d)) return 'day';
  return { y: year, m, d };
}

/** `YYYY-MM-DD` from what was typed; an empty text is no date (null). */
export function parseDate(text: string, ctx: DateContext): DateParse {
  const t = normalizeDateText(text);
  if (!t) return { ok: true, value: null };
  const p = dateParts(t, ctx);
  if (typeof p === 'string') return { ok: false, problem: p };
  return { ok: true, value: `${p.y}-${pad(p.m)}-${pad(p.d)}` };
}

const TIME = /^(\d{1,2}):(\d{2})$|^(\d{2})(\d{2})$/;

function timeParts(text: string): { h: number; min: number } | DateProblem {
  const m = TIME.exec(text);
  if (!m) return 'format';
  const h = Number(m[1] ?? m[3]);
  const min = Number(m[2] ?? m[4]);
  return h > 23 || min > 59 ? 'time' : { h, min };
}

/** `YYYY-MM-DDTHH:mm` from what was typed (a date and a time, or a time alone after `ctx.after`); empty is null. */
export function parseDateTime(text: string, ctx: DateTimeContext): DateParse {
  const t = normalizeDateText(text);
  if (!t) return { ok: true, value: null };
  if (/^\d{1,2}:\d{2}$/.test(t)) {
    // A time alone: on the day of what it follows (a recovery after its start), the next day when earlier.
    const time = timeParts(t);
    if (typeof time === 'string') return { ok: false, problem: time };
    if (!ctx.after || !/^\d{4}-\d{2}-\d{2}/.test(ctx.after)) return { ok: false, problem: 'needsDate' };
    const hm = `T${pad(time.h)}:${pad(time.min)}`;
    const day = ctx.after.slice(0, 10);
    if (`${day}${hm}` >= ctx.after.slice(0, 16)) return { ok: true, value: `${day}${hm}` };
    const next = new Date(`${day}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { ok: true, value: `${next.toISOString().slice(0, 10)}${hm}` };
  }
  // A date, then a time: `3/21 15:43`, `3月21日15:43`, `2024-03-21T15:43`, `0321 1543` (four-digit times need a space).
  const split = /^(.*?[\d日号])(?:\s*(?:T|,|\s)\s*(\d{4})|\s*(?:T|,)?\s*(\d{1,2}:\d{2}))$/.exec(t);
  if (!split) return typeof dateParts(t, ctx) === 'string' ? { ok: false, problem: 'format' } : { ok: false, problem: 'needsTime' };
  const date = dateParts(split[1].trim(), ctx);
  if (typeof date === 'string') return { ok: false, problem: date };
  const time = timeParts(split[2] ?? split[3]);
  if (typeof time === 'string') return { ok: false, problem: time };
  return { ok: true, value: `${date.y}-${pad(date.m)}-${pad(date.d)}T${pad(time.h)}:${pad(time.min)}` };
}

/** The team's format for a stored date: `2024-03-28` (anything else is shown as it is). */
export const formatDate = (iso: string | null | undefined): string => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : iso ?? '');

/** The team's format for a stored date-time: `2024-03-21 15:43`. */
export const formatDateTime = (iso: string | null | undefined): string =>
  iso && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso ?? '';
