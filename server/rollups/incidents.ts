import { addDays, format, parseISO } from 'date-fns';
import type { Db } from '../db/client.js';
import { weekOf, weekStart } from '../../shared/week.js';

export interface IncidentRow {
  reportId: string; week: string; blockId: string; start: string | null; end: string | null; durationMinutes: number | null;
  severity: string | null; summary: string; status: string | null;
}
export interface DateRange { from?: string; to?: string }

const SEVERITIES = ['A', 'B', 'C', 'D'] as const;

/** The ISO week whose Thursday (the day ISO weeks are counted by) is on or after `day`, or on or before it. */
const weekFrom = (day: string) => weekOf(addDays(parseISO(day), 3));
const weekTo = (day: string) => weekOf(addDays(parseISO(day), -3));

/**
 * Incidents of a space whose start lies in [from, to] (whole days, both optional), oldest first. One whose start is
 * not known is in the range when its report's week is (by the week's Thursday, as incidentSummary counts its month):
 * a `（时间待定）…【待复盘】` dropped out of every dated view.
 */
export async function listIncidents(db: Db, spaceId: string, range: DateRange = {}, onlyPending = false): Promise<IncidentRow[]> {
  let qb = db.k.selectFrom('item')
    .select(['report_id', 'week', 'block_id', 'start_at', 'end_at', 'duration_minutes', 'severity', 'text', 'review'])
    .where('space_id', '=', spaceId).where('kind', '=', 'incident');
  const { from, to } = range;
  if (from || to) {
    const next = to ? format(addDays(parseISO(to), 1), 'yyyy-MM-dd') : null;
    qb = qb.where((eb) => eb.or([
      eb.and([...(from ? [eb('start_at', '>=', from)] : []), ...(next ? [eb('start_at', '<', next)] : []), eb('start_at', 'is not', null)]),
      eb.and([eb('start_at', 'is', null), ...(from ? [eb('week', '>=', weekFrom(from))] : []), ...(to ? [eb('week', '<=', weekTo(to))] : [])]),
    ]));
  }
  if (onlyPending) qb = qb.where('review', '=', 'review_pending');
  const rows = await qb.orderBy('start_at').orderBy('week').orderBy('position').execute();
  return rows.map((r) => ({
    reportId: r.report_id, week: r.week, blockId: r.block_id, start: r.start_at, end: r.end_at,
    durationMinutes: r.duration_minutes === null ? null : Number(r.duration_minutes), severity: r.severity, summary: r.text, status: r.review,
  }));
}

export interface MonthSummary { month: string; total: number; minutes: number; bySeverity: Record<'A' | 'B' | 'C' | 'D' | 'unknown', number> }

/** Months between two `YYYY-MM` (both included); null past 50 years, where the chart shows only months with incidents. */
function monthsBetween(first: string, last: string): string[] | null {
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const [a, b] = [index(first), index(last)];
  if (!(b - a < 600)) return null;
  const out: string[] = [];
  for (let i = a; i <= b; i++) out.push(`${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

const emptyMonth = (month: string): MonthSummary => ({ month, total: 0, minutes: 0, bySeverity: { A: 0, B: 0, C: 0, D: 0, unknown: 0 } });

/**
 * Incidents per month × severity, oldest first, and the ones still pending review. Every month of the range (or from
 * the first incident to the last) is there, 0 where nothing happened: a chart of only the months with incidents put
 * March beside November as if they were neighbours.
 */
export async function incidentSummary(db: Db, spaceId: string, range: DateRange = {}) {
  const all = await listIncidents(db, spaceId, range);
  const months = new Map<string, MonthSummary>();
  for (const i of all) {
    // Without a start time: the month of its report's week (its Thursday, as ISO weeks count), not "2024-??".
    const month = i.start?.slice(0, 7) ?? format(addDays(weekStart(i.week), 3), 'yyyy-MM');
    let m = months.get(month);
    if (!m) months.set(month, (m = emptyMonth(month)));
    m.total++;
    m.minutes += i.durationMinutes ?? 0;
    m.bySeverity[(SEVERITIES as readonly string[]).includes(i.severity ?? '') ? (i.severity as 'A') : 'unknown']++;
  }
  const seen = [...months.keys()].sort();
  const first = [range.from?.slice(0, 7), seen[0]].filter((m): m is string => !!m).sort()[0];
  const last = [range.to?.slice(0, 7), seen.at(-1)].filter((m): m is string => !!m).sort().at(-1);
  const span = first && last && (all.length > 0 || (range.from && range.to)) ? monthsBetween(first, last) : null;
  return {
    months: span ? span.map((m) => months.get(m) ?? emptyMonth(m)) : seen.map((m) => months.get(m)!),
    pending: all.filter((i) => i.status === 'review_pending'),
    total: all.length,
  };
}
