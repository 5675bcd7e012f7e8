import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { whereProject } from './projectMatch.js';

export interface TimelinePoint {
  week: string; reportId: string; objective: string | null; progress: number | null; due: string | null; text: string;
  kind: 'okr' | 'project'; blockId: string; project: string;
  /** The planned go-live date moved later than at the previous point. */
  slipped?: true;
}

/**
 * A project week by week, oldest first: one point per week, from its OKR item (the first in the report) or,
 * in weeks where it only has a key-project section, from that section (no progress or due).
 */
export async function projectTimeline(db: Db, spaceId: string, project: string): Promise<{ project: string; points: TimelinePoint[] }> {
  // One row per week, chosen in SQL so that only those rows' text is read: an OKR item ('okr' sorts before
  // 'project', so descending kind puts 'project' last) and the first in the report.
  const ranked = whereProject(db, db.k.selectFrom('item')
    .select(['week', 'report_id', 'kind', 'position', 'block_id', 'objective', 'project', 'progress', 'due', 'text'])
    .select(sql<number>`row_number() over (partition by week order by case kind when 'okr' then 0 else 1 end, position)`.as('n'))
    .where('space_id', '=', spaceId)
    .where('kind', 'in', ['okr', 'project']), project);
  const rows = await db.k.selectFrom(ranked.as('r')).selectAll().where('n', '=', 1).orderBy('week').execute();
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  const points: TimelinePoint[] = [];
  for (const r of byWeek.values()) {
    const point: TimelinePoint = {
      week: r.week, reportId: r.report_id, objective: r.objective, progress: r.progress === null ? null : Number(r.progress),
      due: r.due, text: r.text, kind: r.kind as 'okr' | 'project', blockId: r.block_id, project: r.project ?? '',
    };
    const lastDue = [...points].reverse().find((p) => p.due)?.due;
    if (point.due && lastDue && point.due > lastDue) point.slipped = true;
    points.push(point);
  }
  return { project, points };
}
