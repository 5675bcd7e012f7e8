import type { Worker } from 'node:worker_threads';
import type { DocNode } from '../../shared/blocks/types.js';
import { reportShape } from '../../shared/blocks/docShape.js';
import { DOC_FIELD } from '../../shared/doc/field.js';
import { encodeDocJson } from '../../shared/doc/encodeDoc.js';
import type { StoredDoc } from '../db/docStore.js';
import { foldUpdates, LARGE_DOC_BYTES, logProblems } from '../db/docLog.js';
import { logger } from '../log.js';
import { startWorker } from './startWorker.js';
import type { DocWorkerAnswer, DocWorkerRequest } from './docWorkerProtocol.js';

const log = logger('docworker');

/**
 * A long stored document's fold (compaction) and conversion to JSON (a reader of a report no room holds: the
 * indexer after an import, history, export, next week) in a worker thread. A 2 MB report took the serving thread
 * 0.6–0.8 s at a stretch for each (notes/perf.md); shorter documents (under LARGE_DOC_BYTES) are done here, where
 * they take a millisecond or so and a message round trip would cost more. One thread for the process, started by the
 * first long document and ended after IDLE_MS without work; if it cannot start or fails, the work is done here as
 * before (after MAX_FAILURES, for good).
 */
const IDLE_MS = 30_000;
const MAX_FAILURES = 3;
/** Blocks of a converted document per message: each is read here in a turn of its own. */
const PIECE = 500;

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve(a: DocWorkerAnswer): void; reject(e: Error): void };
let current: { worker: Worker; ready: Promise<void>; jobs: Map<number, Pending>; idle: NodeJS.Timeout | null } | null = null;
let failures = 0;
let nextId = 1;
const stats = { inWorker: 0, here: 0 };
/** Jobs done in the worker thread and here (a long document when the worker failed, or none could start). */
export const docWorkerStats = () => ({ ...stats });

function thread() {
  if (current || failures >= MAX_FAILURES) return current;
  const jobs = new Map<number, Pending>();
  let ready!: () => void;
  const worker = startWorker('docWorker');
  const me = { worker, ready: new Promise<void>((r) => { ready = r; }), jobs, idle: null as NodeJS.Timeout | null };
  const fail = (why: string) => {
    if (current !== me) return;
    current = null;
    failures++;
    if (me.idle) clearTimeout(me.idle);
    log.warn('document worker failed: long documents are handled on the main thread', { error: why, failures });
    for (const p of jobs.values()) p.reject(new Error(why));
    jobs.clear();
    void worker.terminate();
  };
  worker.on('message', (a: DocWorkerAnswer) => {
    if ('ready' in a) return ready();
    const p = jobs.get(a.id);
    jobs.delete(a.id);
    if (!p) return;
    if ('error' in a) p.reject(new Error(a.error));
    else p.resolve(a);
    if (jobs.size === 0) idleSoon(me);
  });
  worker.on('error', (e) => fail(String(e)));
  worker.on('exit', (code) => fail(`exited with code ${code}`));
  current = me;
  return me;
}

function idleSoon(t: NonNullable<typeof current>) {
  t.worker.unref(); // only a worker with work keeps the process up
  t.idle = setTimeout(() => {
    if (current !== t || t.jobs.size) return;
    current = null;
    void t.worker.terminate();
  }, IDLE_MS).unref();
}

/** Sends a request to the worker thread; null when there is none (the caller does the work itself). */
async function ask<A extends DocWorkerAnswer>(request: WithoutId<DocWorkerRequest>): Promise<A | null> {
  const t = thread();
  if (!t) return null;
  if (t.idle) clearTimeout(t.idle);
  t.idle = null;
  t.worker.ref();
  const id = nextId++;
  const answer = new Promise<DocWorkerAnswer>((resolve, reject) => t.jobs.set(id, { resolve, reject }));
  await t.ready;
  t.worker.postMessage({ ...request, id });
  return (await answer) as A;
}

const bytesOf = (s: Pick<StoredDoc, 'snapshot' | 'updates'>) => (s.snapshot?.length ?? 0) + s.updates.reduce((n, u) => n + u.length, 0);

/**
 * A long document's work in the worker thread, else here: when there is no worker, or the worker's attempt failed
 * (`quiet`: a failure that is the input's, tried here again to throw as it does here). Counted for the metric.
 */
async function inWorkerElseHere<T>(what: string, docId: string | null, inWorker: () => Promise<T | null>, here: () => T, quiet = false): Promise<T> {
  try {
    const done = await inWorker();
    if (done !== null) {
      stats.inWorker++;
      return done;
    }
  } catch (e) {
    (quiet ? log.debug : log.warn)(`${what} in the worker failed; doing it here`, { doc: docId, error: String(e) });
  }
  stats.here++;
  return here();
}

/** Snapshot + log → one update: in the worker for a long document. */
export async function foldStored(snapshot: Uint8Array | null, updates: Uint8Array[], docId: string): Promise<Uint8Array> {
  const here = () => foldUpdates(snapshot, updates, docId);
  if (bytesOf({ snapshot, updates }) < LARGE_DOC_BYTES) return here();
  return inWorkerElseHere('folding a document', docId, async () => {
    const a = await ask<Extract<DocWorkerAnswer, { update: Uint8Array }>>({ op: 'fold', snapshot, updates });
    if (a) logProblems(a.problems, docId);
    return a?.update ?? null;
  }, here);
}

/** From this many top-level blocks a new report's document is built in the worker (a real report has ~100). */
const ENCODE_FROM_BLOCKS = 2000;

/**
 * A new report's JSON → its document's update (encodeDocJson): in the worker for a long one (a 2 MB import: 0.4–0.8 s
 * here at a stretch). A JSON the schema refuses throws as it does here (it is tried here again).
 */
export async function encodeInWorker(json: DocNode): Promise<Uint8Array> {
  const here = () => encodeDocJson(json);
  if ((json.content?.length ?? 0) < ENCODE_FROM_BLOCKS) return here();
  return inWorkerElseHere('building a document', null, async () =>
    (await ask<Extract<DocWorkerAnswer, { update: Uint8Array }>>({ op: 'encode', json }))?.update ?? null, here, true);
}

/**
 * A long stored document's JSON as a reader sees it (what the shape does not allow left out, as loadYDoc does),
 * converted in the worker and read here a piece at a time; null for a short document, or when the worker failed.
 */
export async function storedJsonInWorker(stored: Pick<StoredDoc, 'snapshot' | 'updates'>, docId: string): Promise<DocNode | null> {
  if (bytesOf(stored) < LARGE_DOC_BYTES) return null;
  return inWorkerElseHere<DocNode | null>('reading a document', docId, async () => {
    const head = await ask<Extract<DocWorkerAnswer, { blocks: number }>>({ op: 'json', snapshot: stored.snapshot, updates: stored.updates, shape: reportShape(), field: DOC_FIELD });
    if (!head) return null;
    logProblems(head.problems, docId);
    const content: DocNode[] = [];
    for (let from = 0; from < head.blocks; from += PIECE) {
      const a = await ask<Extract<DocWorkerAnswer, { piece: DocNode[] }>>({ op: 'take', of: head.id, from, count: PIECE });
      content.push(...(a?.piece ?? []));
    }
    return { type: 'doc', content };
  }, () => null);
}
