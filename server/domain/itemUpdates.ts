import { sql, type RawBuilder } from 'kysely';
import { itemBlocks, type ReportItems } from '../../shared/blocks/index.js';
import { perSqlite, type Db } from '../db/client.js';

/**
 * Which items of a report were updated this week (issue 15). Each indexing run compares every item's fingerprint —
 * its fields and text, without its identity (blockId, fromId, projectKey) or its owners — with the one seen last; a
 * change is put down to the person whose edit the run follows, now. The first run after the report was started
 * (created, imported, or started from last week's) records each item's fingerprint as its baseline: carried values
 * do not count as an update; an item added later has no baseline and counts as updated.
 *
 * A report's start is a row with block_id '' (kind `start`): `seen` is '' until its baseline run has happened.
 */

const START = '';

/** What an item is, for "did it change": everything but its identity and its owners. */
export function fingerprint(item: object): string {
  const { blockId: _b, fromId: _f, projectKey: _p, owners: _o, owner: _w, ...rest } = item as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** Every item of a report with a blockId: its kind and fingerprint. */
export function itemPrints(items: ReportItems): Map<string, { kind: string; print: string }> {
  const out = new Map<string, { kind: string; print: string }>();
  const lists = items as unknown as Record<string, { blockId: string }[]>;
  for (const b of itemBlocks) for (const item of lists[b.items.key] ?? []) if (item.blockId) out.set(item.blockId, { kind: b.items.kind, print: fingerprint(item) });
  return out;
}

/** A new report: its next indexing run records the baseline. */
export async function markReportStarted(db: Db, reportId: string) {
  if (db.sqlite) seenOf(db).delete(reportId);
  await db.k.insertInto('item_update').values({ report_id: reportId, block_id: START, kind: 'start', baseline: null, seen: '', updated_by: null, updated_at: null })
    .onConflict((oc) => oc.columns(['report_id', 'block_id']).doNothing()).execute();
}

/**
 * SQLite, after a report was indexed: records which items changed, by `writer` (null for server changes) at `at`.
 * Items gone from the report keep their row (so a change of mind that brings one back is not news) — the report's
 * items decide what is listed. On PostgreSQL the same writes go into the indexer's one statement (itemUpdateCtes).
 */
export function recordItemUpdates(db: Db, reportId: string, items: ReportItems, writer: string | null, at = new Date().toISOString()) {
  // One select, writes only for items whose fingerprint moved, synchronously (an async Kysely transaction on the
  // shared connection could take in the sync path's appends). Nothing changed: nothing is written.
  // The rows as this process last wrote them, when it did (only this module writes them; one process owns SQLite).
  const q = sqliteStatements(db);
  const cache = seenOf(db);
  const rows = cache.get(reportId);
  cache.delete(reportId); // until this transaction commits
  const w = db.sqlite!.transaction(() => {
    const w = updateWrites(rows ?? (q.rows.all(reportId) as ItemUpdateRow[]), itemPrints(items), writer, at);
    if (w.start) q.start.run(reportId, START, at);
    for (const r of w.inserts) q.insert.run(reportId, r.blockId, r.kind, r.baseline, r.seen, r.updatedBy, r.updatedAt);
    for (const r of w.updates) q.update.run(r.seen, writer, at, reportId, r.blockId);
    return w;
  })();
  cache.set(reportId, rowsAfter(w, at));
  if (cache.size > SEEN_REPORTS) cache.delete(cache.keys().next().value!);
}

/**
 * PostgreSQL: the item-update writes of one indexing run, as parts of the indexer's one write statement
 * (search/itemStore.ts) given the report's rows as stored: the start row, new items' rows and the items whose
 * fingerprint moved, each written only `when` the statement's guard holds. Also the report's rows after them.
 */
export function itemUpdateCtes(reportId: string, items: ReportItems, writer: string | null, at: string, stored: ItemUpdateRow[], when: RawBuilder<unknown>) {
  const w = updateWrites(stored, itemPrints(items), writer, at);
  const json = JSON.stringify;
  const ctes = sql`start_row as (insert into item_update (report_id, block_id, kind, baseline, seen, updated_by, updated_at)
      select ${reportId}, ${START}, 'start', null, ${at}, null, null where ${w.start} and ${when}
      on conflict (report_id, block_id) do update set seen = excluded.seen),
    new_rows as (insert into item_update (report_id, block_id, kind, baseline, seen, updated_by, updated_at)
      select ${reportId}, x.block_id, x.kind, x.baseline, x.seen, x.updated_by, x.updated_at
      from jsonb_to_recordset(${json(w.inserts.map((r) => ({ block_id: r.blockId, kind: r.kind, baseline: r.baseline, seen: r.seen, updated_by: r.updatedBy, updated_at: r.updatedAt })))}::jsonb)
        as x(block_id text, kind text, baseline text, seen text, updated_by text, updated_at text)
      where ${when}
      on conflict (report_id, block_id) do nothing),
    moved_rows as (update item_update u set seen = x.seen, updated_by = ${writer}, updated_at = ${at}
      from jsonb_to_recordset(${json(w.updates.map((r) => ({ block_id: r.blockId, seen: r.seen })))}::jsonb) as x(block_id text, seen text)
      where ${when} and u.report_id = ${reportId} and u.block_id = x.block_id)`;
  return { ctes, after: rowsAfter(w, at) };
}

/** A report's item_update rows after one run's writes. */
function rowsAfter(w: ReturnType<typeof updateWrites>, at: string): ItemUpdateRow[] {
  const next = new Map(w.known);
  if (w.start) next.set(START, { block_id: START, seen: at, baseline: null });
  for (const r of w.inserts) next.set(r.blockId, { block_id: r.blockId, seen: r.seen, baseline: r.baseline });
  for (const r of w.updates) next.set(r.blockId, { ...next.get(r.blockId)!, seen: r.seen });
  return [...next.values()];
}

/** A report's item_update row as recordItemUpdates reads it. */
export type ItemUpdateRow = { block_id: string; seen: string; baseline: string | null };
interface NewRow { blockId: string; kind: string; baseline: string | null; seen: string; updatedBy: string | null; updatedAt: string | null }

/** What one run writes: the start row (baseline run), rows of items new to the report, and items whose fingerprint moved. */
function updateWrites(rows: ItemUpdateRow[], prints: Map<string, { kind: string; print: string }>, writer: string | null, at: string) {
  const known = new Map(rows.map((r) => [r.block_id, r]));
  const start = known.get(START);
  // Reports from before this was tracked have no start row: their first run is their baseline too.
  const isBaseline = !start || start.seen === '';
  const inserts: NewRow[] = [];
  const updates: { blockId: string; seen: string }[] = [];
  for (const [blockId, { kind, print }] of prints) {
    const row = known.get(blockId);
    if (!row) inserts.push({ blockId, kind, baseline: isBaseline ? print : null, seen: print, updatedBy: isBaseline ? null : writer, updatedAt: isBaseline ? null : at });
    else if (row.seen !== print) updates.push({ blockId, seen: print });
  }
  return { start: isBaseline, inserts, updates, known };
}

/** Per report, its item_update rows as last written by this process (SQLite). */
const seenOf = perSqlite((): Map<string, ItemUpdateRow[]> => new Map());
const SEEN_REPORTS = 500;

const sqliteStatements = perSqlite(function prepare(db: Db) {
  const s = db.sqlite!;
  return {
    rows: s.prepare('select block_id, seen, baseline from item_update where report_id = ?'),
    start: s.prepare(`insert into item_update (report_id, block_id, kind, baseline, seen, updated_by, updated_at) values (?, ?, 'start', null, ?, null, null)
      on conflict (report_id, block_id) do update set seen = excluded.seen`),
    insert: s.prepare(`insert into item_update (report_id, block_id, kind, baseline, seen, updated_by, updated_at) values (?, ?, ?, ?, ?, ?, ?)
      on conflict (report_id, block_id) do nothing`),
    update: s.prepare('update item_update set seen = ?, updated_by = ?, updated_at = ? where report_id = ? and block_id = ?'),
  };
});

export interface ItemUpdate { blockId: string; kind: string; updated: boolean; updatedBy: string | null; updatedAt: string | null }

/** Per item of the report now: updated since the report was started (its fingerprint is not its baseline), by whom, when. */
export async function itemUpdates(db: Db, reportId: string, items: ReportItems): Promise<Map<string, ItemUpdate>> {
  const rows = await db.k.selectFrom('item_update').select(['block_id', 'kind', 'baseline', 'updated_by', 'updated_at']).where('report_id', '=', reportId).execute();
  const byId = new Map(rows.map((r) => [r.block_id, r]));
  const out = new Map<string, ItemUpdate>();
  for (const [blockId, { kind, print }] of itemPrints(items)) {
    const r = byId.get(blockId);
    const updated = r ? r.baseline !== print : false;
    out.set(blockId, { blockId, kind, updated, updatedBy: updated ? r?.updated_by ?? null : null, updatedAt: updated ? r?.updated_at ?? null : null });
  }
  return out;
}

/**
 * Items of a report nobody has changed since it was started (their fingerprint is still the baseline): in a week
 * made with "Start next week", what they say is last week's — not a statement of this week's.
 */
export async function untouchedItems(db: Db, reportId: string): Promise<Set<string>> {
  const rows = await db.k.selectFrom('item_update').select(['block_id', 'baseline', 'seen']).where('report_id', '=', reportId).execute();
  return new Set(rows.filter((u) => u.baseline !== null && u.baseline === u.seen).map((u) => u.block_id));
}
