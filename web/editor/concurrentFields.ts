import * as Y from 'yjs';

/**
 * Two people set the same field of a block without seeing each other's value: one typed it offline (or in a tab
 * whose edits waited in IndexedDB) while the other changed it online. Yjs keeps one of the two (by client id) and
 * drops the other without a word; this finds such pairs as the documents meet again, so the page can say so and
 * offer the value that was dropped (ConcurrentEdits.tsx).
 *
 * How: a block's attributes are a Yjs map (Y.XmlElement). Each value set is an item whose `origin` is the value it
 * replaced, as the writer saw it. An item that arrives now and did not replace the value this document showed was
 * written blind to it: that pair is a conflict, whichever of the two Yjs kept. A value set after seeing the other
 * (live editing, one after the other) names it as its origin and is no conflict.
 */
export interface FieldConflict {
  element: Y.XmlElement;
  /** The attribute both set. */
  attr: string;
  /** The value the document keeps, and the one it dropped. */
  kept: unknown;
  lost: unknown;
  /** Yjs client ids of who wrote each. */
  keptBy: number;
  lostBy: number;
  /** Other attributes of the dropped write that go with it (a KPI value's `display`, the value as typed). */
  with: Record<string, unknown>;
}

/** Attributes nobody types: ids, links between weeks, how Markdown wrote a list marker. */
const UNTYPED = new Set(['blockId', 'fromId', 'projectKey', 'marker']);
/** Written with another attribute, and restored with it. */
const COMPANION: Record<string, string> = { display: 'value' };
/** Attributes never listed on their own (the notice names every other attribute of the registry's blocks). */
export const unlistedAttrs: ReadonlySet<string> = new Set([...UNTYPED, ...Object.keys(COMPANION)]);

type Item = Y.Item;
const valueOf = (item: Item): { value: unknown } | null => {
  const content = item.content.getContent();
  return content.length ? { value: content[content.length - 1] } : null; // [] once garbage-collected
};
const sameId = (a: Y.ID | null, b: Y.ID) => a !== null && Y.compareIDs(a, b);

/**
 * The conflicts a transaction that applied others' edits brought: attribute values written blind to the value this
 * document had, paired with it. Runs in `afterTransaction`, before Yjs collects the dropped value's content.
 * `involves` picks the conflicts worth telling this person (one of the two values is theirs).
 */
export function conflictsIn(txn: Y.Transaction, involves: (clientId: number) => boolean): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const [type, keys] of txn.changed) {
    if (!(type instanceof Y.XmlElement) || type._item?.deleted) continue;
    const found = new Map<string, FieldConflict>();
    for (const key of keys) {
      if (key === null || UNTYPED.has(key)) continue;
      const conflict = conflictAt(txn, type, key);
      if (conflict && (involves(conflict.keptBy) || involves(conflict.lostBy))) found.set(key, conflict);
    }
    for (const [key, c] of found) {
      const main = COMPANION[key];
      if (!main) continue;
      found.delete(key);
      const owner = found.get(main);
      if (owner && owner.lostBy === c.lostBy) owner.with[key] = c.lost;
    }
    out.push(...found.values());
  }
  return out;
}

function conflictAt(txn: Y.Transaction, element: Y.XmlElement, key: string): FieldConflict | null {
  const current = element._map.get(key);
  if (!current || current.deleted) return null; // cleared: nothing to offer back (see notes)
  const isNew = (it: Item) => it.id.clock >= (txn.beforeState.get(it.id.client) ?? 0);
  const chain: Item[] = [];
  for (let it: Item | null = current; it; it = it.left as Item | null) chain.push(it);
  // The value this document showed before: not new, and either still shown or removed by this very transaction.
  const before = chain.find((it) => !isNew(it) && (!it.deleted || Y.isDeleted(txn.deleteSet, it.id)));
  if (!before) return null;
  const fresh = chain.filter(isNew);
  const blind = fresh.find((it) => !sameId(it.origin, before.lastId) && !fresh.some((f) => sameId(it.origin, f.lastId)));
  if (!blind) return null;
  // The blind writer's last value for this field (they may have set it several times).
  const theirs = fresh.filter((f) => f.id.client === blind.id.client).reduce((a, b) => (b.id.clock > a.id.clock ? b : a));
  const [keptItem, lostItem] = current === before ? [before, theirs] : current === theirs ? [theirs, before] : [null, null];
  if (!keptItem || !lostItem) return null; // a third value won over both: neither side's is shown
  const kept = valueOf(keptItem), lost = valueOf(lostItem);
  if (!kept || !lost || Object.is(kept.value, lost.value)) return null;
  return { element, attr: key, kept: kept.value, lost: lost.value, keptBy: keptItem.id.client, lostBy: lostItem.id.client, with: {} };
}

/**
 * Collects the conflicts of every transaction that brings others' edits into `doc` — catching up after being away,
 * the IndexedDB copy loading, and live updates (two people pressing Enter in one field at once: one value went
 * without a word) — for the conflicts that involve this browser's client ids.
 */
export function watchConcurrentFields(doc: Y.Doc, opts: { involves: (clientId: number) => boolean; onConflicts: (c: FieldConflict[]) => void }) {
  const after = (txn: Y.Transaction) => {
    if (txn.local) return;
    const found = conflictsIn(txn, opts.involves);
    if (found.length) opts.onConflicts(found);
  };
  doc.on('afterTransaction', after);
  return () => doc.off('afterTransaction', after);
}
