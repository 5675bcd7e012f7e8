import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../server/db/client.js';
import { createDocStore, loadYDoc, type DocStore } from '../../server/db/docStore.js';
import { MemoryDocStore } from '../../server/db/memoryDocStore.js';
import { migrate } from '../../server/db/migrations/index.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';
import { tempDataDir } from '../helpers/server.js';

/** The same behaviour asked of every DocStore implementation (better-auth's user table, referenced by the core migration, is stubbed for bare SQL stores). */
function storeContract(name: string, open: () => Promise<{ store: DocStore; done(): Promise<void> }>) {
  describe(name, () => {
    let ctx: { store: DocStore; done(): Promise<void> };
    afterAll(async () => ctx && (await ctx.done()));

    it('appends in order, loads snapshot + log, and compacts without changing content', async () => {
      ctx = await open();
      const store = ctx.store;
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

    it('gives each document its version: the last appended id, kept by a compaction, 0 when nothing is stored', async () => {
      const store = ctx.store;
      expect((await store.load('v-none')).version).toBe(0);
      expect(await store.append('v-none', [])).toBe(0);
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 4; i++) doc.getText('t').insert(0, `${i}`);
      const one = await store.append('v-a', [updates[0]]);
      const other = await store.append('v-b', [updates[0]]);
      const two = await store.append('v-a', updates.slice(1));
      // Ids grow across documents (catch-up compares them): the other document's append sits between.
      expect(one).toBeGreaterThan(0);
      expect(other).toBeGreaterThan(one);
      expect(two).toBeGreaterThan(other);
      expect((await store.load('v-a')).version).toBe(two);
      expect((await store.load('v-b')).version).toBe(other);
      await store.compact('v-a');
      expect((await store.load('v-a')).version).toBe(two);
      const three = await store.append('v-a', [updates[3]]);
      expect((await store.load('v-a')).version).toBe(three);
      if (store.replaceLog) {
        store.replaceLog('v-a', Y.encodeStateAsUpdate(doc));
        expect((await store.load('v-a')).version).toBe(three);
      }
    });

    it('loads a log holding a corrupt entry with everything else, writing nothing', async () => {
      const store = ctx.store;
      const good = new Y.Doc();
      const updates: Uint8Array[] = [];
      good.on('update', (u: Uint8Array) => updates.push(u));
      good.getText('t').insert(0, 'kept');
      good.getText('t').insert(4, ' and this');
      await store.append('bad', [updates[0], new Uint8Array([1, 2, 3, 255, 255]), updates[1]]);
      expect((await loadYDoc(store, 'bad')).getText('t').toString()).toBe('kept and this');
      expect((await store.load('bad')).updates).toHaveLength(3);
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
  return { store: createDocStore(db), done: () => db.close() };
});

storeContract('in-memory document store', async () => ({ store: new MemoryDocStore(), done: async () => {} }));

describe.skipIf(!PG_URL)('with PostgreSQL', () => {
  storeContract('PostgreSQL document store', async () => {
    const fresh = await freshDatabase();
    const db = openDb({ dataDir: tempDataDir(), databaseUrl: fresh.url });
    await withUserTable(db);
    return { store: createDocStore(db), done: async () => { await db.close(); await fresh.drop(); } };
  });

  it('a load while another process compacts the document reads all of it, never the old snapshot with the folded log gone', async () => {
    const fresh = await freshDatabase();
    const [reader, compactor] = [openDb({ dataDir: tempDataDir(), databaseUrl: fresh.url }), openDb({ dataDir: tempDataDir(), databaseUrl: fresh.url })];
    try {
      await withUserTable(reader);
      const doc = new Y.Doc();
      const updates: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => updates.push(u));
      for (let i = 0; i < 5; i++) doc.getText('t').insert(doc.getText('t').length, `${i};`);
      const store = createDocStore(reader);
      await store.append('doc-c', updates);
      // The other process's compaction commits right after the reader's first statement has run.
      const query = reader.pool!.query.bind(reader.pool!) as (...a: unknown[]) => Promise<unknown>;
      let compacted = false;
      (reader.pool as { query: unknown }).query = async (...a: unknown[]) => {
        const result = await query(...a);
        if (!compacted) {
          compacted = true;
          await createDocStore(compactor).compact('doc-c');
        }
        return result;
      };
      const loaded = await loadYDoc(store, 'doc-c');
      expect(compacted).toBe(true);
      expect(loaded.getText('t').toString()).toBe('0;1;2;3;4;');
    } finally {
      await reader.close();
      await compactor.close();
      await fresh.drop();
    }
  });
});
