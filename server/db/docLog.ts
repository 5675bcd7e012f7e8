/**
 * A stored document is a snapshot plus the updates after it, applied by one loop (applyLog.ts) for rooms, readers
 * and compaction alike; here with what it had to set aside written to the log.
 */
import type * as Y from 'yjs';
import { logger } from '../log.js';
import { applyLog, foldLog, type LogProblem } from './applyLog.js';
import type { StoredDoc } from './docStore.js';

const log = logger('docstore');

/**
 * A stored document this large (snapshot and log) is folded and read in a worker thread (server/workers/docWorkers.ts)
 * and a room compacts it through the store rather than encoding it on the serving thread. A real report is 10–50 kB;
 * the bench's 2,000-block report ~250 kB; a 2 MB import ~2.5 MB.
 */
export const LARGE_DOC_BYTES = 512 * 1024;

/** Writes to the log what applying a stored document had to set aside (also for work done in a worker thread). */
export function logProblems(problems: LogProblem[], docId: string) {
  for (const p of problems) {
    if (p.kind === 'setAside') log.error('stored update could not be applied; set aside', { doc: docId, index: p.index, bytes: p.bytes, error: p.error, base64: p.base64 });
    else log.warn('stored updates wait on structs that never came; dropped', { doc: docId });
  }
}

/**
 * Applies a stored snapshot and log to `doc` (applyLog: what cannot be applied is set aside, and logged).
 * Returns whether anything had to be set aside (the caller may then compact, so the log no longer holds it).
 */
export function applyStored(doc: Y.Doc, stored: Pick<StoredDoc, 'snapshot' | 'updates'>, docId = ''): boolean {
  const problems = applyLog(doc, stored.snapshot, stored.updates);
  logProblems(problems, docId);
  return problems.length > 0;
}

/** Snapshot + log → one update, through a Y.Doc so that deleted content is garbage-collected. */
export function foldUpdates(snapshot: Uint8Array | null, updates: Uint8Array[], docId = ''): Uint8Array {
  const { update, problems } = foldLog(snapshot, updates);
  logProblems(problems, docId);
  return update;
}
