import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RootContent } from 'mdast';
import { markdownBlocks, markdownPieces, parsePieces, type Piece } from '../../shared/markdown/tree.js';
import { logger } from '../log.js';

const log = logger('import');

/**
 * The top-level Markdown nodes of a file (`markdownBlocks`), parsed in worker threads.
 *
 * Two reasons. micromark is most of importing a long report (a 2 MB file: ~2.5 s of CPU, and ~1 s of this thread's
 * garbage collection, notes/perf.md); the pieces of shared/markdown/tree.ts are independent, so they are parsed on the
 * machine's other cores while this thread reads the nodes of the pieces before them into the document. And some
 * short texts cost micromark quadratic time (40 kB of `*_*_…` took 20 s, 2,000 lines of `> - > - …` 21 s): parsed
 * here, they held every other request of the server that long. So every file is parsed in the workers — a short file
 * or one parsed whole as one piece — and a batch not back within PARSE_BUDGET_MS ends its worker and the import
 * (MarkdownTooSlow). The nodes come back by structured clone: the same tree, positions included
 * (tests/import/longFile.test.ts). Only a machine of one core, or a pool that could not start, parses here; so does a
 * batch whose worker failed (an error there is thrown here, as before).
 *
 * The workers run an inline source (`eval`, as server/db/checkpointer.ts: the server is one bundled file, so there is
 * no worker file to point at) that imports the parser's packages by the paths this module resolves them to
 * (node_modules, also beside the bundle). At most WORKERS threads for the whole process, started by the first file
 * and ended after IDLE_MS without work; they keep the process up only while they have work.
 */
export async function* markdownBlocksInWorkers(source: string, budgetMs = PARSE_BUDGET_MS): AsyncGenerator<RootContent> {
  const p = pool();
  if (!p) {
    yield* markdownBlocks(source);
    return;
  }
  const pieces = markdownPieces(source) ?? [{ text: source, from: 0, line: 0 }];
  const jobs = batches(pieces).map((b) => ({ pieces: b, job: p.run(b) }));
  try {
    for (const { pieces: b, job } of jobs) {
      // Not parsed because its pool was ended (another file past its budget, a worker that died): again in a new
      // pool, so that a file never ends up parsed here because another was refused at the same time.
      let nodes = await withinBudget(job, budgetMs);
      for (let again = 0; nodes === null && again < RETRIES; again++) nodes = await withinBudget(pool()?.run(b), budgetMs);
      if (nodes === null && pool()) throw new MarkdownTooSlow(budgetMs);
      // Threw in the worker: thrown here too, as before there were workers.
      stats[Array.isArray(nodes) ? 'inWorkers' : 'here']++;
      yield* Array.isArray(nodes) ? nodes : parsePieces(b);
    }
  } finally {
    for (const { job } of jobs) job.take(); // what is still queued, when the reader stopped early
  }
}

/** A batch's pool ended under it this many more times: the file is refused (an attack on the pool is under way). */
const RETRIES = 3;

/**
 * A job's nodes, 'error' when parsing threw in the worker, null when it was not parsed; past the budget, ends the
 * workers and throws MarkdownTooSlow.
 */
async function withinBudget(job: Job | undefined, budgetMs: number): Promise<RootContent[] | 'error' | null> {
  if (!job) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((r) => { timer = setTimeout(r, budgetMs, 'late'); });
  const nodes = await Promise.race([job.result, late]);
  clearTimeout(timer);
  if (nodes !== 'late') return nodes;
  job.take();
  current?.abort('a batch took longer than the parse budget');
  throw new MarkdownTooSlow(budgetMs);
}

/** How long one batch may take in a worker (a 32 kB batch of a real report: ~50 ms). */
export const PARSE_BUDGET_MS = 10_000;

/** The Markdown took micromark longer than the budget: its worker was ended, nothing was imported. */
export class MarkdownTooSlow extends Error {
  constructor(readonly budgetMs: number) {
    super(`parsing took longer than ${budgetMs} ms`);
  }
}

/** Batches parsed so far in the workers, and here (parsing threw in a worker, or there are no workers). */
const stats = { inWorkers: 0, here: 0 };
export const markdownWorkerStats = () => ({ ...stats, workers: WORKERS });

/**
 * Worker threads for the whole process (none on a machine of one core). Two on two cores: this thread only reads
 * the nodes into the document meanwhile, and measured, parsing here too (whenever the next batch was not back yet)
 * cost more than it gave (this thread's garbage collections are the costlier, its heap being the larger).
 */
const CORES = os.availableParallelism();
const WORKERS = CORES < 2 ? 0 : Math.min(CORES, 3);
/** Batches given to a worker at a time, so that it has the next one while this thread is busy. */
const DEPTH = 4;
/** A pool left without work this long ends its threads. */
const IDLE_MS = 10_000;
/** Characters of Markdown per message: small enough that this thread starts reading early, large enough that messages stay few. */
const BATCH = 32 * 1024;

function batches(pieces: Piece[]): Piece[][] {
  const out: Piece[][] = [];
  let size = BATCH;
  for (const piece of pieces) {
    if (size >= BATCH) {
      out.push([]);
      size = 0;
    }
    out[out.length - 1].push(piece);
    size += piece.text.length;
  }
  return out;
}

interface Job {
  /** The batch's nodes; 'error' when parsing threw in the worker; null when its pool ended before it was parsed. */
  result: Promise<RootContent[] | 'error' | null>;
  /** Takes the batch back if no worker has taken it yet (the reader stopped, or the batch ran out of time): true when it did. */
  take(): boolean;
}

let current: { run(pieces: Piece[]): Job; abort(reason: string): void } | null = null;
let unavailable = false;

function pool() {
  if (current || unavailable || WORKERS === 0) return current;
  let modules: string[];
  try {
    const require = createRequire(import.meta.url);
    modules = ['mdast-util-from-markdown', 'micromark-extension-gfm', 'mdast-util-gfm'].map((m) => pathToFileURL(require.resolve(m)).href);
  } catch (e) {
    unavailable = true;
    log.warn('Markdown parser packages not found for worker threads: long files are parsed on the main thread', { error: String(e) });
    return null;
  }
  current = createPool(modules, WORKERS, () => { current = null; }, () => { unavailable = true; });
  return current;
}

function createPool(modules: string[], size: number, ended: () => void, unusable: () => void) {
  interface Queued extends Job { pieces: Piece[]; settle(nodes: RootContent[] | 'error' | null): void }
  interface Slot { worker: Worker; ready: boolean; jobs: Queued[] }
  const slots: Slot[] = [];
  const queue: Queued[] = [];
  let idle: NodeJS.Timeout | null = null;
  let closed = false;
  let warned = false;
  const warn = (error: string) => {
    if (!warned) log.warn('Markdown worker failed: its batches are parsed on the main thread', { error });
    warned = true;
  };

  const close = (error: string | null) => {
    if (closed) return;
    closed = true;
    ended();
    if (idle) clearTimeout(idle);
    if (error) warn(error);
    for (const s of slots) {
      for (const job of s.jobs.splice(0)) job.settle(null);
      void s.worker.terminate();
    }
    for (const job of queue.splice(0)) job.settle(null);
  };

  const start = () => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modules }, execArgv: [] });
    worker.unref(); // only a worker with batches keeps the process up (an import from a script awaits them)
    const slot: Slot = { worker, ready: false, jobs: [] };
    worker.on('message', (m: { ready?: true; unusable?: string; nodes?: RootContent[]; error?: string }) => {
      if (m.unusable) {
        unusable();
        close(`could not load the parser: ${m.unusable}`);
        return;
      }
      if (m.ready) slot.ready = true;
      else {
        // Answers come in the order the batches were sent. One that threw there is parsed again here, and throws to
        // the importer as it did before workers.
        if (m.error) warn(m.error);
        slot.jobs.shift()?.settle(m.error ? 'error' : (m.nodes ?? null));
        if (!slot.jobs.length) worker.unref();
      }
      dispatch();
    });
    worker.on('error', (e) => close(String(e)));
    worker.on('exit', (code) => close(`exited with code ${code}`));
    slots.push(slot);
  };

  const dispatch = () => {
    if (closed) return;
    while (slots.length < size && queue.length) start();
    for (const slot of slots) {
      while (slot.ready && slot.jobs.length < DEPTH && queue.length) {
        const job = queue.shift()!;
        slot.jobs.push(job);
        slot.worker.ref();
        slot.worker.postMessage(job.pieces);
      }
    }
    if (idle) clearTimeout(idle);
    idle = null;
    if (!queue.length && slots.every((s) => !s.jobs.length)) {
      idle = setTimeout(() => close(null), IDLE_MS);
      idle.unref();
    }
  };

  return {
    /** Ends every worker (one is stuck on a batch); what they had is settled as not parsed. */
    abort(reason: string) {
      log.warn('Markdown workers ended', { reason });
      close(null);
    },
    run(pieces: Piece[]): Job {
      let resolve!: (nodes: RootContent[] | 'error' | null) => void;
      const job: Queued = {
        pieces,
        result: new Promise<RootContent[] | 'error' | null>((r) => { resolve = r; }),
        settle: (nodes) => resolve(nodes),
        take() {
          const i = queue.indexOf(job);
          if (i < 0) return false;
          queue.splice(i, 1);
          job.settle(null);
          return true;
        },
      };
      if (closed) job.settle(null);
      else {
        queue.push(job);
        dispatch();
      }
      return job;
    },
  };
}

// CommonJS, as `eval` workers are; the packages are ES modules, imported by the URLs the app resolved. The steps are
// shared/markdown/tree.ts's parsePieces: the same options (GFM, `~` alone is no strikethrough) and the same shift.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const loaded = Promise.all(workerData.modules.map((m) => import(m)));
// Ready once the parser is loaded: until then the main thread parses the batches itself.
loaded.then(() => parentPort.postMessage({ ready: true }), (e) => parentPort.postMessage({ unusable: String(e) }));
let options;
function shift(n, offset, lines) {
  const p = n.position;
  if (p) {
    p.start = { ...p.start, line: p.start.line + lines, offset: (p.start.offset ?? 0) + offset };
    p.end = { ...p.end, line: p.end.line + lines, offset: (p.end.offset ?? 0) + offset };
  }
  if ('children' in n) for (const c of n.children) shift(c, offset, lines);
}
parentPort.on('message', async (pieces) => {
  try {
    const [{ fromMarkdown }, { gfm }, { gfmFromMarkdown }] = await loaded;
    options ??= { extensions: [gfm({ singleTilde: false })], mdastExtensions: [gfmFromMarkdown()] };
    const nodes = [];
    for (const { text, from, line } of pieces) {
      const tree = fromMarkdown(text, options);
      for (const n of tree.children) {
        shift(n, from, line);
        nodes.push(n);
      }
    }
    parentPort.postMessage({ nodes });
  } catch (e) {
    parentPort.postMessage({ error: String(e) });
  }
});
`;
