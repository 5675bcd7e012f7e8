import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../../shared/blocks/index.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { DOC_FIELD } from '../../shared/doc/field.js';
import { docJson } from '../../server/domain/docJson.js';
import { restoreBlocks } from '../../server/domain/restoreBlocks.js';
import { connect, eventually, signedUp, spaceWith, type TestUser } from '../helpers/client.js';
import { seedReport } from '../helpers/reportPage.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { keyProject, okr, p } from '../search/docs.js';

/**
 * Restoring a version writes what differs, not the whole report (hostile-input probe: after two paragraphs were
 * inserted into an open 17,000-block report, a restore rewrote every block below the first, held the process ~28 s
 * and sent every client megabytes).
 */
const blocks = (n: number, tag = ''): DocNode[] => Array.from({ length: n }, (_, i) =>
  i % 3 === 0 ? okr(`k${i}`, `项目${i} 进度 ${i % 100}%${tag}`) : i % 3 === 1 ? keyProject(`p${i}`, `贝易转${i}`, `备注 ${i}${tag}`) : p(`第 ${i} 段${tag}`));

function yDoc(content: DocNode[]) {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(reportSchema(), { type: 'doc', content }, doc.getXmlFragment(DOC_FIELD));
  return doc;
}

describe('restoreBlocks', () => {
  it('makes the document exactly the version, whatever was inserted, deleted, moved or changed meanwhile', () => {
    let seed = 7;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    for (let round = 0; round < 60; round++) {
      const version = blocks(40 + rand(40));
      const doc = yDoc(version);
      const frag = doc.getXmlFragment(DOC_FIELD);
      const edited = [...version];
      for (let e = 0; e < 1 + rand(12); e++) {
        const at = rand(edited.length + 1);
        const op = rand(5);
        if (op === 0) edited.splice(at, 0, p(`新段 ${round}-${e}`));
        else if (op === 1 && edited.length) edited.splice(Math.min(at, edited.length - 1), 1);
        else if (op === 2 && edited.length > 1) { const [b] = edited.splice(Math.min(at, edited.length - 1), 1); edited.splice(rand(edited.length + 1), 0, b); }
        else if (op === 3 && edited.length) { const i = Math.min(at, edited.length - 1); edited[i] = { ...edited[i], content: [p(`改过 ${round}-${e}`)] }; }
        else edited.splice(at, 0, okr(`n${round}-${e}`, `新项目 ${e}`));
      }
      doc.transact(() => { frag.delete(0, frag.length); prosemirrorJSONToYXmlFragment(reportSchema(), { type: 'doc', content: edited }, frag); });
      const target = docJson(yDoc(version));
      doc.transact(() => restoreBlocks(doc, frag, docJson(doc), target, reportSchema().nodeFromJSON(target)));
      expect(docJson(doc)).toEqual(target);
    }
  });
});

describe('restoring a version of a long open report', () => {
  let s: TestServer;
  let own: TestUser;
  let reportId: string;
  beforeAll(async () => {
    s = await startTestServer();
    [own] = await signedUp(s.base, 'Restorer');
    const spaceId = await spaceWith(own);
    reportId = (await own.call('POST', `/api/spaces/${spaceId}/reports`, { week: '2024-W12' })).json.id;
    await seedReport(own, reportId, blocks(3000));
  });
  afterAll(async () => { await s.close(); });

  it('sends everyone only what differs, and leaves the report exactly the version', { timeout: 60_000 }, async () => {
    const saved = await own.call('POST', `/api/reports/${reportId}/history`);
    expect(saved.status).toBe(201);
    const version = (await own.call('GET', `/api/reports/${reportId}/history/${saved.json.id}`)).json;
    const editor = connect(own, reportId);
    const watcher = connect(own, reportId);
    await Promise.all([editor.synced, watcher.synced]);
    const size = Y.encodeStateAsUpdate(watcher.doc).length;
    editor.doc.transact(() => {
      editor.frag.insert(3, [new Y.XmlElement('paragraph')]);
      editor.frag.insert(editor.frag.length - 2, [new Y.XmlElement('paragraph')]);
    });
    await eventually(() => watcher.frag.length === 3002, 'edits reached the watcher');
    let received = 0;
    watcher.doc.on('update', (u: Uint8Array) => { received += u.length; });
    const restored = await own.call('POST', `/api/reports/${reportId}/history/${saved.json.id}/restore`);
    expect(restored.status).toBe(200);
    await eventually(() => watcher.frag.length === 3000, 'restore reached the watcher', 20_000);
    expect(docJson(watcher.doc)).toEqual(version.doc);
    // Two paragraphs removed: a few hundred bytes. Rewriting the blocks between them sent more than the report itself.
    expect(received).toBeLessThan(size / 20);
    editor.close();
    watcher.close();
  });
});
