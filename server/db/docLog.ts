/**
 * A stored document is a snapshot plus the updates after it. The one loop that applies them, robustly, used by
 * rooms, readers and compaction alike.
 */
import * as Y from 'yjs';
import { logger } from '../log.js';
import type { StoredDoc } from './docStore.js';

const log = logger('docstore');

/**
 * Applies a stored snapshot and log to `doc`, setting aside (and logging) any update that cannot be applied,
 * and dropping whatever is left waiting on structs or deletes that never came: one bad entry must not keep a
 * report from opening, nor hold back the edits after it.
 */
export function applyStored(doc: Y.Doc, stored: Pick<StoredDoc, 'snapshot' | 'updates'>, docId = '') {
  const all = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  all.forEach((u, i) => {
    try {
      Y.applyUpdate(doc, u);
    } catch (e) {
      log.error('stored update could not be applied; set aside', { doc: docId, index: i, bytes: u.length, error: String(e) });
    }
  });
  if (doc.store.pendingStructs || doc.store.pendingDs) {
    log.warn('stored updates wait on structs that never came; dropped', { doc: docId });
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
  }
}

/** Snapshot + log → one update, through a Y.Doc so that deleted content is garbage-collected. */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  applyStored(doc, { snapshot, updates });
  const folded = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return folded;
}

