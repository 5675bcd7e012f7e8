import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { prosemirrorJSONToYDoc, prosemirrorToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type { RootContent } from 'mdast';
import { markdownTree } from '../../shared/markdown/tree.js';
import { parseReport } from '../../shared/markdown/parse.js';
import { lostLinesAt } from '../../shared/markdown/lostLines.js';
import { reportSchema } from '../../shared/blocks/index.js';
import { DOC_FIELD } from '../../shared/doc/field.js';
import { importMarkdown } from '../../server/domain/importReport.js';
import { markdownBlocksInWorkers, markdownWorkerStats } from '../../server/domain/markdownWorkers.js';
import { createDocStore } from '../../server/db/docStore.js';
import { bigMarkdown } from '../../bench/importDoc.js';
import { ChildServer } from '../helpers/childServer.js';
import { TestUser, spaceWith } from '../helpers/client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Issue 17: long files are parsed in pieces (micromark is quadratic in list items); the tree must be the same. */
const whole = (s: string) => fromMarkdown(s, { extensions: [gfm({ singleTilde: false })], mdastExtensions: [gfmFromMarkdown()] });
const json = (t: ReturnType<typeof whole>) => JSON.stringify(t.children);

describe('long Markdown files', () => {
  it('parse in pieces to the same tree, positions included, as one parse', () => {
    const fenced = '\n```sh\n# a shell comment, not a heading\n```\n\n~~~\n## nor this\n~~~\n# A heading after fences\n- item\n';
    const src = bigMarkdown(160_000) + fenced + bigMarkdown(90_000, '2024-W25');
    expect(src.length).toBeGreaterThan(64 * 1024);
    const a = whole(src);
    const b = markdownTree(src);
    expect(b.children.length).toBe(a.children.length);
    expect(json(b)).toBe(json(a));
  });

  it('parses whole when something could reach across headings (reference definitions, an open fence)', () => {
    const refs = bigMarkdown(200_000) + '\n[docs]: https://example.com/docs\n\nsee [the docs][docs]\n';
    expect(json(markdownTree(refs))).toBe(json(whole(refs)));
    const open = bigMarkdown(200_000) + '\n```\n# inside a fence that never closes\n';
    expect(json(markdownTree(open))).toBe(json(whole(open)));
  });

  it('a 2 MB report imports as blocks with nothing lost', () => {
    const md = bigMarkdown(2 * 1024 * 1024);
    const parsed = parseReport(md, { week: '2024-W12' });
    expect(parsed.doc.content!.length).toBeGreaterThan(10_000);
    expect(parsed.warnings).toEqual([]);
  });
});

/** Long strings compared without printing megabytes: where they part, with some context. */
function sameText(a: string, b: string) {
  if (a === b) return;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  expect(a.slice(Math.max(0, i - 200), i + 200)).toBe(b.slice(Math.max(0, i - 200), i + 200));
  expect(a.length).toBe(b.length);
}

/** The server parses long files' pieces in worker threads (server/domain/markdownWorkers.ts): nothing may change. */
describe('long Markdown files parsed in worker threads', () => {
  const fenced = '\n```sh\n# a shell comment, not a heading\n```\n\n~~~\n## nor this\n~~~\n# A heading after fences\n- item\n';
  const all = async (src: string, stopAfter = Infinity) => {
    const nodes: RootContent[] = [];
    for await (const n of markdownBlocksInWorkers(src)) if (nodes.push(n) >= stopAfter) break;
    return nodes;
  };
  let s: TestServer | undefined;
  let child: ChildServer | undefined;
  afterAll(async () => {
    await s?.close();
    await child?.kill();
  });

  it('give the same nodes, positions included, as the pieces parsed in this thread', async () => {
    const src = bigMarkdown(300_000) + fenced + bigMarkdown(200_000, '2024-W34');
    const tree = markdownTree(src).children;
    // Every batch goes to the workers (none is parsed here while they start).
    let before, after;
    for (let run = 0; run < 5; run++) {
      before = markdownWorkerStats();
      expect(await all(src)).toStrictEqual(tree);
      after = markdownWorkerStats();
      if (after.here === before.here) break;
    }
    // On a machine of one core there are no workers, and the same nodes come from this thread.
    if (after!.workers > 0) expect(after!.inWorkers - before!.inWorkers).toBeGreaterThan(4);
    expect(after!.here).toBe(before!.here);
    // A reader that stops early (an import refused halfway) leaves the pool fit for the next file.
    expect((await all(src, 50)).length).toBe(50);
    expect(JSON.stringify(await all(src))).toBe(JSON.stringify(tree));
    // Files parsed whole and short files go to the workers as one piece, and come back the same.
    const refs = bigMarkdown(200_000) + '\n[docs]: https://example.com/docs\n\nsee [the docs][docs]\n';
    const short = '# 2024-W12\n\n- a [link](u) and **bold**\n';
    const counted = markdownWorkerStats();
    expect(await all(refs)).toStrictEqual(whole(refs).children);
    expect(await all(short)).toStrictEqual(whole(short).children);
    if (counted.workers > 0) expect(markdownWorkerStats().inWorkers).toBe(counted.inWorkers + 2);
  });

  it('importMarkdown stores the document, notices and update the one-thread parse gives', async () => {
    s = await startTestServer();
    const owner = await new TestUser(s.base, 'Owner').signUp();
    const space = await spaceWith(owner);
    const text = bigMarkdown(600_000);
    const r = await importMarkdown(s.db, createDocStore(s.db), space, text, '2099-W10');

    const simple = parseReport(text, { week: '2099-W10', people: [{ id: owner.id, name: owner.name }] });
    expect(lostLinesAt(text, simple.doc)).toEqual([]);
    expect(r.notices.map(({ code, params }) => ({ code, params }))).toEqual(simple.warnings);
    expect(r.notices.map((n) => n.code)).toEqual(['import.weekOverride']);

    const stored = await createDocStore(s.db).load(r.report.id);
    expect(stored.updates).toHaveLength(1);
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, stored.updates[0]);
    const json = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(DOC_FIELD));
    // Random ids aside (block ids; project keys, which the import links by name): the one-thread parse's document.
    const plain = (d: unknown) => JSON.stringify(d, (k, v) => (k === 'blockId' || k === 'projectKey' ? undefined : v));
    const expected = yXmlFragmentToProsemirrorJSON(prosemirrorJSONToYDoc(reportSchema(), simple.doc, DOC_FIELD).getXmlFragment(DOC_FIELD));
    sameText(plain(json), plain(expected));
    // Byte for byte what the one-thread path (prosemirrorJSONToYDoc: a new Y.Doc, the node written into its fragment)
    // encodes for this document, given the same client id.
    const [client] = [...Y.parseUpdateMeta(stored.updates[0]).from.keys()];
    const one = new Y.Doc();
    one.clientID = client;
    prosemirrorToYXmlFragment(reportSchema().nodeFromJSON(json), one.getXmlFragment(DOC_FIELD));
    expect(Buffer.from(stored.updates[0]).equals(Buffer.from(Y.encodeStateAsUpdate(one)))).toBe(true);
  });

  it('the bundled server (npm start) parses them in its workers too', async () => {
    child = new ChildServer();
    await child.start();
    const owner = await new TestUser(child.base, 'Owner').signUp();
    const space = await spaceWith(owner);
    const text = bigMarkdown(600_000);
    const r = await owner.call('POST', `/api/spaces/${space}/import?week=2099-W11`, text, { 'content-type': 'text/markdown' });
    expect(r.status, r.text).toBe(201);
    expect(r.json.notices.map((n: { code: string }) => n.code)).toEqual(['import.weekOverride']);
    const items = (await owner.call('GET', `/api/reports/${r.json.report.id}/items`)).json;
    expect(items.okrs.length).toBe(r.json.counts.okrs);
    expect(r.json.counts.okrs).toBeGreaterThan(1000);
    // A worker that could not load the parser, or failed, says so (and its batches were parsed on the main thread).
    expect(child.output).not.toMatch(/Markdown (worker|parser)/);
  });
});
