import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { openDb } from '../../server/db/client.js';
import { createDocStore } from '../../server/db/docStore.js';
import { migrate } from '../../server/db/migrations/index.js';
import { tempDataDir } from '../helpers/server.js';

const BATCHES = 64;

/**
 * Issue 17, re-index tail: the app's SQLite connection never checkpoints the WAL (that ran inside commits, on the event
 * loop); a worker thread does (server/db/checkpointer.ts). What must hold: the WAL is still copied back and stays
 * bounded while writes go on, nothing written is lost, and closing leaves a database another process reads whole.
 */
it('with writes going on, the WAL is checkpointed by the worker (not the app\'s connection) and stays bounded, read-then-write transactions never fail; closing keeps every write', async () => {
  const dataDir = tempDataDir();
  const db = openDb({ dataDir, databaseUrl: null });
  await db.k.schema.createTable('user').ifNotExists().addColumn('id', 'text', (c) => c.primaryKey()).execute();
  await migrate(db);
  const store = createDocStore(db);
  const wal = path.join(dataDir, 'cadence.db-wal');
  const payload = new Uint8Array(64 * 1024).fill(7);

  // 64 MB over ~4 s, in 64 kB appends: with no checkpoint at all the WAL would hold all of it. A steady stream like
  // this one never lets a PASSIVE checkpoint catch up; the worker's RESTART past 16 MB must.
  // Meanwhile, transactions that read and then write, as the indexer's are: a WAL reset by another connection between
  // their read and their write fails them with SQLITE_BUSY (which the worker's own RESTART once did).
  const sqlite = db.sqlite!;
  sqlite.exec('create table probe (n integer)');
  const readThenWrite = sqlite.transaction(() => {
    const { n } = sqlite.prepare('select count(*) n from doc_update').get() as { n: number };
    sqlite.prepare('insert into probe (n) values (?)').run(n);
  });
  let largest = 0;
  for (let batch = 0; batch < BATCHES; batch++) {
    for (let i = 0; i < 16; i++) {
      await store.append(`doc-${batch % 3}`, [payload]);
      for (let j = 0; j < 20; j++) readThenWrite();
    }
    largest = Math.max(largest, fs.statSync(wal).size);
    await new Promise((r) => setTimeout(r, 60));
  }
  expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0); // the app's connection does not
  expect(largest).toBeLessThan(48 * 1024 * 1024);

  await db.close();
  const reader = new Database(path.join(dataDir, 'cadence.db'), { readonly: true });
  try {
    expect(reader.prepare('select count(*) n, sum(length(data)) bytes from doc_update').get()).toEqual({ n: BATCHES * 16, bytes: BATCHES * 16 * payload.length });
  } finally { reader.close(); }
});

it('an idle database starts no worker and keeps SQLite\'s automatic checkpoint', async () => {
  const db = openDb({ dataDir: tempDataDir(), databaseUrl: null });
  try {
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  } finally { await db.close(); }
});
