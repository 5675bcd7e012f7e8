/** The update check as a pure function: what an editor does passes; what would blank or park the document does not. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from '../../server/sync/updateCheck.js';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { reportShape } from '../../shared/blocks/docShape.js';
import { reportSchema } from '../../shared/blocks/index.js';
import { parseReport } from '../../shared/markdown/parse.js';
import { readSample, sampleNames } from '../helpers/samples.js';

/** A server doc and a client doc in sync; `edit` runs on the client and each of its updates is checked, then applied. */
function session() {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const verdicts: ReturnType<typeof checkUpdate>[] = [];
  client.on('update', (u: Uint8Array) => {
    const v = checkUpdate(server, u, reportShape());
    verdicts.push(v);
    if (v.ok) Y.applyUpdate(server, u);
  });
  const frag = client.getXmlFragment('default');
  return { server, client, frag, verdicts };
}

function okr(text: string) {
  const el = new Y.XmlElement('okrItem');
  el.setAttribute('blockId', Math.random().toString(36).slice(2));
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  el.insert(0, [p]);
  return el;
}

describe('honest edits pass', () => {
  it('typing, formatting, field edits again and again, deletes and moves', () => {
    const { frag, client, verdicts } = session();
    frag.insert(0, [okr('物保三期进度95%')]);
    const item = frag.get(0) as Y.XmlElement;
    for (const v of [10, 20, 30, 99]) item.setAttribute('progress', v as never); // each overwrite's origin is the last
    item.setAttribute('due', '2024-03-28');
    const text = (item.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (let i = 0; i < 50; i++) text.insert(3 + i, '字');
    text.format(0, 4, { bold: true });
    text.format(0, 2, { bold: null });
    text.delete(1, 5);
    frag.insert(1, [okr('聚合支付')]);
    client.transact(() => {
      const moved = (frag.get(0) as Y.XmlElement).clone();
      frag.delete(0, 1);
      frag.insert(1, [moved]);
    });
    expect(verdicts.filter((v) => !v.ok)).toEqual([]);
    expect(verdicts.length).toBeGreaterThan(60);
  });

  it('a client that was offline sends one big update that passes whole', () => {
    const { server } = session();
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(offline);
    const f = offline.getXmlFragment('default');
    for (let i = 0; i < 20; i++) f.push([okr(`item ${i}`)]);
    (f.get(3) as Y.XmlElement).setAttribute('progress', 50 as never);
    (f.get(3) as Y.XmlElement).setAttribute('progress', 60 as never);
    f.delete(5, 2);
    expect(checkUpdate(server, Y.encodeStateAsUpdate(offline, before), reportShape())).toEqual({ ok: true });
  });
});

describe('documents the app itself writes pass', () => {
  it.each(sampleNames)('the imported sample %s, sent whole by a client', (name) => {
    const doc = prosemirrorJSONToYDoc(reportSchema(), parseReport(readSample(name)).doc, 'default');
    expect(checkUpdate(new Y.Doc(), Y.encodeStateAsUpdate(doc), reportShape())).toEqual({ ok: true });
  });
});

describe('what would blank or park the document is refused', () => {
  const base = () => {
    const s = session();
    s.frag.insert(0, [okr('x')]);
    return s;
  };
  it.each([
    ['a Y.Map at the top', (f: Y.XmlFragment) => f.insert(0, [new Y.Map() as never])],
    ['an attribute holding a Y type', (f: Y.XmlFragment) => (f.get(0) as Y.XmlElement).setAttribute('x', new Y.XmlText('t') as never)],
    ['an embed in text', (f: Y.XmlFragment) => (((f.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText).insertEmbed(0, { evil: 1 })],
    ['an unknown mark', (f: Y.XmlFragment) => (((f.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 1, { blink: true })],
    ['a paragraph inside a paragraph', (f: Y.XmlFragment) => ((f.get(0) as Y.XmlElement).get(0) as Y.XmlElement).insert(0, [new Y.XmlElement('paragraph')])],
    ['a KPI row outside a KPI table', (f: Y.XmlFragment) => f.insert(0, [new Y.XmlElement('kpiRow')])],
    ['text straight inside a block that holds paragraphs', (f: Y.XmlFragment) => (f.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('loose')])],
    ['an attribute holding an object', (f: Y.XmlFragment) => (f.get(0) as Y.XmlElement).setAttribute('progress', { evil: true } as never)],
    ['an attribute holding a megabyte', (f: Y.XmlFragment) => (f.get(0) as Y.XmlElement).setAttribute('project', 'x'.repeat(1 << 20) as never)],
    ['a paragraph inside text', (f: Y.XmlFragment) => (((f.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText).insertEmbed(0, new Y.XmlElement('paragraph') as never)],
  ])('%s', (_what, change) => {
    const { frag, verdicts } = base();
    change(frag);
    expect(verdicts.at(-1)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('another root', () => {
    const { client, verdicts } = base();
    client.getMap('evil').set('a', 1);
    expect(verdicts.at(-1)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('an update that builds on structs the server has not seen asks for state', () => {
    const { client, frag } = base();
    const sv = Y.encodeStateVector(client);
    frag.push([okr('two')]);
    const second = Y.encodeStateAsUpdate(client, sv);
    expect(checkUpdate(new Y.Doc(), second, reportShape())).toMatchObject({ ok: false, reason: 'missing' });
  });
});
