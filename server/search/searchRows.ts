import { blockTypes } from '../../shared/blocks/index.js';
import { nodeText } from '../../shared/blocks/text.js';
import type { DocNode, ReportItems } from '../../shared/blocks/types.js';
import { cjkBigrams } from './cjk.js';

export type SearchKind = 'okr' | 'kpi' | 'incident' | 'project' | 'text';

/** One searchable piece of a report. */
export interface SearchPiece { kind: SearchKind; blockId: string | null; project: string | null; progress: number | null; text: string }

const structured = new Set(blockTypes);
const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);

/**
 * What search indexes of one report: every structured item (from the extracted items) and every plain block of
 * text outside them (a paragraph, a heading, each top-level list item), which points at the nearest structured block above it.
 */
export function searchPieces(doc: DocNode, items: ReportItems): SearchPiece[] {
  const pieces: SearchPiece[] = [
    ...items.projects.map((p) => ({ kind: 'project' as const, blockId: p.blockId, project: p.project || null, progress: null, text: p.project && !p.text.includes(p.project) ? `【${p.project}】\n${p.text}` : p.text })),
    ...items.okrs.map((o) => ({ kind: 'okr' as const, blockId: o.blockId, project: o.project || null, progress: o.progress, text: o.text })),
    ...items.kpis.map((k) => ({ kind: 'kpi' as const, blockId: k.blockId, project: null, progress: null, text: `${k.name}：${k.value ?? ''}${k.unit}` })),
    ...items.incidents.map((n) => ({ kind: 'incident' as const, blockId: n.blockId, project: null, progress: null, text: [n.summary, n.impact, n.cause].filter(Boolean).join('\n') })),
  ];
  let nearest: string | null = null;
  const addText = (node: DocNode) => {
    const text = nodeText(node).trim();
    if (text) pieces.push({ kind: 'text', blockId: nearest, project: null, progress: null, text });
  };
  for (const node of doc.content ?? []) {
    if (structured.has(node.type)) {
      nearest = typeof node.attrs?.blockId === 'string' && node.attrs.blockId ? node.attrs.blockId : nearest;
      continue;
    }
    if (LISTS.has(node.type)) for (const li of node.content ?? []) addText(li);
    else addText(node);
  }
  return pieces.filter((p) => p.text.trim() !== '');
}

export const gramsOf = (text: string) => cjkBigrams(text);
