/**
 * The one loop that applies a stored document (snapshot + log) to a Y.Doc, robustly. Pure (no logger, no database),
 * so a worker thread runs the same code (server/workers/docWorker.ts); docLog.ts logs what it reports.
 */
import * as Y from 'yjs';

/** An entry of the log that could not be applied and was set aside, or structs that waited on ones that never came. */
export type LogProblem =
  | { kind: 'setAside'; index: number; bytes: number; error: string; base64: string }
  | { kind: 'pendingDropped' };

/**
 * Applies `snapshot` and `updates` to `doc`, setting aside any update that cannot be applied and dropping whatever is
 * left waiting on structs or deletes that never came: one bad entry must not keep a report from opening, nor hold
 * back the edits after it.
 */
export function applyLog(doc: Y.Doc, snapshot: Uint8Array | null, updates: Uint8Array[]): LogProblem[] {
  const problems: LogProblem[] = [];
  const all = snapshot ? [snapshot, ...updates] : updates;
  all.forEach((u, index) => {
    try {
      Y.applyUpdate(doc, u);
    } catch (e) {
      // The first 4 KB go to the log, so what was set aside can still be looked at.
      problems.push({ kind: 'setAside', index, bytes: u.length, error: String(e), base64: Buffer.from(u.subarray(0, 4096)).toString('base64') });
    }
  });
  if (doc.store.pendingStructs || doc.store.pendingDs) {
    problems.push({ kind: 'pendingDropped' });
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
  }
  return problems;
}

/** Snapshot + log → one update, through a Y.Doc so that deleted content is garbage-collected. */
export function foldLog(snapshot: Uint8Array | null, updates: Uint8Array[]): { update: Uint8Array; problems: LogProblem[] } {
  const doc = new Y.Doc();
  const problems = applyLog(doc, snapshot, updates);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, problems };
}
