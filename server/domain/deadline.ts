import { addDays } from 'date-fns';
import { weekStart } from '../../shared/week.js';
import type { Db } from '../db/client.js';
import { badRequest } from '../errors.js';

/** A space's weekly deadline (issue 15): ISO weekday (1 Monday … 7 Sunday), wall time, IANA time zone. */
export interface Deadline { weekday: number; time: string; timeZone: string }
export const DEFAULT_DEADLINE: Deadline = { weekday: 5, time: '17:00', timeZone: 'Asia/Shanghai' };

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Offset of a time zone from UTC at an instant, in minutes (Asia/Shanghai: 480). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a wall-clock time of a calendar day has in a time zone. */
export function zonedInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  let at = new Date(guess - offsetMinutes(new Date(guess), timeZone) * 60_000);
  // Once more, for a guess on the other side of a daylight-saving change.
  at = new Date(guess - offsetMinutes(at, timeZone) * 60_000);
  return at;
}

/** The deadline of an ISO week as an instant. */
export function deadlineOf(week: string, d: Deadline): Date {
  const day = addDays(weekStart(week), d.weekday - 1);
  const [h, m] = d.time.split(':').map(Number);
  return zonedInstant(day.getFullYear(), day.getMonth() + 1, day.getDate(), h, m, d.timeZone);
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export const dayIn = (at: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

export async function getDeadline(db: Db, spaceId: string): Promise<Deadline> {
  const row = await db.k.selectFrom('space').select(['deadline_weekday', 'deadline_time', 'time_zone']).where('id', '=', spaceId).executeTakeFirst();
  return row ? { weekday: Number(row.deadline_weekday), time: row.deadline_time, timeZone: row.time_zone } : DEFAULT_DEADLINE;
}

export async function setDeadline(db: Db, spaceId: string, d: Deadline): Promise<Deadline> {
  if (!isTimeZone(d.timeZone)) throw badRequest('invalid_input', `timeZone: ${d.timeZone.slice(0, 60)} is not a time zone (such as Asia/Shanghai).`);
  await db.k.updateTable('space').set({ deadline_weekday: d.weekday, deadline_time: d.time, time_zone: d.timeZone }).where('id', '=', spaceId).execute();
  return d;
}
