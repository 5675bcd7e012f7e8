import * as Y from 'yjs';
import type { Db } from '../db/client.js';
import { logger } from '../log.js';
import type { Room } from '../sync/room.js';
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

  onStored(room: Room) {
    const authors = this.authors.get(room.id) ?? new Set<string>();
    for (const p of room.peers) if (!p.readOnly) authors.add(p.userId);
    this.authors.set(room.id, authors);
    if (this.busy.has(room.id)) return;
    this.busy.add(room.id);
    this.maybeSnapshot(room)
      .catch((e) => log.warn('auto snapshot failed', { report: room.id, error: String(e) }))
      .finally(() => this.busy.delete(room.id));
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

  private async maybeSnapshot(room: Room) {
    if (!this.last.has(room.id)) {
      const at = await lastSnapshotAt(this.db, room.id);
      this.last.set(room.id, at ? Date.parse(at) : 0);
    }
    if (Date.now() - this.last.get(room.id)! < this.intervalMs) return;
    // The room may have been released while we looked; its doc is then destroyed, and the next edit retries.
    if (room.doc.isDestroyed) return;
    await takeSnapshot(this.db, room.id, Y.encodeStateAsUpdate(room.doc), 'auto', this.takeAuthors(room.id));
    this.noteSnapshot(room.id);
    log.debug('auto snapshot', { report: room.id });
  }
}
