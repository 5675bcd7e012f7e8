import type { Db } from '../db/client.js';
import { inValues } from '../db/inValues.js';
import { untouchedItems } from '../domain/itemUpdates.js';

/** An item whose progress has not moved for this many reports in a row (this one included) is stuck (issue 15). */
export const STUCK_REPORTS = 3;

export interface Stuck { blockId: string; project: string | null; progress: number; stuckFor: number; since: string }

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The OKR items of a report that are not done and whose progress has stayed the same for STUCK_REPORTS or more of
 * the space's reports in a row, up to this one. An item is followed back through earlier reports by its project
 * (merges followed by the stored project key), else by the item it was carried from; a report where the project
 * states no progress, or is missing, ends the run.
 */
export async function stuckItems(db: Db, spaceId: string, reportId: string, week: string): Promise<Stuck[]> {
  const current = await db.k.selectFrom('item').select(['block_id', 'project', 'project_id', 'progress', 'status', 'from_id'])
    .where('report_id', '=', reportId).where('kind', '=', 'okr').orderBy('position').execute();
  const candidates = current.filter((r) => r.progress !== null && Number(r.progress) < 100 && r.status !== 'done');
  if (candidates.length === 0) return [];
  const weeks = (await db.k.selectFrom('report').select(['id', 'week']).where('space_id', '=', spaceId).where('week', '<', week)
    .orderBy('week', 'desc').limit(200).execute());
  if (weeks.length < STUCK_REPORTS - 1) return [];
  const keys = [...new Set(candidates.map((r) => r.project_id).filter((k): k is string => !!k))];
  const earlier = keys.length
    ? await db.k.selectFrom('item').select(['report_id', 'block_id', 'project_id', 'progress', 'from_id', 'position'])
      .where('space_id', '=', spaceId).where('kind', '=', 'okr').where('week', '<', week).where(inValues(db, 'project_id', keys))
      .orderBy('position').execute()
    : [];
  // Per report, per project: the first item stating a progress (as the timeline reads a week).
  const byReport = new Map<string, Map<string, number | null>>();
  for (const r of earlier) {
    const m = byReport.get(r.report_id) ?? byReport.set(r.report_id, new Map()).get(r.report_id)!;
    const had = m.get(r.project_id!);
    if (had === undefined || (had === null && r.progress !== null)) m.set(r.project_id!, num(r.progress));
  }
  // Carried from last week and untouched since: last week's figure, not this report saying it again (an untouched
  // "Start next week" draft made 85 % of two reports "stuck for 3").
  const untouched = await untouchedItems(db, reportId);
  const out: Stuck[] = [];
  for (const item of candidates) {
    if (!item.project_id) continue;
    const progress = Number(item.progress);
    let run = item.from_id && untouched.has(item.block_id) ? 0 : 1;
    let since = week;
    for (const w of weeks) {
      if (byReport.get(w.id)?.get(item.project_id) !== progress) break;
      run++;
      since = w.week;
    }
    if (run >= STUCK_REPORTS) out.push({ blockId: item.block_id, project: item.project, progress, stuckFor: run, since });
  }
  return out;
}
