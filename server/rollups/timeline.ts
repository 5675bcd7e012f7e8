import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import { inValues } from '../db/inValues.js';
import { whereProject } from './projectMatch.js';
import { findProject, projectFamily } from './projects.js';

export interface TimelinePoint {
  week: string; reportId: string; objective: string | null; progress: number | null; due: string | null; text: string;
  kind: 'okr' | 'project'; blockId: string; project: string;
  /** The planned go-live date moved later than at the previous point. */
  slipped?: true;
}

/**
 * A project week by week, oldest first: one point per week. The project is the one any of its names (or its key)
 * stands for, all its names included (issue 12); a name no project has is matched by its bare or decorated form as
 * before. Each week's point is its OKR item that states a progress (the first such in the report), else its first
 * OKR item, else its key-project section (no progress or due).
 */
export async function projectTimeline(db: Db, spaceId: string, project: string) {
  const key = await findProject(db, spaceId, project);
  const family = key ? await projectFamily(db, spaceId, key) : [];
  // One row per week, chosen in SQL so that only those rows' text is read.
  let base = db.k.selectFrom('item')
    .select(['week', 'report_id', 'kind', 'position', 'block_id', 'objective', 'project', 'progress', 'due', 'text'])
    .select(sql<number>`row_number() over (partition by week order by case when kind = 'okr' and progress is not null then 0 when kind = 'okr' then 1 else 2 end, position)`.as('n'))
    .where('space_id', '=', spaceId)
    .where('kind', 'in', ['okr', 'project']);
  base = key ? base.where(inValues(db, 'project_id', family)) : whereProject(db, base, project);
  const rows = await db.k.selectFrom(base.as('r')).selectAll().where('n', '=', 1).orderBy('week').execute();
  const points: TimelinePoint[] = [];
  for (const r of rows) {
    const point: TimelinePoint = {
      week: r.week, reportId: r.report_id, objective: r.objective, progress: r.progress === null ? null : Number(r.progress),
      due: r.due, text: r.text, kind: r.kind as 'okr' | 'project', blockId: r.block_id, project: r.project ?? '',
    };
    const lastDue = [...points].reverse().find((p) => p.due)?.due;
    if (point.due && lastDue && point.due > lastDue) point.slipped = true;
    points.push(point);
  }
  return { project, key, points };
}
