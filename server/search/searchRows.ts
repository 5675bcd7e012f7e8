import { blockTypes, itemBlocks, type ReportItems, type SearchKind } from '../../shared/blocks/index.js';
import { nodeText } from '../../shared/blocks/text.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { cjkBigrams } from './cjk.js';

export type { SearchKind };

/** One searchable piece of a report. */
export interface SearchPiece { kind: SearchKind; blockId: string | null; project: string | null; progress: number | null; text: string }

const structured = new Set(blockTypes);
const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);

/**
 * What search indexes of one report: every structured item (each block's `items.search`, in registry order) and
 * every plain block of text outside them (a paragraph, a heading, each top-level list item), which points at the
 * nearest structured block above it.
 */
export function searchPieces(doc: DocNode, items: ReportItems): SearchPiece[] {
  const lists = items as unknown as Record<string, { blockId: string }[]>;
  const pieces: SearchPiece[] = itemBlocks.flatMap((b) =>
    (lists[b.items.key] ?? []).map((item) => ({ kind: b.items.kind, blockId: item.blockId, ...b.items.search(item) })));
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
