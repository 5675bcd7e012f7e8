import { sql, type Kysely, type RawBuilder } from 'kysely';
import { perDb, perSqlite, preparedQuery, type Db } from '../db/client.js';
import type { ItemRow, Tables } from '../db/schema.js';
import type { ReportPlace } from './itemRows.js';
import { gramsOf, type SearchPiece } from './searchRows.js';
import type { ItemUpdateRow } from '../domain/itemUpdates.js';
import { nextTurn } from '../nextTurn.js';

const COLUMNS = [
  'report_id', 'space_id', 'week', 'kind', 'position', 'block_id', 'objective', 'project', 'project_key', 'text',
  'progress', 'due', 'status', 'owner', 'from_id', 'name', 'name_key', 'value', 'unit', 'target', 'target_op',
  'start_at', 'end_at', 'duration_minutes', 'severity', 'review', 'json', 'project_id',
] as const satisfies readonly (keyof ItemRow)[];

/** The hash of what is indexed for a report now, or null if it never was. */
export async function indexedHash(db: Db, reportId: string): Promise<string | null> {
  return (await indexedState(db, reportId))?.hash ?? null;
}

/**
 * What is indexed for a report now: the rows' hash and the stored document's version they were indexed from (0 when
 * unknown: indexed before migration 011, or from no stored document); null if it never was indexed.
 */
export async function indexedState(db: Db, reportId: string): Promise<{ hash: string; version: number } | null> {
  const row = db.sqlite
    ? sqliteStatements(db).hash.get(reportId) as { hash: string; doc_version: number | null } | undefined
    : await db.k.selectFrom('item_state').select(['hash', 'doc_version']).where('report_id', '=', reportId).executeTakeFirst();
  return row ? { hash: row.hash, version: Number(row.doc_version ?? 0) } : null;
}

/**
 * A run found the rows already what the document at `version` gives: records that they are indexed from it (never
 * moving the recorded version back), so the start-up scan does not take the report for one left behind.
 */
export async function recordIndexedVersion(db: Db, reportId: string, version: number) {
  if (db.sqlite) {
    sqliteStatements(db).version.run(version, reportId, version);
    db.wrote();
    return;
  }
  await sql`update item_state set doc_version = ${version} where report_id = ${reportId} and (doc_version is null or doc_version < ${version})`.execute(db.k);
}

type SearchRowValues = ReturnType<typeof searchRowValues>[number];
/** Search rows of items that name a project carry its project (the item row's), so search follows merges. */
const searchRowValues = (place: ReportPlace, pieces: SearchPiece[], rows: ItemRow[]) => {
  const projectOf = new Map(rows.filter((r) => r.project_id).map((r) => [`${r.kind}\0${r.block_id}`, r.project_id]));
  return pieces.map((x, position) => ({
    report_id: place.reportId, space_id: place.spaceId, week: place.week, kind: x.kind, position,
    block_id: x.blockId, project: x.project, progress: x.progress, text: x.text,
    project_id: projectOf.get(`${x.kind}\0${x.blockId}`) ?? null,
  }));
};
/** A new search row with its CJK bigrams (computed only for rows that are written). */
const withGrams = (r: SearchRowValues) => ({ ...r, grams: gramsOf(r.text) });
/** What makes a search row's indexed content: rows equal in this only differ in position. */
const searchSig = (r: { kind: string; block_id: string | null; project: string | null; progress: number | null; text: string; project_id: string | null }) =>
  `${r.kind}\0${opt(r.block_id)}\0${opt(r.project)}\0${r.progress === null ? '-' : `+${Number(r.progress)}`}\0${opt(r.project_id ?? null)}\0${r.text}`;
/** A nullable field in a signature (row values hold no NUL: the indexer drops them). */
const opt = (x: string | null) => (x === null ? '-' : `+${x}`);
/** What makes an item row: its item and the project it resolved to. */
const itemSig = (r: { json: string; project_id: string | null }) => `${r.json}\0${r.project_id ?? ''}`;

/** A report's rows as stored, by what makes them (see searchSig, itemSig): enough to diff against. */
interface Stored { items: Map<string, string>; search: { id: number; position: number; sig: string }[] }
const itemKey = (r: { kind: string; position: number }) => `${r.kind}:${r.position}`;
const storedOf = (
  items: { kind: string; position: number; json: string; project_id: string | null }[],
  search: { id: number; position: number; kind: string; block_id: string | null; project: string | null; progress: number | null; text: string; project_id: string | null }[],
): Stored => ({
  items: new Map(items.map((r) => [itemKey(r), itemSig(r)])),
  search: search.map((r) => ({ id: r.id, position: r.position, sig: searchSig(r) })),
});

/**
 * The smallest change from the stored rows to the wanted ones. Item rows are keyed by (kind, position) and
 * compared by their item JSON; search rows are matched by content, so an edit re-tokenizes only the rows it
 * changed (the FTS indexes are the costly part of a write) and moved rows just get their new position.
 * `kept`: the wanted search rows already stored (with their ids), each with its signature.
 */
function diff(stored: Stored, rows: ItemRow[], search: SearchRowValues[]) {
  const itemPuts: ItemRow[] = [];
  const keep = new Set<string>();
  const items = new Map<string, string>();
  for (const r of rows) {
    const key = itemKey(r);
    const sig = itemSig(r);
    items.set(key, sig);
    if (stored.items.get(key) === sig) keep.add(key);
    else itemPuts.push(r);
  }
  // Stored rows that are replaced or no longer wanted.
  const itemDeletes = [...stored.items.keys()].filter((k) => !keep.has(k)).map((k) => {
    const i = k.lastIndexOf(':');
    return { kind: k.slice(0, i), position: Number(k.slice(i + 1)) };
  });

  const free = new Map<string, { id: number; position: number }[]>();
  for (const r of stored.search) (free.get(r.sig) ?? free.set(r.sig, []).get(r.sig)!).push({ id: r.id, position: r.position });
  const searchInserts: { row: SearchRowValues; sig: string }[] = [];
  const searchMoves: { id: number; position: number }[] = [];
  const kept: { id: number; position: number; sig: string }[] = [];
  for (const r of search) {
    const sig = searchSig(r);
    const match = free.get(sig)?.shift();
    if (!match) searchInserts.push({ row: r, sig });
    else {
      kept.push({ id: match.id, position: r.position, sig });
      if (match.position !== r.position) searchMoves.push({ id: match.id, position: r.position });
    }
  }
  const searchDeletes = [...free.values()].flat().map((r) => r.id);
  return { itemPuts, itemDeletes, searchInserts, searchMoves, searchDeletes, items, kept };
}

/**
 * On SQLite (one process owns the database) the rows a report was last indexed to, by the hash they were written
 * with: the next run diffs against them instead of reading the report's rows back. Valid while the stored hash is
 * that hash; project merges and splits (the only other writers of these rows) drop them all (forgetStoredRows).
 */
const snapshotsOf = perSqlite((): Map<string, { hash: string; stored: Stored }> => new Map());
const SNAPSHOTS = 500;
/** SQLite row writes per transaction of one indexing run (a few ms each; an edit's run is one). */
const WRITES_PER_TURN = 500;
/** Item or search rows were changed outside the indexer (project merge or split): read them back next time. */
export function forgetStoredRows(db: Db) {
  if (db.sqlite) snapshotsOf(db).clear();
}

/**
 * Brings one report's item rows and search rows to the given state in one transaction, touching no other report,
 * with the weekly rhythm's item updates (`updates`, domain/itemUpdates.ts).
 * `version`: the stored document's version the rows come from (search/catchUp.ts), recorded with the hash.
 * On SQLite the write is synchronous (raw statements): an async Kysely transaction on the shared connection
 * could swallow the sync path's appends into itself.
 */
export async function replaceReportItems(db: Db, place: ReportPlace, rows: ItemRow[], pieces: SearchPiece[], hash: string, version: number, updates: ItemUpdateWrites): Promise<boolean> {
  const { reportId } = place;
  const now = new Date().toISOString();
  const search = searchRowValues(place, pieces, rows);
  if (db.sqlite) {
    const q = sqliteStatements(db);
    const snaps = snapshotsOf(db);
    // One process writes SQLite, and runs for one report never overlap (Indexer): what is stored cannot change
    // between this read and the writes below.
    const snap = snaps.get(reportId);
    const storedHash = (q.hash.get(reportId) as { hash: string } | undefined)?.hash;
    const stored = snap && snap.hash === storedHash ? snap.stored : storedOf(q.storedItems.all(reportId) as any[], q.storedSearch.all(reportId) as any[]);
    snaps.delete(reportId); // until the writes commit
    const d = diff(stored, rows, search);
    const writes: (() => void)[] = [
      ...d.itemDeletes.map((r) => () => { q.delItem.run(reportId, r.kind, r.position); }),
      ...d.itemPuts.map((r) => () => { q.insert.run(...COLUMNS.map((c) => r[c])); }),
      ...d.searchDeletes.map((id) => () => { q.delSearchRow.run(id); }),
      ...d.searchMoves.map((m) => () => { q.moveSearchRow.run(m.position, m.id); }),
      ...d.searchInserts.map(({ row: r, sig }) => () => {
        const { lastInsertRowid } = q.insertSearch.run(r.report_id, r.space_id, r.week, r.kind, r.position, r.block_id, r.project, r.progress, r.text, gramsOf(r.text), r.project_id);
        d.kept.push({ id: Number(lastInsertRowid), position: r.position, sig });
      }),
    ];
    // An edit's run is one transaction. A huge one (a 2 MB import: tens of thousands of rows) is written in
    // transactions of WRITES_PER_TURN, the event loop served between them: in one it held every socket and request of
    // the process for seconds. The state row (the hash) comes with the last: a run cut short is redone in full.
    for (let from = 0; from === 0 || from < writes.length; from += WRITES_PER_TURN) {
      if (from > 0) await nextTurn();
      const last = from + WRITES_PER_TURN >= writes.length;
      db.sqlite.transaction(() => {
        for (const w of writes.slice(from, from + WRITES_PER_TURN)) w();
        if (last) q.state.run(reportId, hash, now, version);
      })();
    }
    db.wrote();
    // Committed: the stored rows are now the wanted ones.
    remember(snaps, reportId, { hash, stored: { items: d.items, search: d.kept } });
    updates.sqlite();
    return true;
  }
  // PostgreSQL. Usually one round trip: a diff against the rows as this process last wrote them, written in one
  // statement guarded by the revision it left. Another process's write in between makes the guard fail: nothing is
  // written, and false says to resolve the projects afresh and call again. Without such rows, five round trips
  // (begin, lock, read, the same statement, commit).
  const cache = pgSnapshotsOf(db);
  const known = cache.get(reportId);
  cache.delete(reportId); // until a write commits
  const write = (k: Kysely<Tables>, stored: PgSnapshot, guard: number | null) =>
    pgWrite(db, k, place, rows, diff(stored.stored, rows, search), hash, now, version, guard, (when) => updates.pg(stored.updates, when));
  if (known) {
    const done = await write(db.k, known, known.rev);
    if (!done) return false;
    remember(cache, reportId, done);
    return true;
  }
  const done = await db.k.transaction().execute(async (tx) => {
    // Several server processes (scale-out) may index one report at once: its state row, locked, makes them take turns.
    // A new report's row is inserted here; a concurrent inserter waits on it as on a lock.
    await sql`with ensure as (insert into item_state (report_id, hash, indexed_at) values (${reportId}, '', ${now}) on conflict (report_id) do nothing)
      select 1 from item_state where report_id = ${reportId} for update`.execute(tx);
    // After the lock (its own statement, so its snapshot shows what the previous holder committed).
    const read = await sql<{ items: StoredItem[]; search: StoredSearch[]; updates: ItemUpdateRow[] }>`select
      (select coalesce(json_agg(json_build_object('kind', kind, 'position', position, 'json', json, 'project_id', project_id)), '[]'::json)
         from item where report_id = ${reportId}) as items,
      (select coalesce(json_agg(json_build_object('id', id, 'position', position, 'kind', kind, 'block_id', block_id, 'project', project,
         'progress', progress, 'text', text, 'project_id', project_id)), '[]'::json) from search_row where report_id = ${reportId}) as search,
      (select coalesce(json_agg(json_build_object('block_id', block_id, 'seen', seen, 'baseline', baseline)), '[]'::json)
         from item_update where report_id = ${reportId}) as updates`.execute(tx);
    const r = read.rows[0];
    return write(tx, { rev: 0, hash: '', stored: storedOf(r.items, r.search.map((x) => ({ ...x, id: Number(x.id) }))), updates: r.updates, aliases: new Map() }, null);
  });
  if (!done) throw new Error(`indexing ${reportId}: its state row is gone`);
  remember(cache, reportId, done);
  return true;
}

/**
 * The hash of the rows this process last wrote for a report while it still holds them, else undefined. Another
 * process (PostgreSQL) may have written since: a write diffed against them is guarded (replaceReportItems), and
 * "unchanged" is only ever decided against the stored hash (indexedState).
 */
export function lastWrittenHash(db: Db, reportId: string): string | undefined {
  return (db.sqlite ? snapshotsOf(db) : pgSnapshotsOf(db)).get(reportId)?.hash;
}

/** Keeps a report's rows as written, the oldest report's dropped past SNAPSHOTS. */
function remember<T>(cache: Map<string, T>, reportId: string, snapshot: T) {
  cache.set(reportId, snapshot);
  if (cache.size > SNAPSHOTS) cache.delete(cache.keys().next().value!);
}

/**
 * PostgreSQL: the projects the names of a report's items resolved to when this process last wrote its rows (name
 * key → project key), or null. Aliases change only by merges and splits, which move every report's revision on, so
 * they hold while those rows do: a write that used them and finds the revision moved writes nothing
 * (replaceReportItems returns false).
 */
export function lastAliases(db: Db, reportId: string): Map<string, string> | null {
  if (db.sqlite) return null;
  const known = pgSnapshotsOf(db).get(reportId);
  return known ? new Map(known.aliases) : null;
}

/**
 * PostgreSQL: one report's writes in one statement — items deleted and upserted, search rows deleted, moved and
 * inserted, the rhythm's item updates (`updateCtes`), the state row with the next revision — each done only when the
 * state row's update matched: with `guard`, only if its revision is still that. Returns the rows as now stored, or
 * null when the guard failed (nothing written).
 */
async function pgWrite(db: Db, k: Kysely<Tables>, place: ReportPlace, rows: ItemRow[], d: ReturnType<typeof diff>, hash: string, now: string, version: number, guard: number | null,
  updateCtes: (when: RawBuilder<unknown>) => { ctes: RawBuilder<unknown>; after: ItemUpdateRow[] }): Promise<PgSnapshot | null> {
  const { reportId } = place;
  // Replaced items are written over (upsert), so no key is deleted and inserted in one statement. Search rows are
  // deleted and moved within the report's (its index), not by id alone: the planner takes a list of ids for a
  // hundred rows and scans the whole table (3–7 ms on a year's space).
  const put = new Set(d.itemPuts.map(itemKey));
  const itemDeletes = d.itemDeletes.filter((x) => !put.has(itemKey(x)));
  const json = JSON.stringify;
  const when = sql`exists (select 1 from state)`;
  const updates = updateCtes(when);
  const query = sql<{ rev: string | null; ids: [string, number][] }>`with
    state as (update item_state set hash = ${hash}, indexed_at = ${now}, doc_version = ${version}, rev = rev + 1
      where report_id = ${reportId} ${guard === null ? sql`` : sql`and rev = ${guard}`} returning rev),
    del_items as (delete from item where ${when} and report_id = ${reportId}
      and (kind, position) in (select kind, position from jsonb_to_recordset(${json(itemDeletes)}::jsonb) as x(kind text, position integer))),
    put_items as (insert into item (${sql.raw(COLUMNS.join(', '))})
      select ${sql.raw(COLUMNS.join(', '))} from jsonb_populate_recordset(null::item, ${json(d.itemPuts)}::jsonb) where ${when}
      on conflict (report_id, kind, position) do update set ${sql.raw(ITEM_UPDATES)}),
    del_search as (delete from search_row where ${when} and report_id = ${reportId} and id = any(${d.searchDeletes}::bigint[])),
    move_search as (update search_row s set position = m.position
      from unnest(${d.searchMoves.map((m) => m.id)}::bigint[], ${d.searchMoves.map((m) => m.position)}::integer[]) as m(id, position)
      where ${when} and s.report_id = ${reportId} and s.id = m.id),
    ins_search as (insert into search_row (${sql.raw(SEARCH_COLUMNS.join(', '))})
      select ${sql.raw(SEARCH_COLUMNS.join(', '))} from jsonb_populate_recordset(null::search_row, ${json(d.searchInserts.map((x) => withGrams(x.row)))}::jsonb)
      where ${when} returning id, position),
    ${updates.ctes}
    select (select rev from state) as rev,
      (select coalesce(json_agg(json_build_array(id, position)), '[]'::json) from ins_search) as ids`;
  // Outside a transaction (the usual run) a prepared statement: parsed and planned once per connection.
  const [r] = k === db.k ? await preparedQuery(db, guard === null ? 'index_write' : 'index_write_guarded', query) : (await query.execute(k)).rows;
  if (r.rev === null) return null;
  const idAt = new Map(r.ids.map(([id, position]) => [position, Number(id)]));
  const search = [...d.kept, ...d.searchInserts.map((x) => ({ id: idAt.get(x.row.position)!, position: x.row.position, sig: x.sig }))];
  const aliases = new Map(rows.filter((x) => x.project_key && x.project_id).map((x) => [x.project_key!, x.project_id!]));
  return { rev: Number(r.rev), hash, stored: { items: d.items, search }, updates: updates.after, aliases };
}

/**
 * The rhythm's item updates, written with a report's rows (domain/itemUpdates.ts): on SQLite after the rows'
 * transaction, as statements of their own; on PostgreSQL as parts of the rows' one statement, given the report's
 * item_update rows as stored and the condition each write is under, with the rows as they will be.
 */
export interface ItemUpdateWrites {
  sqlite(): void;
  pg(stored: ItemUpdateRow[], when: RawBuilder<unknown>): { ctes: RawBuilder<unknown>; after: ItemUpdateRow[] };
}

/** PostgreSQL: a report's rows as this process last wrote them, valid while its state row's revision is `rev`. */
interface PgSnapshot { rev: number; hash: string; stored: Stored; updates: ItemUpdateRow[]; aliases: Map<string, string> }
const pgSnapshotsOf = perDb((): Map<string, PgSnapshot> => new Map());

type StoredItem = { kind: string; position: number; json: string; project_id: string | null };
type StoredSearch = { id: number | string; position: number; kind: string; block_id: string | null; project: string | null; progress: number | null; text: string; project_id: string | null };
const SEARCH_COLUMNS = ['report_id', 'space_id', 'week', 'kind', 'position', 'block_id', 'project', 'progress', 'text', 'grams', 'project_id'] as const;
const ITEM_UPDATES = COLUMNS.filter((c) => !['report_id', 'kind', 'position'].includes(c)).map((c) => `${c} = excluded.${c}`).join(', ');

/** A report's rows in document order per kind. */
export async function readReportItems(db: Db, reportId: string) {
  return db.k.selectFrom('item').select(['kind', 'position', 'json', 'project_id']).where('report_id', '=', reportId).orderBy('kind').orderBy('position').execute();
}

const sqliteStatements = perSqlite(function prepare(db: Db) {
  const s = db.sqlite!;
  return {
    hash: s.prepare('select hash, doc_version from item_state where report_id = ?'),
    version: s.prepare('update item_state set doc_version = ? where report_id = ? and (doc_version is null or doc_version < ?)'),
    storedItems: s.prepare('select kind, position, json, project_id from item where report_id = ?'),
    storedSearch: s.prepare('select id, position, kind, block_id, project, progress, text, project_id from search_row where report_id = ?'),
    delItem: s.prepare('delete from item where report_id = ? and kind = ? and position = ?'),
    delSearchRow: s.prepare('delete from search_row where id = ?'),
    moveSearchRow: s.prepare('update search_row set position = ? where id = ?'),
    insertSearch: s.prepare(`insert into search_row (report_id, space_id, week, kind, position, block_id, project, progress, text, grams, project_id)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insert: s.prepare(`insert into item (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`),
    state: s.prepare(`insert into item_state (report_id, hash, indexed_at, doc_version) values (?, ?, ?, ?)
      on conflict (report_id) do update set hash = excluded.hash, indexed_at = excluded.indexed_at, doc_version = excluded.doc_version`),
  };
});
