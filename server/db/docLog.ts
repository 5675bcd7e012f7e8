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
/** Returns whether anything had to be set aside (the caller may then compact, so the log no longer holds it). */
export function applyStored(doc: Y.Doc, stored: Pick<StoredDoc, 'snapshot' | 'updates'>, docId = ''): boolean {
  let setAside = false;
  const all = stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates;
  all.forEach((u, i) => {
    try {
      Y.applyUpdate(doc, u);
    } catch (e) {
      setAside = true;
      // The bytes go to the log (first 4 KB), so what was set aside can still be looked at.
      log.error('stored update could not be applied; set aside', { doc: docId, index: i, bytes: u.length, error: String(e), base64: Buffer.from(u.subarray(0, 4096)).toString('base64') });
    }
  });
  if (doc.store.pendingStructs || doc.store.pendingDs) {
    setAside = true;
    log.warn('stored updates wait on structs that never came; dropped', { doc: docId });
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
  }
  return setAside;
}

/** Snapshot + log → one update, through a Y.Doc so that deleted content is garbage-collected. */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  applyStored(doc, { snapshot, updates });
  const folded = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return folded;
}

