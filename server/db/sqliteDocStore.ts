import type Database from 'better-sqlite3';
import type { DocStore, StoredDoc } from './docStore.js';
import { foldStored } from '../workers/docWorkers.js';

/** SQLite document store. better-sqlite3 is synchronous, so append() is durable before it returns. */
export class SqliteDocStore implements DocStore {
  private q;
  /** Several updates in one transaction; made once (better-sqlite3 builds a wrapper per `transaction()` call). */
  private insertAll;
  /** `wrote`: told after each append (db/checkpointer.ts starts with the first). */
  constructor(private readonly sqlite: Database.Database, private readonly wrote: () => void = () => {}) {
    this.q = {
      snapshot: sqlite.prepare<[string], { data: Buffer; upto_id: number }>('select data, upto_id from doc_snapshot where doc_id = ?'),
      snapshotUpto: sqlite.prepare<[string], { upto_id: number }>('select upto_id from doc_snapshot where doc_id = ?'),
      updates: sqlite.prepare<[string, number], { id: number; data: Buffer }>('select id, data from doc_update where doc_id = ? and id > ? order by id'),
      insert: sqlite.prepare('insert into doc_update (doc_id, data, created_at) values (?, ?, ?)'),
      upsertSnapshot: sqlite.prepare(
        `insert into doc_snapshot (doc_id, data, upto_id, updated_at) values (?, ?, ?, ?)
         on conflict (doc_id) do update set data = excluded.data, upto_id = excluded.upto_id, updated_at = excluded.updated_at`),
      deleteUpto: sqlite.prepare('delete from doc_update where doc_id = ? and id <= ?'),
      lastId: sqlite.prepare<[string], { id: number | null }>('select max(id) id from doc_update where doc_id = ?'),
      deleteDoc: sqlite.prepare('delete from doc_update where doc_id = ?'),
      deleteSnapshot: sqlite.prepare('delete from doc_snapshot where doc_id = ?'),
    };
    this.insertAll = sqlite.transaction((docId: string, updates: Uint8Array[], at: string) => {
      let id = 0;
      for (const u of updates) id = Number(this.q.insert.run(docId, Buffer.from(u.buffer, u.byteOffset, u.byteLength), at).lastInsertRowid);
      return id;
    });
  }

  private read(docId: string) {
    const snap = this.q.snapshot.get(docId);
    const rows = this.q.updates.all(docId, snap?.upto_id ?? 0);
    return { snap, rows };
  }

  async load(docId: string): Promise<StoredDoc> {
    const { snap, rows } = this.read(docId);
    return {
      snapshot: snap ? new Uint8Array(snap.data) : null,
      updates: rows.map((r) => new Uint8Array(r.data)),
      logBytes: rows.reduce((n, r) => n + r.data.length, 0),
      version: rows.length ? rows[rows.length - 1].id : snap?.upto_id ?? 0,
    };
  }

  /** Synchronous on purpose: the caller may broadcast right after, and a kill -9 must not lose what was broadcast. */
  appendSync(docId: string, updates: Uint8Array[]): number {
    if (updates.length === 0) return 0;
    const now = new Date().toISOString();
    // One update (a live edit, nearly always) is one statement, a transaction of its own.
    const id = updates.length === 1
      ? Number(this.q.insert.run(docId, Buffer.from(updates[0].buffer, updates[0].byteOffset, updates[0].byteLength), now).lastInsertRowid)
      : (this.insertAll(docId, updates, now) as number);
    this.wrote();
    return id;
  }

  async append(docId: string, updates: Uint8Array[]) {
    return this.appendSync(docId, updates);
  }

  /**
   * Folds what is stored now; a long document in a worker thread (workers/docWorkers.ts), with this thread serving
   * meanwhile. Appends made meanwhile stay in the log (only the rows folded are deleted), and a compaction that
   * finished first wins: this one then writes nothing (its snapshot would be older).
   */
  async compact(docId: string) {
    const { snap, rows } = this.sqlite.transaction(() => this.read(docId))();
    if (rows.length === 0) return;
    const folded = await foldStored(snap ? new Uint8Array(snap.data) : null, rows.map((r) => new Uint8Array(r.data)), docId);
    const upto = rows[rows.length - 1].id;
    this.sqlite.transaction(() => {
      if ((this.q.snapshotUpto.get(docId)?.upto_id ?? 0) !== (snap?.upto_id ?? 0)) return;
      this.q.upsertSnapshot.run(docId, Buffer.from(folded.buffer, folded.byteOffset, folded.byteLength), upto, new Date().toISOString());
      this.q.deleteUpto.run(docId, upto);
    })();
  }

  replaceLog(docId: string, state: Uint8Array) {
    this.sqlite.transaction(() => {
      const last = this.q.lastId.get(docId);
      if (!last?.id) return;
      this.q.upsertSnapshot.run(docId, Buffer.from(state), last.id, new Date().toISOString());
      this.q.deleteUpto.run(docId, last.id);
    })();
  }

  async remove(docId: string) {
    this.sqlite.transaction(() => { this.q.deleteDoc.run(docId); this.q.deleteSnapshot.run(docId); })();
  }
}
