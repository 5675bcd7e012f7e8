import * as Y from 'yjs';
import { removeMisfits } from '../../shared/doc/shape.js';
import { reportShape } from '../../shared/blocks/docShape.js';
import type { Db } from './client.js';
import { SqliteDocStore } from './sqliteDocStore.js';
import { applyStored } from './docLog.js';
import { PgDocStore } from './pgDocStore.js';

/** What a room needs from storage: a document's snapshot plus the updates after it. */
export interface StoredDoc {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Bytes in the log after the snapshot, to decide when to compact. */
  logBytes: number;
  /** The highest doc_update id the document includes (search/catchUp.ts: its version); 0 when nothing is stored. */
  version: number;
}

/**
 * Durable storage of collaborative documents as an append-only update log plus an occasional snapshot
 * (the Hocuspocus fetch/store idea, split so that every accepted update is stored before it is broadcast).
 */
export interface DocStore {
  load(docId: string): Promise<StoredDoc>;
  /**
   * Resolves once the updates are durable, in the given order, with the id of the last (the version of a document
   * holding them and everything loaded or appended before; 0 for none).
   */
  append(docId: string, updates: Uint8Array[]): Promise<number>;
  /** Folds the log into one snapshot; the document's content is unchanged. */
  compact(docId: string): Promise<void>;
  /**
   * Single-process stores only: makes `state` (the open document, which holds every update in the log) the snapshot
   * and drops the whole log, at the moment of the call (synchronously: nothing appended later is dropped). Saves
   * re-applying the log to fold it. A store shared by several processes leaves it out: another process's update
   * can be in the log before it reaches this one's document.
   */
  replaceLog?(docId: string, state: Uint8Array): void;
  /** Removes a document's snapshot and log. */
  remove(docId: string): Promise<void>;
}

export { applyStored, foldUpdates, LARGE_DOC_BYTES } from './docLog.js';

export function createDocStore(db: Db): DocStore {
  return db.sqlite ? new SqliteDocStore(db.sqlite, db.wrote) : new PgDocStore(db.pool!);
}

/** Loads a stored document into a fresh Y.Doc, robustly (see applyStored); nothing is written. */
export async function loadYDoc(store: DocStore, docId: string): Promise<Y.Doc> {
  return yDocOf(await store.load(docId), docId);
}

/** A stored document in a fresh Y.Doc, as readers see it (see loadYDoc). */
export function yDocOf(stored: Pick<StoredDoc, 'snapshot' | 'updates'>, docId: string): Y.Doc {
  const doc = new Y.Doc();
  applyStored(doc, stored, docId);
  removeMisfits(doc, reportShape()); // in memory only: readers see what the editor would
  return doc;
}
