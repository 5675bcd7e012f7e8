import type { ReportItems } from '../../shared/blocks/types.js';
import type { ItemRow } from '../db/schema.js';
import { kpiKey, projectKey } from './keys.js';

/** Where a report sits: what every one of its rows carries so rollups need no join. */
export interface ReportPlace { reportId: string; spaceId: string; week: string }

const base = (p: ReportPlace, kind: ItemRow['kind'], position: number, blockId: string, text: string, item: unknown): ItemRow => ({
  report_id: p.reportId, space_id: p.spaceId, week: p.week, kind, position, block_id: blockId,
  objective: null, project: null, project_key: null, text,
  progress: null, due: null, status: null, owner: null, from_id: null,
  name: null, name_key: null, value: null, unit: null, target: null,
  start_at: null, end_at: null, duration_minutes: null, severity: null, review: null,
  json: JSON.stringify(item),
});

/** Extracted items → table rows, in document order within each kind. */
export function itemRows(p: ReportPlace, items: ReportItems): ItemRow[] {
  return [
    ...items.okrs.map((o, i) => ({
      ...base(p, 'okr', i, o.blockId, o.text, o),
      objective: o.objective, project: o.project || null, project_key: o.project ? projectKey(o.project) : null,
      progress: o.progress, due: o.due, status: o.status, owner: o.owner, from_id: o.fromId,
    })),
    ...items.kpis.map((k, i) => ({
      ...base(p, 'kpi', i, k.blockId, k.name, k),
      name: k.name, name_key: kpiKey(k.name), value: k.value, unit: k.unit, target: k.target,
    })),
    ...items.incidents.map((n, i) => ({
      ...base(p, 'incident', i, n.blockId, n.summary, n),
      start_at: n.start, end_at: n.end, duration_minutes: n.durationMinutes, severity: n.severity, review: n.status,
    })),
    ...items.projects.map((r, i) => ({
      ...base(p, 'project', i, r.blockId, r.text, r),
      project: r.project || null, project_key: r.project ? projectKey(r.project) : null,
    })),
  ];
}

/** Rows → the /items shape (each row keeps the full extracted item as JSON). */
export function rowsToItems(rows: Pick<ItemRow, 'kind' | 'position' | 'json'>[]): ReportItems {
  const out: ReportItems = { okrs: [], kpis: [], incidents: [], projects: [] };
  const sorted = [...rows].sort((a, b) => a.position - b.position);
  for (const r of sorted) {
    const item = JSON.parse(r.json);
    if (r.kind === 'okr') out.okrs.push(item);
    else if (r.kind === 'kpi') out.kpis.push(item);
    else if (r.kind === 'incident') out.incidents.push(item);
    else out.projects.push(item);
  }
  return out;
}
