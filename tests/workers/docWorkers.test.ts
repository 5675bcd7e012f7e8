import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { reportSchema } from '../../shared/blocks/index.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { encodeDocJson } from '../../shared/doc/encodeDoc.js';
import { DOC_FIELD } from '../../shared/doc/field.js';
import { parseReport } from '../../shared/markdown/parse.js';
import { openDb } from '../../server/db/client.js';
import { migrate } from '../../server/db/migrations/index.js';
import { createDocStore, LARGE_DOC_BYTES, yDocOf } from '../../server/db/docStore.js';
import { docJson, storedDocJson } from '../../server/domain/docJson.js';
import { docWorkerStats, encodeInWorker, foldStored } from '../../server/workers/docWorkers.js';
import { bigMarkdown } from '../../bench/importDoc.js';
import { connect, eventually, signedUp, spaceWith } from '../helpers/client.js';
import { ChildServer } from '../helpers/childServer.js';
import { startTestServer, tempDataDir } from '../helpers/server.js';

/**
 * A long document's fold, conversion and first encoding happen in a worker thread (a 2 MB report held the serving
 * thread 0.4–0.9 s at a stretch for each): the answers must be exactly what the serving thread computes.
 */
const long = parseReport(bigMarkdown(900 * 1024)).doc;
const encoded = encodeDocJson(long);
const jsonOf = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  const json = docJson(doc);
  doc.destroy();
  return json;
};
const db = openDb({ dataDir: tempDataDir(), databaseUrl: null });
await migrate(db);
const store = createDocStore(db);
afterAll(() => db.close());

describe('the document worker', () => {
  it('builds a long new report as the serving thread does, and refuses what the schema refuses', async () => {
    expect(encoded.length).toBeGreaterThan(LARGE_DOC_BYTES);
    const before = docWorkerStats().inWorker;
    const update = await encodeInWorker(long);
    expect(docWorkerStats().inWorker).toBe(before + 1);
    expect(jsonOf(update)).toEqual(jsonOf(encoded));
    const bad: DocNode = { type: 'doc', content: [...(long.content ?? []), { type: 'tableRow', content: [] }] };
    await expect(encodeInWorker(bad)).rejects.toThrow(RangeError);
  });

  it('reads a long stored document as readers see it: what the shape does not allow is left out', async () => {
    const id = 'long-read';
    await store.append(id, [encoded]);
    // An element the editor has no node for, written by some client into the stored log.
    const doc = yDocOf(await store.load(id), id);
    const sv = Y.encodeStateVector(doc);
    doc.getXmlFragment(DOC_FIELD).insert(3, [new Y.XmlElement('marquee')]);
    await store.append(id, [Y.encodeStateAsUpdate(doc, sv)]);
    doc.destroy();

    const before = docWorkerStats().inWorker;
    const json = await storedDocJson(store, id);
    expect(docWorkerStats().inWorker).toBe(before + 1);
    expect(json).toEqual(jsonOf(encoded));
    expect(JSON.stringify(json)).not.toContain('marquee');
  });

  it('folds a long stored log into the same document, keeping what was appended meanwhile', async () => {
    const id = 'long-fold';
    const doc = prosemirrorJSONToYDoc(reportSchema(), long, DOC_FIELD);
    await store.append(id, [Y.encodeStateAsUpdate(doc)]);
    const edits: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => edits.push(u));
    const text = () => ((doc.getXmlFragment(DOC_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText);
    text().insert(0, '甲');
    await store.append(id, edits.splice(0));

    const before = docWorkerStats().inWorker;
    const folding = store.compact(id);
    text().insert(0, '乙'); // stored while the fold is under way
    await store.append(id, edits.splice(0));
    await folding;
    expect(docWorkerStats().inWorker).toBe(before + 1);
    const stored = await store.load(id);
    expect(stored.updates.length).toBe(1); // the edit made meanwhile, still in the log
    const again = yDocOf(stored, id);
    expect(docJson(again)).toEqual(docJson(doc));
    again.destroy();

    expect(jsonOf(await foldStored(stored.snapshot, stored.updates, id))).toEqual(docJson(doc));
    doc.destroy();
  });

  it('a room of a long report folds its log in the worker; the report opens whole, last edits included', async () => {
    const server = await startTestServer();
    try {
      const [owner] = await signedUp(server.base, 'LongOwner');
      const spaceId = await spaceWith(owner);
      const reportId = (await owner.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W30' })).json.id as string;
      const writer = connect(owner, reportId);
      await writer.synced;
      const before = docWorkerStats().inWorker;
      Y.applyUpdate(writer.doc, encoded); // past the room's log limit: folded while open, then at release
      const last = (writer.frag.get(0) as Y.XmlElement).get(0) as Y.XmlText;
      last.insert(0, '最后一笔');
      const blocks = writer.frag.length;
      await eventually(async () => (await createDocStore(server.db).load(reportId)).updates.length > 0, 'stored', 15_000, 50);
      writer.close();
      await eventually(() => !server.rooms.has(reportId), 'room released', 15_000, 20);
      await eventually(() => docWorkerStats().inWorker > before, 'folded in the worker', 15_000, 20);
      await eventually(async () => (await createDocStore(server.db).load(reportId)).updates.length === 0, 'log folded', 15_000, 50);
      const reader = connect(owner, reportId);
      await reader.synced;
      expect(reader.frag.length).toBe(blocks);
      expect(reader.frag.get(0).toString()).toContain('最后一笔');
      reader.close();
    } finally {
      await server.close();
    }
  });
});

describe('the document worker, bundled as npm start runs it', () => {
  it('imports a long report over HTTP with its document built and read in the worker thread', async () => {
    const server = new ChildServer(undefined, { METRICS_TOKEN: 'worker-metrics-token' });
    await server.start();
    try {
      const [owner] = await signedUp(server.base, 'BundledOwner');
      const spaceId = await spaceWith(owner);
      const md = bigMarkdown(300 * 1024);
      expect(parseReport(md).doc.content!.length).toBeGreaterThan(2000);
      const r = await owner.call('POST', `/api/spaces/${spaceId}/import?week=2024-W12`, md, { 'content-type': 'text/markdown' });
      expect(r.status).toBe(201);
      const items = await owner.call('GET', `/api/reports/${r.json.report.id}/items`);
      expect(items.json.okrs.length).toBe(r.json.counts.okrs);
      const metrics = await (await fetch(`${server.base}/metrics`, { headers: { authorization: 'Bearer worker-metrics-token' } })).text();
      expect(Number(/cadence_doc_worker_jobs_total\{where="worker"\} (\d+)/.exec(metrics)?.[1] ?? 0)).toBeGreaterThanOrEqual(1);
      expect(metrics).toMatch(/cadence_doc_worker_jobs_total\{where="main"\} 0\b/);
    } finally {
      await server.kill();
    }
  });
});

describe('readers of a long report no room holds', () => {
  it('comments: a thread on a block is created and listed from the JSON read in the worker, not a Y.Doc loaded here', { timeout: 60_000 }, async () => {
    const server = await startTestServer();
    try {
      const [owner] = await signedUp(server.base, 'LongCommenter');
      const spaceId = await spaceWith(owner);
      const imported = await owner.call('POST', `/api/spaces/${spaceId}/import?week=2024-W12`, bigMarkdown(900 * 1024), { 'content-type': 'text/markdown' });
      expect(imported.status).toBe(201);
      const reportId = imported.json.report.id as string;
      const { okrs } = (await owner.call('GET', `/api/reports/${reportId}/items`)).json;
      const blockId = okrs[okrs.length - 1].blockId as string;
      await eventually(() => !server.rooms.has(reportId), 'no room holds the report');
      const before = docWorkerStats().inWorker;
      const created = await owner.call('POST', `/api/reports/${reportId}/comments`, { blockId, body: '这一项要复盘' });
      expect(created.status).toBe(201);
      const listed = await owner.call('GET', `/api/reports/${reportId}/comments`);
      expect(listed.json).toMatchObject([{ blockId, body: '这一项要复盘', detached: false }]);
      expect(docWorkerStats().inWorker).toBe(before + 2);
      expect((await owner.call('POST', `/api/reports/${reportId}/comments`, { blockId: 'no-such-block', body: '?' })).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
