import type { DocNode } from '../../shared/blocks/types.js';

/** One block of a document for comparison: structured blocks by blockId, other top-level nodes by content. */
/** `index`: position among the document's top-level nodes, when the block is one (so a viewer can mark it). */
export interface DiffBlock { key: string; blockId: string | null; type: string; text: string; index: number | null }

export interface BlockDiff {
  /** In the newer document only. */
  added: DiffBlock[];
  /** In the older document only. */
  removed: DiffBlock[];
  /** Same blockId, different content or attributes. */
  changed: { blockId: string; type: string; before: string; after: string; index: number | null }[];
}

const textOf = (n: DocNode): string => (n.text ?? '') + (n.content ?? []).map(textOf).join(n.type === 'doc' ? '\n' : '');

/** Structured blocks (anything with a blockId) anywhere, and every other top-level node. */
function blocksOf(doc: DocNode): Map<string, { node: DocNode; block: DiffBlock }> {
  const out = new Map<string, { node: DocNode; block: DiffBlock }>();
  const counts = new Map<string, number>();
  const add = (node: DocNode, blockId: string | null, index: number | null) => {
    const text = textOf(node);
    let key = blockId ? `id:${blockId}` : `${node.type}:${JSON.stringify(node)}`;
    // The same plain paragraph may occur twice: number the copies so each is matched once.
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > 1) key += `#${n}`;
    out.set(key, { node, block: { key, blockId, type: node.type, text, index } });
  };
  const walk = (node: DocNode, index: number | null) => {
    const id = node.attrs?.blockId;
    if (typeof id === 'string' && id) add(node, id, index);
    else if (index !== null) add(node, null, index);
    // Inside a structured block only nested structured blocks count separately.
    for (const c of node.content ?? []) if (c.type !== 'text') walk(c, null);
  };
  (doc.content ?? []).forEach((c, i) => walk(c, i));
  return out;
}

/** What changed from `before` to `after`, block by block (pure; used by version history). */
export function diffBlocks(before: DocNode, after: DocNode): BlockDiff {
  const a = blocksOf(before);
  const b = blocksOf(after);
  const diff: BlockDiff = { added: [], removed: [], changed: [] };
  for (const [key, x] of a) {
    const y = b.get(key);
    if (!y) diff.removed.push(x.block);
    else if (x.block.blockId && JSON.stringify(x.node) !== JSON.stringify(y.node)) {
      diff.changed.push({ blockId: x.block.blockId, type: x.node.type, before: x.block.text, after: y.block.text, index: x.block.index });
    }
  }
  for (const [key, y] of b) if (!a.has(key)) diff.added.push(y.block);
  return diff;
}
