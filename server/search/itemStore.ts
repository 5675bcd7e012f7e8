import type { Db } from '../db/client.js';
import type { ItemRow } from '../db/schema.js';
import type { ReportPlace } from './itemRows.js';
import { gramsOf, type SearchPiece } from './searchRows.js';

const COLUMNS = [
  'report_id', 'space_id', 'week', 'kind', 'position', 'block_id', 'objective', 'project', 'project_key', 'text',
  'progress', 'due', 'status', 'owner', 'from_id', 'name', 'name_key', 'value', 'unit', 'target',
  'start_at', 'end_at', 'duration_minutes', 'severity', 'review', 'json',
] as const satisfies readonly (keyof ItemRow)[];

/** The hash of what is indexed for a report now, or null if it never was. */
export async function indexedHash(db: Db, reportId: string): Promise<string | null> {
  if (db.sqlite) return (sqliteStatements(db).hash.get(reportId) as { hash: string } | undefined)?.hash ?? null;
  const row = await db.k.selectFrom('item_state').select('hash').where('report_id', '=', reportId).executeTakeFirst();
  return row?.hash ?? null;
}

/**
 * Replaces one report's item rows and search rows in one transaction, touching no other report. On SQLite the write is synchronous
 * (raw statements): an async Kysely transaction on the shared connection could swallow the sync path's appends.
 */
export async function replaceReportItems(db: Db, place: ReportPlace, rows: ItemRow[], pieces: SearchPiece[], hash: string) {
  const { reportId } = place;
  const now = new Date().toISOString();
  const search = pieces.map((x, position) => ({
    report_id: reportId, space_id: place.spaceId, week: place.week, kind: x.kind, position,
    block_id: x.blockId, project: x.project, progress: x.progress, text: x.text, grams: gramsOf(x.text),
  }));
  if (db.sqlite) {
    const q = sqliteStatements(db);
    db.sqlite.transaction(() => {
      q.del.run(reportId);
      for (const r of rows) q.insert.run(...COLUMNS.map((c) => r[c]));
      q.delSearch.run(reportId);
      for (const r of search) q.insertSearch.run(r.report_id, r.space_id, r.week, r.kind, r.position, r.block_id, r.project, r.progress, r.text, r.grams);
      q.state.run(reportId, hash, now);
    })();
    return;
  }
  await db.k.transaction().execute(async (tx) => {
    await tx.deleteFrom('item').where('report_id', '=', reportId).execute();
    if (rows.length > 0) await tx.insertInto('item').values(rows).execute();
    await tx.deleteFrom('search_row').where('report_id', '=', reportId).execute();
    if (search.length > 0) await tx.insertInto('search_row').values(search).execute();
    await tx.insertInto('item_state').values({ report_id: reportId, hash, indexed_at: now })
      .onConflict((oc) => oc.column('report_id').doUpdateSet({ hash, indexed_at: now })).execute();
  });
}

/** A report's rows in document order per kind. */
export async function readReportItems(db: Db, reportId: string) {
  return db.k.selectFrom('item').select(['kind', 'position', 'json']).where('report_id', '=', reportId).orderBy('kind').orderBy('position').execute();
}

const prepared = new WeakMap<object, ReturnType<typeof prepare>>();
function sqliteStatements(db: Db) {
  let q = prepared.get(db.sqlite!);
  if (!q) prepared.set(db.sqlite!, (q = prepare(db)));
  return q;
}
function prepare(db: Db) {
  const s = db.sqlite!;
  return {
    hash: s.prepare('select hash from item_state where report_id = ?'),
    del: s.prepare('delete from item where report_id = ?'),
    delSearch: s.prepare('delete from search_row where report_id = ?'),
    insertSearch: s.prepare(`insert into search_row (report_id, space_id, week, kind, position, block_id, project, progress, text, grams)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insert: s.prepare(`insert into item (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`),
    state: s.prepare(`insert into item_state (report_id, hash, indexed_at) values (?, ?, ?)
      on conflict (report_id) do update set hash = excluded.hash, indexed_at = excluded.indexed_at`),
  };
}
