import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { logger } from '../log.js';

const log = logger('db');

/**
 * SQLite's WAL is copied back into the database by a checkpoint. Left automatic (`wal_autocheckpoint`, every 1,000
 * pages), the checkpoint runs inside whichever commit crosses the mark, on the event loop, with its fsync: measured,
 * it was the whole tail of re-indexing a report (p95 16 ms against 4.7 ms without it; notes/perf.md) and a part of
 * the fan-out tail. Here the app's connection never checkpoints; a worker thread with a connection of its own runs a
 * PASSIVE checkpoint every `everyMs` (PASSIVE never waits for the writer, and the writer never waits for it); a WAL
 * grown past 16 MB under a stream of writes gets a RESTART checkpoint on the app's connection between transactions.
 *
 * The worker starts with the first write on the hot paths (`Db.wrote`: an idle server has no thread more; until
 * then the automatic checkpoint stays). `journal_size_limit` keeps the WAL file
 * from staying large after a burst. Closing stops the worker after one last checkpoint.
 */
export function walCheckpointer(sqlite: Database.Database, file: string, everyMs = 1000) {
  sqlite.pragma('journal_size_limit = 67108864');
  let worker: Worker | null = null;
  let closed = false;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const start = () => {
    if (worker || closed) return;
    sqlite.pragma('wal_autocheckpoint = 0');
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, everyMs, restartAbove: RESTART_ABOVE } });
    worker.unref();
    worker.on('message', (m) => { if (m === 'restart') restartSoon(); });
    worker.on('error', (e) => { log.warn('WAL checkpointer stopped; checkpoints return to the app\'s connection', { error: String(e) }); fallBack(); });
    worker.on('exit', (code) => { if (!closed && code !== 0) fallBack(); });
  };
  // On the app's connection, between transactions (Kysely's SQLite transactions span awaits): copies the whole WAL,
  // waiting for the worker's checkpoint if one runs, so the next write starts the WAL over. Blocks the event loop for
  // the copy: only after a burst of writes the worker's checkpoints could not keep up with.
  let restartQueued = false;
  const restartSoon = () => {
    if (restartQueued) return;
    restartQueued = true;
    setImmediate(function restart() {
      if (closed || !sqlite.open) { restartQueued = false; return; }
      if (sqlite.inTransaction) { setTimeout(restart, 20); return; }
      restartQueued = false;
      try { sqlite.pragma('wal_checkpoint(RESTART)'); } catch (e) { log.warn('WAL checkpoint (RESTART) failed', { error: String(e) }); }
    });
  };
  // A checkpointer that died must not let the WAL grow without end.
  const fallBack = () => { worker = null; if (!closed && sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000'); };
  return {
    /** Called after a write: starts the worker the first time. */
    wrote: start,
    async close() {
      closed = true;
      const w = worker;
      worker = null;
      if (!w) return;
      w.ref(); // the last checkpoint runs even when nothing else keeps the process up
      const done = new Promise((r) => w.once('exit', r));
      w.postMessage('close');
      await done;
    },
  };
}

/** A WAL larger than this is checkpointed with RESTART (see the worker). */
const RESTART_ABOVE = 16 * 1024 * 1024;

// CommonJS, as `eval` workers are; the driver is resolved by the app (the worker has no module path of its own).
const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const walSize = () => { try { return fs.statSync(workerData.file + '-wal').size; } catch { return 0; } };
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    // Under a steady stream of writes a PASSIVE checkpoint never catches the writer, and the WAL is only reused once
    // one has: past the limit, the app's connection is asked to checkpoint with RESTART between its transactions
    // (from here it would reset the WAL under the app's open read transactions: SQLITE_BUSY_SNAPSHOT on their write).
    if (walSize() > workerData.restartAbove) parentPort.postMessage('restart');
  } catch (e) { /* busy: the next tick tries again */ }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  process.exit(0);
});
`;
