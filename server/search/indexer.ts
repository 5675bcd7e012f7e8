import crypto from 'node:crypto';
import { extractItems } from '../../shared/extract.js';
import type { DocNode, ReportItems } from '../../shared/blocks/types.js';
import { debounceByKey } from '../../shared/debounce.js';
import { parseWeek } from '../../shared/week.js';
import type { Db } from '../db/client.js';
import type { DocStore } from '../db/docStore.js';
import { docJsonInTurns, storedDocJson } from '../domain/docJson.js';
import { logger } from '../log.js';
import { nextTurn } from '../nextTurn.js';
import type { Rooms } from '../sync/rooms.js';
import { resolveProjects } from '../rollups/projects.js';
import { itemUpdateCtes, recordItemUpdates } from '../domain/itemUpdates.js';
import { indexedHash, indexedState, lastAliases, lastWrittenHash, recordIndexedVersion, replaceReportItems, type ItemUpdateWrites } from './itemStore.js';
import { reportsBehind, versionAndIndexed } from './catchUp.js';
import { itemRows, type ReportPlace } from './itemRows.js';
import { searchPieces } from './searchRows.js';

const log = logger('indexer');

/** Whether any string of a document's JSON (keys included) holds a NUL character. */
function hasNul(v: unknown): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (Array.isArray(v)) return v.some(hasNul);
  if (v && typeof v === 'object') {
    for (const k in v) if (k.includes('\u0000') || hasNul((v as Record<string, unknown>)[k])) return true;
  }
  return false;
}

/** The document's JSON without NUL characters in its strings (keys included): a copy only when it holds one. */
function withoutNul(v: unknown): unknown {
  return hasNul(v) ? copyWithoutNul(v) : v;
}
function copyWithoutNul(v: unknown): unknown {
  if (typeof v === 'string') return v.includes('\u0000') ? v.replaceAll('\u0000', '') : v;
  if (Array.isArray(v)) return v.map(copyWithoutNul);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [copyWithoutNul(k), copyWithoutNul(x)]));
  return v;
}

/**
 * Debounce: index half a second after the last change, and at least every 5 s while changes keep coming (an edit is
 * searchable within a second, issue 17; a run whose items did not change writes nothing).
 */
const QUIET_MS = 500;
/** Past this many top-level blocks a run lets the event loop turn between its steps (a real report has ~100). */
const HUGE_BLOCKS = 2000;
const MAX_WAIT_MS = 5000;

/** What one indexing run did (for tests and the bench). */
export interface IndexResult { reportId: string; changed: boolean; items: ReportItems | null }

/**
 * Keeps the item tables in step with the documents. `changed(reportId)` is called after every durable write
 * (RoomHooks.onStored) and debounced per report; `indexNow` indexes at once (import, next week). Runs for one
 * report never overlap; a run whose extracted items hash the same as what is stored writes nothing. Each run records
 * the stored document's version it read (search/catchUp.ts); `catchUp()` at start re-indexes the reports a killed
 * process stored edits to but never indexed.
 */
export class Indexer {
  private chains = new Map<string, Promise<IndexResult | null>>();
  private places = new Map<string, ReportPlace>();
  /** Per report, who made the latest edit not yet indexed: an item that changed in the run is put down to them. */
  private writers = new Map<string, string>();
  /** Reports with a change stored here that no run has read yet. */
  private stale = new Set<string>();
  private readonly debounced = debounceByKey((id) => { this.enqueue(id).catch(() => {}); }, QUIET_MS, MAX_WAIT_MS);
  /** The start-up catch-up under way, if any; `closing` stops it between reports. */
  private catchingUp: Promise<unknown> = Promise.resolve();
  private closing = false;

  /** `onIndexed`: a run for the report finished, covering every change stored before `startedAt` (indexing-lag metric). */
  constructor(private readonly db: Db, private readonly store: DocStore, private readonly rooms: Rooms | null, private readonly onIndexed?: (reportId: string, startedAt: number) => void) {}

  /** A report's document changed (durably), by `writers` (none for server changes): index it soon. */
  changed(reportId: string, writers: readonly string[] = []) {
    if (writers.length) this.writers.set(reportId, writers[writers.length - 1]);
    this.stale.add(reportId);
    this.debounced(reportId);
  }

  /**
   * Brings the report's rows up to every change stored by this process: indexes now when a change is waiting for its
   * debounce (or waits for the run under way); does nothing when the rows are current (the weekly-rhythm reads).
   */
  async current(reportId: string): Promise<void> {
    if (this.stale.has(reportId)) await this.indexNow(reportId);
    else if (this.chains.has(reportId)) await this.chains.get(reportId);
    else if ((await indexedHash(this.db, reportId)) === null) await this.indexNow(reportId);
  }

  /** Indexes the report now (after any run already under way for it); rejects if indexing fails. */
  async indexNow(reportId: string): Promise<IndexResult | null> {
    return this.enqueue(reportId);
  }

  /** Runs every pending debounced index and waits for all runs. */
  async flush() {
    this.debounced.flush();
    while (this.chains.size > 0) await Promise.allSettled([...this.chains.values()]);
  }

  /** On shutdown: stops the catch-up after the report it is on, then flushes. */
  async close() {
    this.closing = true;
    await this.catchingUp;
    await this.flush();
  }

  /**
   * At start, in the background: re-indexes every report whose stored document is newer than what its rows were
   * indexed from, or that has a document and no rows (search/catchUp.ts) — edits a killed process stored but never
   * indexed. One report at a time (each loads its document), never-indexed ones first; all are marked stale at once, so
   * `current()` (the weekly-rhythm reads) indexes one it asks about without waiting its turn. A change found this way
   * is put down to nobody (who made it died with the process that knew). On PostgreSQL every process does this when it
   * starts; runs for one report take turns on its item_state row. Resolves with the number of reports it found.
   */
  catchUp(): Promise<number> {
    const work = (async () => {
      const t0 = performance.now();
      const ids = await reportsBehind(this.db);
      const scanMs = performance.now() - t0;
      if (ids.length === 0) {
        log.debug('no report behind its document', { scanMs: Math.round(scanMs * 10) / 10 });
        return 0;
      }
      for (const id of ids) this.stale.add(id);
      let done = 0;
      for (const id of ids) {
        if (this.closing) break;
        await this.enqueue(id, true).then(() => done++, () => {});
      }
      log.info('re-indexed reports behind their stored documents', { found: ids.length, done, scanMs: Math.round(scanMs * 10) / 10, ms: Math.round(performance.now() - t0) });
      return ids.length;
    })();
    this.catchingUp = work.catch(() => {});
    return work;
  }

  /** `recordVersion`: a run whose rows need no change still records the document version it read (catch-up). */
  private enqueue(reportId: string, recordVersion = false): Promise<IndexResult | null> {
    const prev = this.chains.get(reportId) ?? Promise.resolve(null);
    const next = prev.catch(() => null).then(async () => {
      const startedAt = Date.now();
      const result = await this.run(reportId, recordVersion);
      this.onIndexed?.(reportId, startedAt);
      return result;
    });
    this.chains.set(reportId, next);
    const done = () => { if (this.chains.get(reportId) === next) this.chains.delete(reportId); };
    next.then(done, (e) => {
      done();
      log.error('index failed', { report: reportId, error: String(e?.stack ?? e) });
    });
    return next;
  }

  private async run(reportId: string, recordVersion: boolean): Promise<IndexResult | null> {
    const place = await this.place(reportId);
    if (!place) return null; // the report is gone
    const writer = this.writers.get(reportId) ?? null;
    this.writers.delete(reportId);
    this.stale.delete(reportId);
    // This run reads every change stored so far: a debounced run still pending for them would redo it for nothing.
    this.debounced.drop(reportId);
    // Which stored version the rows will come from, taken before the document is read: an append in between can only
    // make the document read newer than the version recorded (re-indexed once more after a crash), never older.
    // An open room knows the version of what it stored, and the rows this process last wrote are remembered: then
    // an edit's run writes without reading first (its write is guarded by the revision those rows left). Otherwise
    // the version and what is indexed now: one read.
    const room = this.rooms ? await this.rooms.peek(reportId) : null;
    const written = room ? lastWrittenHash(this.db, reportId) : undefined;
    let state: { hash: string; version: number } | null | undefined;
    let version: number;
    if (room && written !== undefined) version = room.storedVersion;
    else ({ version, indexed: state } = await versionAndIndexed(this.db, reportId));
    // Every string the document holds reaches a row: a NUL (an editor may type or send one) is dropped first, as
    // PostgreSQL's text refuses it — the run failed, leaving the report's items stale and its status/changes a 500.
    const json = withoutNul(room ? await docJsonInTurns(room.doc) : await storedDocJson(this.store, reportId)) as DocNode;
    // A huge report (a 2 MB import) takes seconds from here to its rows: the event loop is served between the steps.
    const huge = (json.content?.length ?? 0) > HUGE_BLOCKS;
    if (huge) await nextTurn();
    const year = parseWeek(place.week)?.year ?? new Date().getFullYear();
    const items = extractItems(json, year);
    const pieces = searchPieces(json, items);
    if (huge) await nextTurn();
    const rows = itemRows(place, items);
    // The rows already hold each item as JSON: hash those and the search pieces, in order.
    let text = '';
    for (const r of rows) text += `${r.kind}\0${r.json}\0`;
    for (const p of pieces) text += `${p.kind}\0${p.blockId}\0${p.project}\0${p.progress}\0${p.text}\0`;
    const hash = crypto.createHash('sha1').update(text).digest('base64url');
    // Without the read, the rows look unchanged only against what this process wrote: the stored hash decides.
    if (state === undefined && hash === written) state = await indexedState(this.db, reportId);
    if (state?.hash === hash) {
      // Nothing to write. A later edit makes the version move on anyway; only the catch-up records it here, so that
      // a report whose last edits changed no row is re-indexed at most once after a restart.
      if (recordVersion && state.version < version) await recordIndexedVersion(this.db, reportId, version);
      return { reportId, changed: false, items };
    }
    // Each item that names a project: the space's project it is (its name's, or its key's), created when new; on
    // PostgreSQL first from what the report's names resolved to when this process last wrote its rows.
    await resolveProjects(this.db, place.spaceId, rows, lastAliases(this.db, reportId));
    // With the rows, the weekly rhythm: which items changed since the report was started, and by whom
    // (domain/itemUpdates.ts); on PostgreSQL in the rows' one statement.
    const at = new Date().toISOString();
    const updates: ItemUpdateWrites = {
      sqlite: () => recordItemUpdates(this.db, reportId, items, writer, at),
      pg: (stored, when) => itemUpdateCtes(reportId, items, writer, at, stored, when),
    };
    if (!(await replaceReportItems(this.db, place, rows, pieces, hash, version, updates))) {
      // Another process wrote the report's rows since this one did (PostgreSQL): resolve afresh, write under the lock.
      await resolveProjects(this.db, place.spaceId, rows);
      await replaceReportItems(this.db, place, rows, pieces, hash, version, updates);
    }
    log.debug('indexed', { report: reportId, ...Object.fromEntries(Object.entries(items).map(([k, v]) => [k, v.length])) });
    return { reportId, changed: true, items };
  }

  private async place(reportId: string): Promise<ReportPlace | null> {
    const known = this.places.get(reportId);
    if (known) return known;
    const row = await this.db.k.selectFrom('report').select(['space_id', 'week']).where('id', '=', reportId).executeTakeFirst();
    if (!row) return null;
    const place = { reportId, spaceId: row.space_id, week: row.week };
    this.places.set(reportId, place); // a report's space and week never change
    return place;
  }
}

