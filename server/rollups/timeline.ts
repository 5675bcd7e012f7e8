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
  /**
   * The project's other items that week (`实时数仓项目：上线完成` under O2 beside `…进度98%` under O3): the point
   * showed one and the other went unseen.
   */
  others: { blockId: string; objective: string | null; progress: number | null; due: string | null; text: string; kind: 'okr' | 'project' }[];
}

/**
 * A project week by week, oldest first: one point per week. The project is the one any of its names (or its key)
 * stands for, all its names included (issue 12); a name no project has is matched by its bare or decorated form as
 * before. Each week's point is its OKR item that states a progress (the first such in the report), else its first
 * OKR item, else its key-project section (no progress or due); the week's other items come with it (`others`).
 */
export async function projectTimeline(db: Db, spaceId: string, project: string) {
  const key = await findProject(db, spaceId, project);
  const family = key ? await projectFamily(db, spaceId, key) : [];
  // The week's point first (row 1), its other items after it.
  let base = db.k.selectFrom('item')
    .select(['week', 'report_id', 'kind', 'position', 'block_id', 'objective', 'project', 'progress', 'due', 'text'])
    .select(sql<number>`row_number() over (partition by week order by case when kind = 'okr' and progress is not null then 0 when kind = 'okr' then 1 else 2 end, position)`.as('n'))
    .where('space_id', '=', spaceId)
    .where('kind', 'in', ['okr', 'project']);
  base = key ? base.where(inValues(db, 'project_id', family)) : whereProject(db, base, project);
  const rows = await db.k.selectFrom(base.as('r')).selectAll().orderBy('week').orderBy('n').execute();
  const points: TimelinePoint[] = [];
  for (const r of rows) {
    const progress = r.progress === null ? null : Number(r.progress);
    if (Number(r.n) > 1) {
      points.at(-1)?.others.push({ blockId: r.block_id, objective: r.objective, progress, due: r.due, text: r.text, kind: r.kind as 'okr' | 'project' });
      continue;
    }
    const point: TimelinePoint = {
      week: r.week, reportId: r.report_id, objective: r.objective, progress,
      due: r.due, text: r.text, kind: r.kind as 'okr' | 'project', blockId: r.block_id, project: r.project ?? '', others: [],
    };
    const lastDue = [...points].reverse().find((p) => p.due)?.due;
    if (point.due && lastDue && point.due > lastDue) point.slipped = true;
    points.push(point);
  }
  return { project, key, points };
}
