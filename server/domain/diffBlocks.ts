import type { DocNode } from '../../shared/blocks/types.js';
import { nextTurn } from '../nextTurn.js';

/** A long report (a 2 MB import: ~40,000 blocks, ~0.4 s to compare) lets other requests have turns this often. */
const TURN_EVERY = 500;

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
async function blocksOf(doc: DocNode, turn: () => Promise<void>): Promise<Map<string, { node: DocNode; block: DiffBlock }>> {
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
  const top = doc.content ?? [];
  for (let i = 0; i < top.length; i++) {
    if (i > 0 && i % TURN_EVERY === 0) await turn();
    walk(top[i], i);
  }
  return out;
}

/** What changed from `before` to `after`, block by block (used by version history; `turn` lets others in between). */
export async function diffBlocks(before: DocNode, after: DocNode, turn: () => Promise<void> = nextTurn): Promise<BlockDiff> {
  const a = await blocksOf(before, turn);
  const b = await blocksOf(after, turn);
  const diff: BlockDiff = { added: [], removed: [], changed: [] };
  let seen = 0;
  for (const [key, x] of a) {
    if (++seen % TURN_EVERY === 0) await turn();
    const y = b.get(key);
    if (!y) diff.removed.push(x.block);
    else if (x.block.blockId && JSON.stringify(x.node) !== JSON.stringify(y.node)) {
      diff.changed.push({ blockId: x.block.blockId, type: x.node.type, before: x.block.text, after: y.block.text, index: x.block.index });
    }
  }
  for (const [key, y] of b) if (!a.has(key)) diff.added.push(y.block);
  return diff;
}
