import { emptyItems, itemBlocks, itemBlockOfKind, type ReportItems } from '../../shared/blocks/index.js';
import type { ItemRow } from '../db/schema.js';
import { kpiKey, projectKey } from './keys.js';

/** Where a report sits: what every one of its rows carries so rollups need no join. */
export interface ReportPlace { reportId: string; spaceId: string; week: string }

/**
 * Extracted items → table rows, in document order within each kind: each block's `items.row` names the columns
 * rollups query (the keys they match on are derived here: project → project_key, KPI name → name_key).
 */
export function itemRows(p: ReportPlace, items: ReportItems): ItemRow[] {
  const lists = items as unknown as Record<string, { blockId: string }[]>;
  return itemBlocks.flatMap((b) => (lists[b.items.key] ?? []).map((item, position): ItemRow => {
    const c = b.items.row(item);
    const project = c.project ?? null;
    const name = c.name ?? null;
    return {
      report_id: p.reportId, space_id: p.spaceId, week: p.week, kind: b.items.kind, position, block_id: item.blockId,
      objective: c.objective ?? null, project, project_key: project ? projectKey(project) : null, text: c.text,
      progress: c.progress ?? null, due: c.due ?? null, status: c.status ?? null, owner: c.owner ?? null, from_id: c.fromId ?? null,
      name, name_key: name !== null ? kpiKey(name) : null, value: c.value ?? null, unit: c.unit ?? null, target: c.target ?? null, target_op: c.targetOp ?? null,
      start_at: c.start ?? null, end_at: c.end ?? null, duration_minutes: c.durationMinutes ?? null, severity: c.severity ?? null, review: c.review ?? null,
      json: JSON.stringify(item),
      project_id: null, // resolved by the indexer (rollups/projects.ts)
    };
  }));
}

/**
 * Rows → the /items shape (each row keeps the full extracted item as JSON); rows of a kind no block lists are skipped.
 * An item that names a project carries the key of the space's project it resolves to (merges followed) as `projectKey`.
 */
export function rowsToItems(rows: (Pick<ItemRow, 'kind' | 'position' | 'json'> & { project_id?: string | null })[]): ReportItems {
  const out = emptyItems();
  const lists = out as unknown as Record<string, unknown[]>;
  for (const r of [...rows].sort((a, b) => a.position - b.position)) {
    const b = itemBlockOfKind(r.kind);
    if (!b) continue;
    const item = JSON.parse(r.json);
    if (b.projectAttr && r.project_id) item.projectKey = r.project_id;
    lists[b.items.key].push(item);
  }
  return out;
}
