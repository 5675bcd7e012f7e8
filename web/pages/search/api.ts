import type { SearchKind } from '../../../shared/blocks/index.js';
import { api, unwrap } from '../../api.js';
import i18n from '../../i18n/index.js';

/** One search hit as GET /api/spaces/:spaceId/search returns it (type inferred from the route). */
export const searchSpace = async (spaceId: string, q: string, limit = 50) =>
  (await unwrap(api.api.spaces[':spaceId'].search.$get({ param: { spaceId }, query: { q, limit: String(limit) } }))).results;
export type SearchHit = Awaited<ReturnType<typeof searchSpace>>[number];

/** Hits grouped by week, keeping the server's order (newest week first, best first within a week). */
export function byWeek(hits: SearchHit[]): { week: string; hits: SearchHit[] }[] {
  const groups: { week: string; hits: SearchHit[] }[] = [];
  for (const h of hits) {
    if (groups.at(-1)?.week !== h.week) groups.push({ week: h.week, hits: [] });
    groups.at(-1)!.hits.push(h);
  }
  return groups;
}

/**
 * Where a hit opens: its report, landed on its block (web/editor/landing.ts); a text hit names the line by its snippet
 * (its blockId is the nearest block above it, where the search starts).
 */
export function hitUrl(h: SearchHit): string {
  const q = new URLSearchParams();
  if (h.blockId) q.set('block', h.blockId);
  if (h.kind === 'text' && h.snippet) q.set('text', h.snippet);
  const s = q.toString();
  return `/r/${h.reportId}${s ? `?${s}` : ''}`;
}

/** What each kind is called (`search.kind.<kind>` in the catalogues, one per registry item kind and `text`). */
export const kindLabel = (kind: SearchKind | string) => i18n.t(`search.kind.${kind}`);
