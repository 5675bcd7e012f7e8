import type * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type { DocNode } from '../../shared/blocks/types.js';
import { DOC_FIELD } from '../../shared/doc/field.js';
import { yDocOf, type DocStore, type StoredDoc } from '../db/docStore.js';
import { nextTurn } from '../nextTurn.js';
import { storedJsonInWorker } from '../workers/docWorkers.js';

/**
 * A report's ProseMirror JSON, from its Y.Doc.
 *
 * A long report (a 2 MB import: ~40,000 blocks) takes about 0.6 s of the one thread to convert, and the indexer after
 * every edit, a comment's anchor check, the mention check, history, export and "next week" each converted it again.
 * From CACHED_FROM top-level blocks, a document keeps each top-level block's JSON until something inside the block
 * changes (`observeDeep`), so those convert only what changed; and `docJsonInTurns` converts what is missing in
 * pieces with the event loop served between them. A short report is converted whole each time (well under a
 * millisecond) and keeps nothing, so an open report costs no more memory than before.
 *
 * Kept JSON is shared between callers, so it is frozen: a caller that changed it would change everyone's.
 */
export const CACHED_FROM = 500;
const TURN_EVERY = 500;
type Block = ReturnType<Y.XmlFragment["toArray"]>[number];

class BlockJson {
  private readonly json = new WeakMap<object, DocNode>();
  constructor(private readonly fragment: Y.XmlFragment) {
    fragment.observeDeep((events) => {
      for (const e of events) this.json.delete(topLevel(fragment, e.target));
    });
  }
  has(block: object) {
    return this.json.has(block);
  }
  of(block: Block): DocNode {
    let node = this.json.get(block);
    if (!node) this.json.set(block, (node = deepFreeze(convert([block])[0])));
    return node;
  }
  doc(): DocNode {
    return { type: 'doc', content: this.fragment.toArray().map((b) => this.of(b)) };
  }
}

const kept = new WeakMap<Y.Doc, BlockJson>();
const fragmentOf = (doc: Y.Doc) => doc.getXmlFragment(DOC_FIELD);

function keptFor(doc: Y.Doc): BlockJson | null {
  let k = kept.get(doc);
  if (!k && fragmentOf(doc).length >= CACHED_FROM) kept.set(doc, (k = new BlockJson(fragmentOf(doc))));
  return k ?? null;
}

/** The document's JSON now. */
export function docJson(doc: Y.Doc): DocNode {
  const k = keptFor(doc);
  return k ? k.doc() : { type: 'doc', content: convert(fragmentOf(doc).toArray()) };
}

/**
 * The document's JSON, converting what is not kept in pieces with the event loop served between them; the last step
 * is synchronous, so the result is one state of the document even when it changed meanwhile.
 */
export async function docJsonInTurns(doc: Y.Doc, turn: () => Promise<void> = nextTurn): Promise<DocNode> {
  const k = keptFor(doc);
  if (k) {
    let converted = 0;
    for (const block of fragmentOf(doc).toArray()) {
      if (k.has(block)) continue;
      k.of(block);
      if (++converted % TURN_EVERY === 0) await turn();
    }
  }
  return docJson(doc);
}

/** y-tiptap's conversion of these top-level blocks (it reads only the fragment's `toArray`). */
const convert = (blocks: Block[]): DocNode[] =>
  (yXmlFragmentToProsemirrorJSON({ toArray: () => blocks } as unknown as Y.XmlFragment) as DocNode).content ?? [];

/** The top-level block a changed type is in (the fragment itself when blocks were added or removed). */
function topLevel(fragment: Y.XmlFragment, type: Y.AbstractType<any>): object {
  let t = type;
  while (t._item && t._item.parent !== fragment) t = t._item.parent as Y.AbstractType<any>;
  return t;
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * A stored document's JSON (no room holds it here), as readers see it: a long one converted in the worker thread
 * (workers/docWorkers.ts), else in a throwaway Y.Doc here.
 */
export async function storedDocJson(store: DocStore, docId: string): Promise<DocNode> {
  return storedJson(await store.load(docId), docId);
}

/** A stored document at hand (a history version is a snapshot alone) as readers see it: see storedDocJson. */
export async function storedJson(stored: Pick<StoredDoc, 'snapshot' | 'updates'>, docId: string): Promise<DocNode> {
  const fromWorker = await storedJsonInWorker(stored, docId);
  if (fromWorker) return fromWorker;
  const doc = yDocOf(stored, docId);
  try {
    return await docJsonInTurns(doc);
  } finally {
    doc.destroy();
  }
}
