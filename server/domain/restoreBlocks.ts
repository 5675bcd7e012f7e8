import * as Y from 'yjs';
import type { Node as PMNode } from '@tiptap/pm/model';
import { updateYFragment } from '@tiptap/y-tiptap';
import type { DocNode } from '../../shared/blocks/types.js';

/**
 * Makes a live document's fragment hold a version's blocks, as one change on top of it (restore). Top-level blocks
 * are matched by blockId, else by content; the longest run of matches in order stays as it is (a block whose content
 * differs is updated in place), the rest of the live blocks are deleted and the version's others inserted.
 *
 * y-tiptap's updateYFragment on the whole document pairs blocks from both ends only: after an insertion near the top,
 * every block below was paired with its neighbour and rewritten (a 2 MB report: ~28 s holding the process, and an
 * update of megabytes for every client). Here the work is the size of what differs.
 *
 * `version` is the version's JSON as y-tiptap reads it (as `docJson` reads the live one), `versionNode` the same
 * document as a ProseMirror node (what updateYFragment writes from); `live` the live document's JSON now.
 */
export function restoreBlocks(doc: Y.Doc, fragment: Y.XmlFragment, live: DocNode, version: DocNode, versionNode: PMNode) {
  const from = live.content ?? [];
  const to = version.content ?? [];
  const kept = longestInOrder(keysOf(from), keysOf(to));
  const meta = { mapping: new Map(), isOMark: new Map() };
  const write = (at: number, t: number) => {
    const node = versionNode.child(t);
    const el = new Y.XmlElement(node.type.name);
    fragment.insert(at, [el]);
    updateYFragment(doc, el, node, meta);
  };
  // From the end, so that the positions of what comes before stay valid.
  let nextFrom = from.length;
  let nextTo = to.length;
  for (let i = kept.length; i >= 0; i--) {
    const [f, t] = i > 0 ? kept[i - 1] : [-1, -1];
    if (nextFrom - f - 1 > 0) fragment.delete(f + 1, nextFrom - f - 1);
    for (let j = nextTo - 1; j > t; j--) write(f + 1, j);
    if (i > 0 && JSON.stringify(from[f]) !== JSON.stringify(to[t])) {
      const el = fragment.get(f);
      if (el instanceof Y.XmlElement && el.nodeName === versionNode.child(t).type.name) updateYFragment(doc, el, versionNode.child(t), meta);
      else {
        fragment.delete(f, 1);
        write(f, t);
      }
    }
    nextFrom = f;
    nextTo = t;
  }
}

/** Each top-level block's identity: its blockId, else its content; copies numbered so each is matched once. */
function keysOf(blocks: DocNode[]): string[] {
  const seen = new Map<string, number>();
  return blocks.map((b) => {
    const id = b.attrs?.blockId;
    const key = typeof id === 'string' && id ? `id:${id}` : `${b.type}:${JSON.stringify(b)}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n > 1 ? `${key}#${n}` : key;
  });
}

/**
 * The longest list of pairs (index in `a`, index in `b`) with equal keys, increasing in both: keys are unique, so
 * this is the longest increasing run of `b`'s positions taken in `a`'s order (patience sorting, n log n).
 */
function longestInOrder(a: string[], b: string[]): [number, number][] {
  const at = new Map(b.map((k, i) => [k, i]));
  const seq: [number, number][] = [];
  a.forEach((k, i) => { const j = at.get(k); if (j !== undefined) seq.push([i, j]); });
  const tails: number[] = []; // tails[len]: index in seq of the smallest end of a run of length len + 1
  const prev = new Array<number>(seq.length).fill(-1);
  for (let s = 0; s < seq.length; s++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]][1] < seq[s][1]) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[s] = tails[lo - 1];
    tails[lo] = s;
  }
  const out: [number, number][] = [];
  for (let s = tails.length ? tails[tails.length - 1] : -1; s !== -1; s = prev[s]) out.push(seq[s]);
  return out.reverse();
}
