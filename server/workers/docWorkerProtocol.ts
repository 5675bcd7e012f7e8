/** The messages between docWorkers.ts and its worker thread (docWorker.ts). */
import type { LogProblem } from '../db/applyLog.js';
import type { DocNode } from '../../shared/blocks/types.js';
import type { DocShape, Misfit } from '../../shared/doc/shape.js';

export type DocWorkerRequest =
  /** Snapshot + log → one update (compaction). */
  | { id: number; op: 'fold'; snapshot: Uint8Array | null; updates: Uint8Array[] }
  /** Snapshot + log → the document's JSON, as a reader sees it (misfits removed); kept there, taken in pieces. */
  | { id: number; op: 'json'; snapshot: Uint8Array | null; updates: Uint8Array[]; shape: DocShape; field: string }
  /** A new report's JSON → its document's update (shared/doc/encodeDoc.ts). */
  | { id: number; op: 'encode'; json: DocNode }
  | { id: number; op: 'take'; of: number; from: number; count: number };

export type DocWorkerAnswer =
  | { id: 0; ready: true }
  | { id: number; error: string }
  | { id: number; update: Uint8Array; problems: LogProblem[] }
  | { id: number; problems: LogProblem[]; misfits: Misfit[]; blocks: number }
  | { id: number; piece: DocNode[] };
