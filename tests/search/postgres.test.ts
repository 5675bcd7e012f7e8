import * as Y from 'yjs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { doc, docUpdate, findBlock, incident, kpis, objective, okr, p } from './docs.js';
import { createDocStore, loadYDoc, type DocStore } from '../../server/db/docStore.js';
import { openDb, type Db } from '../../server/db/client.js';
import { Indexer } from '../../server/search/indexer.js';
import { docVersion } from '../../server/search/catchUp.js';
import { Rooms } from '../../server/sync/rooms.js';
import { SERVER } from '../../server/sync/room.js';
import { reportShape } from '../../shared/blocks/docShape.js';
import { DOC_FIELD } from '../../shared/doc/field.js';

/** Appends an edit of an OKR item's text to the stored document (no room open). */
async function editItem(store: DocStore, reportId: string, blockId: string, added: string) {
  const ydoc = await loadYDoc(store, reportId);
  const edits: Uint8Array[] = [];
  ydoc.on('update', (u: Uint8Array) => edits.push(u));
  const t = (findBlock(ydoc.getXmlFragment(DOC_FIELD), blockId)!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  t.insert(t.length, added);
  await store.append(reportId, edits);
  ydoc.destroy();
}

/** A second connection pool to the database, as another server process has, counting the statements sent on it. */
function otherProcess(url: string): { db: Db; statements: () => number } {
  const db = openDb({ databaseUrl: url, dataDir: '' });
  let n = 0;
  for (const pool of [db.pool!, db.generic!]) {
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...a: unknown[]) => unknown;
      (client as { query: unknown }).query = (...a: unknown[]) => { n++; return query(...a); };
    });
  }
  return { db, statements: () => n };
}

// The same indexer, items and search on PostgreSQL (scale-out storage).
describe.skipIf(!PG_URL)('indexer and search on PostgreSQL', () => {
  let s: TestServer;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let ann: TestUser;
  beforeAll(async () => {
    database = await freshDatabase();
    s = await startTestServer({ databaseUrl: database.url });
    [ann] = await signedUp(s.base, 'Ann');
  });
  afterAll(async () => { await s?.close(); await database?.drop(); });

  it('indexes live edits and searches Chinese, Latin and mixed terms', async () => {
    expect(s.db.kind).toBe('postgres');
    const spaceId = await spaceWith(ann);
    const id = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W34' })).json.id;
    const c = connect(ann, id);
    await c.synced;
    Y.applyUpdate(c.doc, docUpdate(doc(
      objective('o', 'O1', '业务服务'),
      okr('a', '贝易转（C转）：好店活动接入，进度80%', { progress: 80 }),
      kpis('t', [{ blockId: 'k', name: '入金有效成功率', value: 99.997, unit: '%' }]),
      p('POS押金退还上线，DocAI 试点'),
    )));
    const items = await eventually(async () => { const j = (await ann.call('GET', `/api/reports/${id}/items`)).json; return j.okrs.length === 1 && j; }, 'indexed');
    expect(items.okrs[0]).toMatchObject({ blockId: 'a', project: '贝易转（C转）', progress: 80, objective: 'O1' });
    expect(items.kpis[0]).toMatchObject({ name: '入金有效成功率', value: 99.997 });
    const q = async (term: string) => (await ann.call('GET', `/api/spaces/${spaceId}/search?q=${encodeURIComponent(term)}`)).json.results;
    expect(await q('贝易转')).toEqual([expect.objectContaining({ kind: 'okr', blockId: 'a', progress: 80, week: '2024-W34' })]);
    expect((await q('好店')).length).toBe(1);
    expect((await q('docai')).map((r: any) => r.kind)).toEqual(['text']);
    expect((await q('pos押金')).length).toBe(1);
    expect(await q('不存在')).toEqual([]);
    c.close();

    // Two server processes indexing the same report at once (scale-out) take turns: no duplicate rows, no error.
    const rowCount = async () => Number((await s.db.k.selectFrom('search_row').select((e) => e.fn.countAll().as('n')).where('report_id', '=', id).executeTakeFirstOrThrow()).n);
    const before = await rowCount();
    for (const t of ['item', 'search_row', 'item_state'] as const) await s.db.k.deleteFrom(t).where('report_id', '=', id).execute();
    const store = createDocStore(s.db);
    const [one, two] = [new Indexer(s.db, store, null), new Indexer(s.db, store, null)];
    const results = await Promise.all([one.indexNow(id), two.indexNow(id), one.indexNow(id), two.indexNow(id)]);
    expect(results.every((r) => r !== null)).toBe(true);
    expect(await rowCount()).toBe(before);
    expect((await ann.call('GET', `/api/reports/${id}/items`)).json).toEqual(items);
  });

  it('only the indexer\'s sessions commit without waiting for the WAL flush: the document log\'s pool stays durable', async () => {
    const setting = async (q: (text: string) => Promise<{ rows: { synchronous_commit: string }[] }>) => (await q('show synchronous_commit')).rows[0].synchronous_commit;
    // The pool the document log (and everything else but the index writes) uses.
    expect(await setting((t) => s.db.pool!.query(t))).toBe('on');
    expect((await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(s.db.k)).rows[0].synchronous_commit).toBe('on');
    // The indexer's generic-plan pool (derived rows; a lost run is redone by the catch-up).
    expect(await setting((t) => s.db.generic!.query(t))).toBe('off');
  });

  it('search rows keep their lower-cased text; the search GIN indexes keep a short pending list (010_search_text_lower)', async () => {
    const { rows } = await sql<{ relname: string; reloptions: string[] | null; def: string }>`select relname, reloptions, pg_get_indexdef(oid) as def
      from pg_class where relname in ('search_row_trgm', 'search_row_grams') order by relname`.execute(s.db.k);
    // search_row_trgm exists where pg_trgm is available (004).
    expect(rows.map((r) => r.relname)).toContain('search_row_grams');
    for (const r of rows) expect(r.reloptions).toContain('gin_pending_list_limit=64');
    const trgm = rows.find((r) => r.relname === 'search_row_trgm');
    if (trgm) expect(trgm.def).toContain('text_lower gin_trgm_ops');
    const sample = await sql<{ n: number }>`select count(*)::int as n from search_row where text_lower is distinct from lower(text)`.execute(s.db.k);
    expect(sample.rows[0].n).toBe(0);
  });

  it('an indexing run writes the rows and the item updates in one transaction: when the item updates fail, nothing of the run is kept', async () => {
    const spaceId = await spaceWith(ann);
    const id = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W36' })).json.id;
    const store = createDocStore(s.db);
    await store.append(id, [docUpdate(doc(objective('o', 'O1', '业务服务'), okr('a', '对账中心：进度10%', { progress: 10 })))]);
    const indexer = new Indexer(s.db, store, null);
    expect((await indexer.indexNow(id))?.changed).toBe(true);
    const state = async () => ({
      hash: (await s.db.k.selectFrom('item_state').select('hash').where('report_id', '=', id).executeTakeFirstOrThrow()).hash,
      texts: (await s.db.k.selectFrom('search_row').select('text').where('report_id', '=', id).orderBy('position').execute()).map((r) => r.text),
      updates: await s.db.k.selectFrom('item_update').select(['block_id', 'seen', 'updated_at']).where('report_id', '=', id).orderBy('block_id').execute(),
    });
    const before = await state();
    expect(before.texts).toContain('对账中心：进度10%');

    // An edit of the item, stored (no room open: only this indexer runs for it).
    const ydoc = await loadYDoc(store, id);
    const edits: Uint8Array[] = [];
    ydoc.on('update', (u: Uint8Array) => edits.push(u));
    const t = (findBlock(ydoc.getXmlFragment(DOC_FIELD), 'a')!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.insert(t.length, '，推进验收');
    await store.append(id, edits);
    ydoc.destroy();

    await sql`create function refuse_item_update() returns trigger language plpgsql as $$ begin raise exception 'item_update refused'; end $$`.execute(s.db.k);
    await sql`create trigger refuse before insert or update on item_update for each row execute function refuse_item_update()`.execute(s.db.k);
    try {
      await expect(indexer.indexNow(id)).rejects.toThrow(/item_update refused/);
      expect(await state()).toEqual(before);
    } finally {
      await sql`drop trigger refuse on item_update`.execute(s.db.k);
      await sql`drop function refuse_item_update()`.execute(s.db.k);
    }
    expect((await indexer.indexNow(id))?.changed).toBe(true);
    const after = await state();
    expect(after.hash).not.toBe(before.hash);
    expect(after.texts).toContain('对账中心：进度10%，推进验收');
    expect(after.updates.find((u) => u.block_id === 'a')!.updated_at).not.toBeNull();
  });

  it('re-indexing after edits of every kind (an item changed, one deleted, one added, text moved) leaves exactly the rows a fresh index writes', async () => {
    const spaceId = await spaceWith(ann);
    const id = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W35' })).json.id;
    const c = connect(ann, id);
    await c.synced;
    Y.applyUpdate(c.doc, docUpdate(doc(
      objective('o', 'O1', '业务服务'),
      okr('a', '贝易转：好店活动接入，进度10%', { progress: 10 }),
      okr('b', '收单：进度20%', { progress: 20 }),
      okr('c', 'DocAI：进度30%', { progress: 30 }),
      p('第一段：先写的话'),
      p('第二段：后写的话'),
      kpis('t', [{ blockId: 'k', name: '入金有效成功率', value: 99.99, unit: '%' }]),
      incident('i', '10:00 支付超时，10:20 恢复'),
    )));
    const indexer = new Indexer(s.db, createDocStore(s.db), null);
    await eventually(async () => (await ann.call('GET', `/api/reports/${id}/items`)).json.okrs.length === 3, 'indexed');
    const rows = async () => ({
      items: await s.db.k.selectFrom('item').select(['kind', 'position', 'block_id', 'json', 'project_id', 'progress', 'text']).where('report_id', '=', id).orderBy('kind').orderBy('position').execute(),
      search: await s.db.k.selectFrom('search_row').select(['kind', 'position', 'block_id', 'project', 'progress', 'text', 'grams', 'project_id']).where('report_id', '=', id).orderBy('position').execute(),
    });

    c.doc.transact(() => {
      const a = findBlock(c.frag, 'a')!;
      const t = (a.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      t.delete(t.length - 3, 3);
      t.insert(t.length, '65%');
      a.setAttribute('progress', 65 as never);
      c.frag.delete(c.frag.toArray().indexOf(findBlock(c.frag, 'b')!), 1); // an item gone: later ones move up
      const first = c.frag.toArray().findIndex((n) => n instanceof Y.XmlElement && n.toString().includes('第一段'));
      c.frag.delete(first, 1); // the paragraph moves to the end: same text, new position
      const moved = new Y.XmlElement('paragraph');
      moved.insert(0, [new Y.XmlText('第一段：先写的话')]);
      const added = new Y.XmlElement('paragraph');
      added.insert(0, [new Y.XmlText('新加的一段')]);
      c.frag.push([moved, added]);
    });
    await eventually(async () => (await ann.call('GET', `/api/reports/${id}/items`)).json.okrs.length === 2, 'edits indexed');
    await indexer.indexNow(id);
    const incremental = await rows();
    expect(incremental.items.map((r) => r.block_id)).toContain('a');
    expect(incremental.items.find((r) => r.block_id === 'a')!.progress).toBe(65);
    expect(incremental.search.some((r) => r.text.includes('新加的一段'))).toBe(true);

    for (const t of ['item', 'search_row', 'item_state'] as const) await s.db.k.deleteFrom(t).where('report_id', '=', id).execute();
    await indexer.indexNow(id);
    expect(incremental).toEqual(await rows());
    c.close();
  });

  it('two processes index one report in turn: a run diffs against what its process last wrote only while no other process wrote since, and the rows stay exactly what a fresh index writes', async () => {
    const spaceId = await spaceWith(ann);
    const id = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W30' })).json.id;
    const store = createDocStore(s.db);
    await store.append(id, [docUpdate(doc(objective('o', 'O1', '业务服务'), okr('a', '对账中心：进度10%', { progress: 10 }),
      okr('b', '收单：进度20%', { progress: 20 }), p('第一段')))]);
    const [one, two] = [otherProcess(database.url), otherProcess(database.url)];
    // Documents are read through the test's store: the statements counted are the indexers' own.
    const [a, b] = [new Indexer(one.db, store, null), new Indexer(two.db, store, null)];
    const rows = async () => ({
      items: await s.db.k.selectFrom('item').select(['kind', 'position', 'block_id', 'json', 'project_id', 'text']).where('report_id', '=', id).orderBy('kind').orderBy('position').execute(),
      search: await s.db.k.selectFrom('search_row').select(['kind', 'position', 'block_id', 'project', 'text', 'grams', 'project_id']).where('report_id', '=', id).orderBy('position').execute(),
      updates: await s.db.k.selectFrom('item_update').select(['block_id', 'seen', 'baseline']).where('report_id', '=', id).orderBy('block_id').execute(),
    });
    try {
      expect((await a.indexNow(id))?.changed).toBe(true);
      await editItem(store, id, 'a', '，一号改');
      let before = one.statements();
      expect((await a.indexNow(id))?.changed).toBe(true);
      // The stored version and what is indexed, then the rows, the item updates and the state in one statement.
      expect(one.statements() - before).toBe(2);

      // Another process writes the report's rows: what the first one last wrote is stale.
      await editItem(store, id, 'b', '，二号改');
      expect((await b.indexNow(id))?.changed).toBe(true);
      await editItem(store, id, 'a', '，一号再改');
      before = one.statements();
      expect((await a.indexNow(id))?.changed).toBe(true);
      expect(one.statements() - before).toBeGreaterThan(2); // the guarded write found the revision moved: read under the lock
      const incremental = await rows();
      expect(incremental.search.map((r) => r.text)).toEqual(expect.arrayContaining(['对账中心：进度10%，一号改，一号再改', '收单：进度20%，二号改']));
      expect(incremental.search.filter((r) => r.text.startsWith('对账中心'))).toHaveLength(1);

      // And back: the first process's write moved the revision on for the second.
      await editItem(store, id, 'b', '，二号再改');
      expect((await b.indexNow(id))?.changed).toBe(true);
      const after = await rows();
      expect(after.search.filter((r) => r.text.startsWith('收单')).map((r) => r.text)).toEqual(['收单：进度20%，二号改，二号再改']);

      for (const t of ['item', 'search_row', 'item_state'] as const) await s.db.k.deleteFrom(t).where('report_id', '=', id).execute();
      await new Indexer(s.db, store, null).indexNow(id);
      expect({ ...after, updates: undefined }).toEqual({ ...(await rows()), updates: undefined });
      expect(after.updates.map((u) => u.block_id)).toEqual(['', 'a', 'b']);
    } finally {
      await one.db.close();
      await two.db.close();
    }
  });

  it('an edit in a room open here is indexed in one statement, recording the version the room stored; rows another process wrote since are never taken for this process\'s', async () => {
    const spaceId = await spaceWith(ann);
    const id = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W29' })).json.id;
    const store = createDocStore(s.db);
    await store.append(id, [docUpdate(doc(objective('o', 'O1', '业务服务'), okr('a', '清算平台：进度10%', { progress: 10 }), okr('b', '收单：进度20%', { progress: 20 })))]);
    const [one, two] = [otherProcess(database.url), otherProcess(database.url)];
    const rooms = new Rooms(store, reportShape());
    const a = new Indexer(one.db, store, rooms);
    const b = new Indexer(two.db, store, null);
    const room = await rooms.open(id);
    const textOf = (blockId: string) => (findBlock(room.doc.getXmlFragment(DOC_FIELD), blockId)!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const edit = async (fn: () => void) => { room.doc.transact(fn, SERVER); await room.flushed(); };
    const searchText = async () => (await s.db.k.selectFrom('search_row').select('text').where('report_id', '=', id).where('block_id', '=', 'a').executeTakeFirstOrThrow()).text;
    const state = () => s.db.k.selectFrom('item_state').select(['doc_version']).where('report_id', '=', id).executeTakeFirstOrThrow();
    try {
      expect((await a.indexNow(id))?.changed).toBe(true);
      await edit(() => textOf('a').insert(textOf('a').length, '，一号改'));
      let before = one.statements();
      expect((await a.indexNow(id))?.changed).toBe(true);
      // Only the write: the version is the room's, the rows this process last wrote are diffed against under the guard.
      expect(one.statements() - before).toBe(1);
      expect(Number((await state()).doc_version)).toBe(await docVersion(s.db, id));
      expect(room.storedVersion).toBe(await docVersion(s.db, id));
      expect(await searchText()).toBe('清算平台：进度10%，一号改');

      // The other process indexes an edit (read from the store); the edit is then undone here, so the document is
      // again what this process last indexed — but not what is indexed now.
      const length = textOf('a').length;
      await edit(() => textOf('a').insert(length, '，临时'));
      expect((await b.indexNow(id))?.changed).toBe(true);
      expect(await searchText()).toBe('清算平台：进度10%，一号改，临时');
      await edit(() => textOf('a').delete(length, 3));
      before = one.statements();
      expect((await a.indexNow(id))?.changed).toBe(true);
      expect(await searchText()).toBe('清算平台：进度10%，一号改');
      expect(one.statements() - before).toBeGreaterThan(1); // the stored hash read, then the rows under the lock

      // Nothing changed since: the stored hash is read, and nothing is written.
      before = one.statements();
      expect((await a.indexNow(id))?.changed).toBe(false);
      expect(one.statements() - before).toBe(1);
    } finally {
      await rooms.releaseIfIdle(room);
      await one.db.close();
      await two.db.close();
    }
  });

  it('a project merged by another process: the next run of a process that remembers the projects of the report resolves them afresh', async () => {
    const spaceId = await spaceWith(ann);
    const id = (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W31' })).json.id;
    const store = createDocStore(s.db);
    await store.append(id, [docUpdate(doc(objective('o', 'O1', '业务服务'), okr('a', '贝易转：进度10%', { progress: 10 }), okr('b', '收单：进度20%', { progress: 20 })))]);
    const one = otherProcess(database.url);
    const a = new Indexer(one.db, store, null);
    const projectOf = async (blockId: string) => ({
      item: (await s.db.k.selectFrom('item').select('project_id').where('report_id', '=', id).where('block_id', '=', blockId).executeTakeFirstOrThrow()).project_id,
      search: (await s.db.k.selectFrom('search_row').select('project_id').where('report_id', '=', id).where('block_id', '=', blockId).execute()).map((r) => r.project_id),
    });
    try {
      await a.indexNow(id);
      const [from, into] = [(await projectOf('a')).item!, (await projectOf('b')).item!];
      expect(from).not.toBe(into);
      // The merge, by the server (another process than the indexer's).
      expect((await ann.call('POST', `/api/spaces/${spaceId}/projects/merge`, { from, into })).status).toBe(200);
      await editItem(store, id, 'a', '，合并后改');
      expect((await a.indexNow(id))?.changed).toBe(true);
      expect(await projectOf('a')).toEqual({ item: into, search: [into] });
    } finally {
      await one.db.close();
    }
  });
});
