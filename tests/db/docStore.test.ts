import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/client.js';
import { createDocStore, loadYDoc } from '../../server/db/docStore.js';
import { migrate } from '../../server/db/migrations/index.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';
import { tempDataDir } from '../helpers/server.js';

/** The same behaviour asked of every DocStore implementation. */
function storeContract(name: string, open: () => Promise<{ db: Db; done(): Promise<void> }>) {
  describe(name, () => {
    let ctx: { db: Db; done(): Promise<void> };
    afterAll(async () => ctx && (await ctx.done()));

    it('appends in order, loads snapshot + log, and compacts without changing content', async () => {
      ctx = await open();
      // better-auth's user table is referenced by the core migration; create a minimal one for a bare store test.
      const store = createDocStore(ctx.db);
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      const text = doc.getText('t');
      for (let i = 0; i < 50; i++) text.insert(text.length, `${i},`);
      text.delete(0, 10);
      for (const u of updates) await store.append('doc-1', [u]);
      await store.append('doc-2', [updates[0]]);
      const loaded = await loadYDoc(store, 'doc-1');
      expect(loaded.getText('t').toString()).toBe(text.toString());
      const before = await store.load('doc-1');
      expect(before.updates.length).toBe(updates.length);
      await store.compact('doc-1');
      const after = await store.load('doc-1');
      expect(after.snapshot).not.toBeNull();
      expect(after.updates).toHaveLength(0);
      expect((await loadYDoc(store, 'doc-1')).getText('t').toString()).toBe(text.toString());
      // Appends after a compaction are kept on top of the snapshot; the other document is untouched.
      text.insert(0, 'new:');
      await store.append('doc-1', [updates[updates.length - 1]]);
      expect((await loadYDoc(store, 'doc-1')).getText('t').toString()).toBe(text.toString());
      expect((await store.load('doc-2')).updates).toHaveLength(1);
    });

    it('refuses to load corrupt data without writing anything', async () => {
      const store = createDocStore(ctx.db);
      await store.append('bad', [new Uint8Array([1, 2, 3, 255, 255])]);
      await expect(loadYDoc(store, 'bad')).rejects.toThrow();
      expect((await store.load('bad')).updates).toHaveLength(1);
    });
  });
}

async function withUserTable(db: Db) {
  await db.k.schema.createTable('user').ifNotExists().addColumn('id', 'text', (c) => c.primaryKey()).addColumn('name', 'text').addColumn('email', 'text').execute();
  await migrate(db);
}

storeContract('SQLite document store', async () => {
  const db = openDb({ dataDir: tempDataDir(), databaseUrl: null });
  await withUserTable(db);
  return { db, done: () => db.close() };
});

describe.skipIf(!PG_URL)('with PostgreSQL', () => {
  storeContract('PostgreSQL document store', async () => {
    const fresh = await freshDatabase();
    const db = openDb({ dataDir: tempDataDir(), databaseUrl: fresh.url });
    await withUserTable(db);
    return { db, done: async () => { await db.close(); await fresh.drop(); } };
  });
});
