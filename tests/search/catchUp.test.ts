import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { doc, docUpdate, objective, okr, p } from './docs.js';
import { createDocStore, type DocStore } from '../../server/db/docStore.js';
import { createReport } from '../../server/domain/reports.js';
import { docVersion, reportsBehind } from '../../server/search/catchUp.js';

/**
 * The start-up catch-up (search/catchUp.ts, Indexer.catchUp) on what a killed process can leave: edits stored
 * straight into the document store here, as if the process that stored them died before its indexing run (the
 * end-to-end kill -9 is tests/search/crashReindex.test.ts).
 */
const cases: [string, boolean][] = [['SQLite', true], ['PostgreSQL', !!PG_URL]];
describe.each(cases)('catch-up indexing at start (%s)', (kind, enabled) => {
  let s: TestServer;
  let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  let ann: TestUser;
  let spaceId: string;
  let store: DocStore;
  beforeAll(async () => {
    if (!enabled) return;
    database = kind === 'PostgreSQL' ? await freshDatabase() : null;
    s = await startTestServer({ databaseUrl: database?.url ?? null });
    [ann] = await signedUp(s.base, 'Ann');
    spaceId = await spaceWith(ann);
    store = createDocStore(s.db);
  });
  afterAll(async () => { await s?.close(); await database?.drop(); });

  const newReport = async (week: string) => (await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week })).json.id as string;
  const search = async (q: string) => (await ann.call('GET', `/api/spaces/${spaceId}/search?q=${encodeURIComponent(q)}`)).json.results as { reportId: string }[];
  const recorded = async (id: string) => {
    const row = await s.db.k.selectFrom('item_state').select('doc_version').where('report_id', '=', id).executeTakeFirst();
    return row ? Number(row.doc_version ?? 0) : null;
  };

  it.skipIf(!enabled)('re-indexes a report whose stored edit was never indexed, also after its log was compacted', async () => {
    const id = await newReport('2024-W10');
    expect(await reportsBehind(s.db)).not.toContain(id);
    await store.append(id, [docUpdate(doc(p('narwhalcompact first words')))]);
    await store.append(id, [docUpdate(doc(p('narwhalcompact second words')))]);
    const version = await docVersion(s.db, id);
    expect(version).toBeGreaterThan(0);
    expect(await reportsBehind(s.db)).toContain(id);
    // Compaction folds the log into the snapshot (upto_id): the version stays, the report stays behind.
    await store.compact(id);
    expect(await s.db.k.selectFrom('doc_update').select('id').where('doc_id', '=', id).execute()).toEqual([]);
    expect(await docVersion(s.db, id)).toBe(version);
    expect(await reportsBehind(s.db)).toContain(id);
    expect(await search('narwhalcompact')).toEqual([]);

    expect(await s.indexer.catchUp()).toBeGreaterThanOrEqual(1);
    expect((await search('narwhalcompact')).map((r) => r.reportId)).toEqual([id, id]);
    expect(await recorded(id)).toBe(version);
    expect(await reportsBehind(s.db)).toEqual([]);
    expect(await s.indexer.catchUp()).toBe(0);
  });

  it.skipIf(!enabled)('records the version of a stored edit that changes no row, so the next start finds nothing to do', async () => {
    const id = await newReport('2024-W11');
    await store.append(id, [docUpdate(doc(p('otterquiet words')))]);
    await s.indexer.indexNow(id);
    const before = await recorded(id);
    expect(before).toBe(await docVersion(s.db, id));
    // An update that changes nothing indexed (an empty one): the ordinary run writes nothing, version included.
    await store.append(id, [Y.encodeStateAsUpdate(new Y.Doc())]);
    expect(await s.indexer.indexNow(id)).toMatchObject({ changed: false });
    expect(await recorded(id)).toBe(before);
    expect(await reportsBehind(s.db)).toEqual([id]);
    // The catch-up run records it.
    expect(await s.indexer.catchUp()).toBe(1);
    expect(await recorded(id)).toBeGreaterThan(before!);
    expect(await reportsBehind(s.db)).toEqual([]);
  });

  it.skipIf(!enabled)('indexes a report created with a document but never indexed (import, next week) first, with its rhythm baseline', async () => {
    const other = await newReport('2024-W12');
    await store.append(other, [docUpdate(doc(p('behind but indexed before')))]);
    // createReport without the route's indexNow after it: the process died in between.
    const created = await createReport(s.db, store, spaceId, '2024-W13', docUpdate(doc(objective('o', 'O1', '业务服务'), okr('k', '鲸鱼项目：进度50%', { progress: 50 }))));
    expect(await recorded(created.id)).toBeNull();
    expect(await reportsBehind(s.db)).toEqual([created.id, other]);
    expect(await s.indexer.catchUp()).toBe(2);
    const items = (await ann.call('GET', `/api/reports/${created.id}/items`)).json;
    expect(items.okrs).toEqual([expect.objectContaining({ blockId: 'k', progress: 50 })]);
    // The run was the report's baseline: the carried item does not count as updated this week.
    const start = await s.db.k.selectFrom('item_update').select(['seen']).where('report_id', '=', created.id).where('block_id', '=', '').executeTakeFirstOrThrow();
    expect(start.seen).not.toBe('');
    const row = await s.db.k.selectFrom('item_update').select(['baseline', 'seen', 'updated_by']).where('report_id', '=', created.id).where('block_id', '=', 'k').executeTakeFirstOrThrow();
    expect(row.baseline).toBe(row.seen);
    expect(row.updated_by).toBeNull();
  });

  it.skipIf(!enabled)('leaves out deleted reports, and takes rows indexed before migration 011 as behind once', async () => {
    const gone = await newReport('2024-W14');
    await store.append(gone, [docUpdate(doc(p('deleted report words')))]);
    await s.db.k.deleteFrom('report').where('id', '=', gone).execute(); // its log rows stay behind
    expect(await reportsBehind(s.db)).toEqual([]);

    const old = await newReport('2024-W15');
    await store.append(old, [docUpdate(doc(p('indexed before the column existed')))]);
    await s.indexer.indexNow(old);
    await s.db.k.updateTable('item_state').set({ doc_version: null }).where('report_id', '=', old).execute();
    expect(await reportsBehind(s.db)).toEqual([old]);
    expect(await s.indexer.catchUp()).toBe(1);
    expect(await reportsBehind(s.db)).toEqual([]);
  });
});
