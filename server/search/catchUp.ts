import { sql } from 'kysely';
import { perSqlite, preparedQuery, type Db } from '../db/client.js';
import { indexedState } from './itemStore.js';

/**
 * Catching up after a crash. Every durable edit asks the indexer to re-index its report after a debounce; a process
 * killed in between (crash, kill -9, deploy) leaves the edit in the document and not in the rows. So each indexing run
 * records which version of the stored document it read (`item_state.doc_version`), and every process at start looks
 * for reports whose stored document is newer than that (Indexer.catchUp).
 *
 * A document's version is the highest doc_update id it includes: the newest row of its log, or after compaction (which
 * deletes the log up to it) the snapshot's `upto_id`. Ids only grow (SQLite AUTOINCREMENT, a PostgreSQL sequence), so
 * a later stored edit always makes the version larger. 0: nothing stored.
 */
export async function docVersion(db: Db, reportId: string): Promise<number> {
  if (db.sqlite) return (versionStatement(db).get(reportId, reportId) as { v: number }).v;
  const { rows } = await sql<{ v: string }>`select ${versionOf(db, reportId)} as v`.execute(db.k);
  return Number(rows[0].v);
}

/** A document's version as SQL, for a document id given as a value or as a column (`sql.ref('r.id')`). */
function versionOf(db: Db, id: unknown) {
  const log = sql`(select max(u.id) from doc_update u where u.doc_id = ${id})`;
  const snapshot = sql`(select p.upto_id from doc_snapshot p where p.doc_id = ${id})`;
  return db.sqlite ? sql`max(coalesce(${log}, 0), coalesce(${snapshot}, 0))` : sql`coalesce(greatest(${log}, ${snapshot}), 0)`;
}

/**
 * The stored document's version and what is indexed for the report (itemStore.indexedState), read together before
 * an indexing run reads the document: on PostgreSQL one round trip instead of two.
 */
export async function versionAndIndexed(db: Db, reportId: string): Promise<{ version: number; indexed: { hash: string; version: number } | null }> {
  if (db.sqlite) return { version: await docVersion(db, reportId), indexed: await indexedState(db, reportId) };
  const [r] = await preparedQuery(db, 'version_and_indexed', sql<{ v: string; hash: string | null; dv: string | null }>`select ${versionOf(db, reportId)} as v,
      s.hash, s.doc_version as dv from (select 1) as one left join item_state s on s.report_id = ${reportId}`);
  return { version: Number(r.v), indexed: r.hash === null ? null : { hash: r.hash, version: Number(r.dv ?? 0) } };
}

const versionStatement = perSqlite((db) => db.sqlite!.prepare(sql`select ${versionOf(db, sql.raw('?'))} as v`.compile(db.k).sql));

/**
 * Reports whose stored document is newer than what their rows were indexed from, or that have a document and were
 * never indexed (a process killed between creating a report — import, next week — and indexing it). Never-indexed
 * ones first (their first run records the rhythm's baseline), then newest week first. Deleted reports are not
 * reports: their leftover log rows are not looked at. One pass over `report` with two index lookups per report.
 */
export async function reportsBehind(db: Db): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select r.id from report r left join item_state s on s.report_id = r.id
    where coalesce(s.doc_version, 0) < ${versionOf(db, sql.ref('r.id'))}
    order by case when s.report_id is null then 0 else 1 end, r.week desc`.execute(db.k);
  return rows.map((r) => r.id);
}
