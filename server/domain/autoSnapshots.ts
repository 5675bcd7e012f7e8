import type { Db } from '../db/client.js';
import { logger } from '../log.js';
import type { StoredEvent } from '../sync/room.js';
import { lastSnapshotAt, takeSnapshot } from './history.js';

const log = logger('history');

/** At most one automatic snapshot per report per this interval. */
export const AUTO_SNAPSHOT_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Automatic version history while a report is edited: hooked to RoomHooks.onStored, it remembers who edited
 * (the writers connected when edits were stored) and takes a snapshot when the report's last one is older
 * than the interval (or it has none).
 */
export class AutoSnapshots {
  private last = new Map<string, number>();
  private authors = new Map<string, Set<string>>();
  private busy = new Set<string>();

  constructor(private readonly db: Db, private readonly intervalMs = AUTO_SNAPSHOT_INTERVAL_MS) {}

  onStored(e: StoredEvent) {
    const authors = this.authors.get(e.reportId) ?? new Set<string>();
    for (const w of e.writers) authors.add(w);
    this.authors.set(e.reportId, authors);
    if (this.busy.has(e.reportId)) return;
    this.busy.add(e.reportId);
    this.maybeSnapshot(e)
      .catch((err) => log.warn('auto snapshot failed', { report: e.reportId, error: String(err) }))
      .finally(() => this.busy.delete(e.reportId));
  }

  /** Authors collected since the last snapshot, handed over (for snapshots taken elsewhere, e.g. next week). */
  takeAuthors(reportId: string): string[] {
    const list = [...(this.authors.get(reportId) ?? [])];
    this.authors.delete(reportId);
    return list;
  }

  /** Another snapshot was just taken (next week, restore): the interval counts from it. */
  noteSnapshot(reportId: string) {
    this.last.set(reportId, Date.now());
  }

  private async maybeSnapshot(e: StoredEvent) {
    if (!this.last.has(e.reportId)) {
      const at = await lastSnapshotAt(this.db, e.reportId);
      this.last.set(e.reportId, at ? Date.parse(at) : 0);
    }
    if (Date.now() - this.last.get(e.reportId)! < this.intervalMs) return;
    // The room may have been released while we looked; then there is no state, and the next edit retries.
    const state = e.readState();
    if (!state) return;
    await takeSnapshot(this.db, e.reportId, state, 'auto', this.takeAuthors(e.reportId));
    this.noteSnapshot(e.reportId);
    log.debug('auto snapshot', { report: e.reportId });
  }
}
