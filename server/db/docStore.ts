import * as Y from 'yjs';
import { logger } from '../log.js';
import { removeMisfits } from '../../shared/doc/shape.js';
import { reportShape } from '../../shared/blocks/docShape.js';
import type { Db } from './client.js';
import { SqliteDocStore } from './sqliteDocStore.js';
import { PgDocStore } from './pgDocStore.js';

/** What a room needs from storage: a document's snapshot plus the updates after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Bytes in the log after the snapshot, to decide when to compact. */
  logBytes: number;
}

/**
 * Durable storage of collaborative documents as an append-only update log plus an occasional snapshot
 * (the Hocuspocus fetch/store idea, split so that every accepted update is stored before it is broadcast).
 */
export interface DocStore {
  load(docId: string): Promise<StoredDoc>;
  /** Resolves once the updates are durable, in the given order. */
  append(docId: string, updates: Uint8Array[]): Promise<void>;
  /** Folds the log into one snapshot; the document's content is unchanged. */
  compact(docId: string): Promise<void>;
  /** Removes a document's snapshot and log. */
  remove(docId: string): Promise<void>;
}

export function createDocStore(db: Db): DocStore {
  return db.sqlite ? new SqliteDocStore(db.sqlite) : new PgDocStore(db.pool!);
}

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

/** Loads a stored document into a fresh Y.Doc, robustly (see applyStored); nothing is written. */
export async function loadYDoc(store: DocStore, docId: string): Promise<Y.Doc> {
  const stored = await store.load(docId);
  const doc = new Y.Doc();
  applyStored(doc, stored, docId);
  removeMisfits(doc, reportShape()); // in memory only: readers see what the editor would
  return doc;
}
