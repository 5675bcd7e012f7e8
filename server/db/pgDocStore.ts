import type pg from 'pg';
import type { DocStore, StoredDoc } from './docStore.js';
import { foldStored } from '../workers/docWorkers.js';

/** PostgreSQL document store: append() resolves after the insert has committed. */
export class PgDocStore implements DocStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Compaction's read, inside its transaction and under its lock. */
  private async read(client: pg.PoolClient, docId: string) {
    const snap = (await client.query('select data, upto_id from doc_snapshot where doc_id = $1 for update', [docId])).rows[0] as
      | { data: Buffer; upto_id: string }
      | undefined;
    // Every row still in the log is read: with several writers an id below upto_id can commit late, and
    // applying an update twice is harmless in Yjs, so compaction deletes exactly the rows it folded.
    const rows = (await client.query('select id, data from doc_update where doc_id = $1 order by id', [docId]))
      .rows as { id: string; data: Buffer }[];
    return { snap, rows };
  }

  async load(docId: string): Promise<StoredDoc> {
    // The snapshot and the log in one statement, so one view of the database: read in two, a compaction committing
    // in between (another process's, or this one's at a room's release) gave the old snapshot and the log after it
    // was folded, i.e. a document without the folded updates.
    const rows = (await this.pool.query(
      `select data, 0 as log, upto_id as id from doc_snapshot where doc_id = $1
       union all select data, 1, id from doc_update where doc_id = $1
       order by log, id`, [docId])).rows as { data: Buffer; log: number; id: string }[];
    const snap = rows.find((r) => r.log === 0);
    const log = rows.filter((r) => r.log === 1);
    return {
      snapshot: snap ? new Uint8Array(snap.data) : null,
      updates: log.map((r) => new Uint8Array(r.data)),
      logBytes: log.reduce((n, r) => n + r.data.length, 0),
      version: rows.reduce((v, r) => Math.max(v, Number(r.id)), 0),
    };
  }

  async append(docId: string, updates: Uint8Array[]) {
    if (updates.length === 0) return 0;
    const now = new Date().toISOString();
    const values = updates.map((_, i) => `($1, $2, $${i + 3})`).join(', ');
    const { rows } = await this.pool.query(`insert into doc_update (doc_id, created_at, data) values ${values} returning id`, [docId, now, ...updates.map((u) => Buffer.from(u))]);
    return rows.reduce((v: number, r: { id: string }) => Math.max(v, Number(r.id)), 0);
  }

  async compact(docId: string) {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      // Serialise compactions of one document across processes.
      await client.query('select pg_advisory_xact_lock(hashtext($1))', [docId]);
      const { snap, rows } = await this.read(client, docId);
      if (rows.length > 0) {
        const folded = await foldStored(snap ? new Uint8Array(snap.data) : null, rows.map((r) => new Uint8Array(r.data)), docId);
        const upto = rows[rows.length - 1].id;
        await client.query(
          `insert into doc_snapshot (doc_id, data, upto_id, updated_at) values ($1, $2, $3, $4)
           on conflict (doc_id) do update set data = excluded.data, upto_id = excluded.upto_id, updated_at = excluded.updated_at`,
          [docId, Buffer.from(folded), upto, new Date().toISOString()]);
        await client.query('delete from doc_update where id = any($1::bigint[])', [rows.map((r) => r.id)]);
      }
      await client.query('commit');
    } catch (e) {
      await client.query('rollback');
      throw e;
    } finally {
      client.release();
    }
  }

  async remove(docId: string) {
    await this.pool.query('delete from doc_update where doc_id = $1', [docId]);
    await this.pool.query('delete from doc_snapshot where doc_id = $1', [docId]);
  }
}
