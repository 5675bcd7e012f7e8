import * as Y from 'yjs';
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

/** Snapshot + log → one update, through a Y.Doc so that deleted content is garbage-collected. */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  if (snapshot) Y.applyUpdate(doc, snapshot);
  for (const u of updates) Y.applyUpdate(doc, u);
  const folded = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return folded;
}

/** Loads a stored document into a fresh Y.Doc (throws on corrupt data, writing nothing). */
export async function loadYDoc(store: DocStore, docId: string): Promise<Y.Doc> {
  const stored = await store.load(docId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u);
  return doc;
}
