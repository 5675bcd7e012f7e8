import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { appendParagraph, connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { ChildServer } from '../helpers/childServer.js';
import { freshDatabase, PG_URL } from '../helpers/postgres.js';

/**
 * An edit stored just before a kill -9, inside the indexer's debounce (0.5 s): the process that stored it never
 * indexed it, and nothing else would until the report's next edit. The next process must find the report's stored
 * document newer than what was indexed from it and re-index it on its own, so search finds the edit.
 */
async function killedBeforeIndexing(server: ChildServer, indexedCount: (word: string) => Promise<number>) {
  await server.start();
  const [ann] = await signedUp(server.base, 'Ann');
  const spaceId = await spaceWith(ann);
  const report = await ann.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' });
  expect(report.status, report.text).toBe(201);
  const search = async (user: TestUser, q: string) => {
    const r = await user.call('GET', `/api/spaces/${spaceId}/search?q=${encodeURIComponent(q)}`);
    expect(r.status, r.text).toBe(200);
    return r.json.results as { reportId: string }[];
  };
  /** Search results for `q` once there are some. */
  const found = (q: string, what: string, ms = 5000) => eventually(async () => {
    const r = await search(ann, q);
    return r.length > 0 ? r : null;
  }, what, ms).then((r) => r!);

  // An earlier edit, indexed: the report has rows and an item_state row when the next edit is lost to the kill.
  const a = connect(ann, report.json.id), b = connect(ann, report.json.id);
  await Promise.all([a.synced, b.synced]);
  appendParagraph(a, 'walrusfirst indexed before the kill');
  expect((await found('walrusfirst', 'first edit indexed'))[0].reportId).toBe(report.json.id);

  // The second edit: killed the moment B receives it (the server broadcasts only what is stored).
  const word = `zebracrash${Date.now().toString(36)}`;
  const killed = new Promise<void>((resolve) => {
    b.doc.on('update', () => {
      if (b.text().includes(word)) resolve(server.kill());
    });
  });
  appendParagraph(a, `${word} typed just before the crash`);
  await killed;
  a.close();
  b.close(); // before the restart, so no client hands the new process anything
  // The premise: the edit is stored, its indexing never committed.
  expect(await indexedCount(word), 'the killed process indexed the edit before dying: the test proves nothing').toBe(0);

  await server.start(); // same data, a new process
  const hits = await found(word, 're-indexed after the restart', 8000);
  expect(hits[0].reportId).toBe(report.json.id);
  expect((await search(ann, 'walrusfirst')).length).toBe(1);
  await server.kill();
}

describe('re-indexing after kill -9 inside the debounce', () => {
  it('SQLite: search finds the edit after the restart', { timeout: 120_000 }, async () => {
    const server = new ChildServer();
    try {
      await killedBeforeIndexing(server, async (word) => {
        const db = new Database(path.join(server.dataDir, 'cadence.db'), { readonly: true });
        try {
          // The edit itself is in the document store (its text sits in the Yjs update as UTF-8).
          const stored = db.prepare('select data from doc_update').all() as { data: Buffer }[];
          const snap = db.prepare('select data from doc_snapshot').all() as { data: Buffer }[];
          expect([...stored, ...snap].some((r) => r.data.includes(word)), 'the edit is stored').toBe(true);
          return (db.prepare('select count(*) n from search_row where text like ?').get(`%${word}%`) as { n: number }).n;
        } finally {
          db.close();
        }
      });
    } finally {
      await server.kill();
    }
  });

  describe.skipIf(!PG_URL)('PostgreSQL', () => {
    let fresh: Awaited<ReturnType<typeof freshDatabase>> | null = null;
    afterAll(async () => { await fresh?.drop(); });

    it('search finds the edit after the restart', { timeout: 120_000 }, async () => {
      fresh = await freshDatabase();
      const server = new ChildServer(undefined, { DATABASE_URL: fresh.url });
      const c = new pg.Client({ connectionString: fresh.url });
      try {
        await killedBeforeIndexing(server, async (word) => {
          await c.connect();
          const stored = await c.query<{ data: Buffer }>('select data from doc_update union all select data from doc_snapshot');
          expect(stored.rows.some((r) => r.data.includes(word)), 'the edit is stored').toBe(true);
          return Number((await c.query('select count(*) n from search_row where text like $1', [`%${word}%`])).rows[0].n);
        });
      } finally {
        await c.end().catch(() => {});
        await server.kill();
      }
    });
  });
});
