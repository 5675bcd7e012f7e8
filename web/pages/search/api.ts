import { searchKindLabel, type SearchKind } from '../../../shared/blocks/index.js';
import { api, unwrap } from '../../api.js';

/** One search hit as GET /api/spaces/:spaceId/search returns it. */
export interface SearchHit {
  reportId: string; week: string; kind: SearchKind;
  blockId: string | null; project: string | null; snippet: string; highlight: string; progress: number | null;
}

export async function searchSpace(spaceId: string, q: string, limit = 50): Promise<SearchHit[]> {
  const r = (await unwrap(api.api.spaces[':spaceId'].search.$get({ param: { spaceId }, query: { q, limit: String(limit) } }))) as { results: SearchHit[] };
  return r.results;
}

/** Hits grouped by week, keeping the server's order (newest week first, best first within a week). */
export function byWeek(hits: SearchHit[]): { week: string; hits: SearchHit[] }[] {
  const groups: { week: string; hits: SearchHit[] }[] = [];
  for (const h of hits) {
    if (groups.at(-1)?.week !== h.week) groups.push({ week: h.week, hits: [] });
    groups.at(-1)!.hits.push(h);
  }
  return groups;
}

/** Where a hit opens: its report, scrolled to its block (see blockFocus.ts). */
export const hitUrl = (h: SearchHit) => `/r/${h.reportId}${h.blockId ? `?block=${encodeURIComponent(h.blockId)}` : ''}`;

/** What each kind is called (the registry's `items.label`). */
export const kindLabel: Record<SearchKind, string> = searchKindLabel;
