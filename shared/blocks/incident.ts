import { Node, mergeAttributes } from '@tiptap/core';
import { attr } from './attrs.js';
import { nodeText, numOrNull, oneOf, str, strOrNull } from './text.js';
import { reviewStatuses, severities, type DocNode, type IncidentItem } from './types.js';

const MINUTE = 60_000;

/** Minutes between two `YYYY-MM-DDTHH:mm` times, or null. */
export function minutesBetween(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  const a = Date.parse(start + ':00Z');
  const b = Date.parse(end + ':00Z');
  return Number.isFinite(a) && Number.isFinite(b) && b >= a ? Math.round((b - a) / MINUTE) : null;
}

/** Production incident: start, recovery, duration (entered, or computed), severity, impact, cause, review status, link; the text is the summary. */
export const incident = {
  name: 'incident',
  node: Node.create({
    name: 'incident',
    group: 'block',
    content: 'paragraph+',
    defining: true,
    draggable: true,
    addAttributes: () => ({
      ...attr('blockId'),
      ...attr('start'),
      ...attr('end'),
      ...attr('durationMinutes', null, 'number'),
      ...attr('severity'),
      ...attr('impact', ''),
      ...attr('cause', ''),
      ...attr('status'),
      ...attr('link'),
    }),
    parseHTML: () => [{ tag: 'div[data-type="incident"]' }],
    renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'incident' }), 0],
  }),
  extract(node: DocNode): IncidentItem {
    const a = node.attrs ?? {};
    const start = strOrNull(a.start);
    const end = strOrNull(a.end);
    return {
      blockId: str(a.blockId),
      start,
      end,
      durationMinutes: numOrNull(a.durationMinutes) ?? minutesBetween(start, end),
      severity: oneOf(a.severity, severities),
      summary: nodeText(node),
      impact: str(a.impact),
      cause: str(a.cause),
      status: oneOf(a.status, reviewStatuses),
      link: strOrNull(a.link),
    };
  },
};
