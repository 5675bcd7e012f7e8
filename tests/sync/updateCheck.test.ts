/** The update check as a pure function: what an editor does passes; what would blank or park the document does not. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { checkUpdate } from '../../server/sync/updateCheck.js';
import { MAX_ATTRIBUTES, MAX_DEPTH } from '../../shared/doc/shape.js';
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

  it('quotes nested past MAX_DEPTH, in one update or one level at a time; as deep as the limit passes', () => {
    const nest = (levels: number) => {
      const top = new Y.XmlElement('blockquote');
      let at = top;
      for (let i = 1; i < levels; i++) {
        const inner = new Y.XmlElement('blockquote');
        at.insert(0, [inner]);
        at = inner;
      }
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('深')]);
      at.insert(0, [p]);
      return { top, innermost: at };
    };
    const ok = session();
    ok.frag.insert(0, [nest(MAX_DEPTH - 1).top]); // the paragraph at MAX_DEPTH
    expect(ok.verdicts.at(-1)).toEqual({ ok: true });

    const once = session();
    once.frag.insert(0, [nest(500).top]);
    expect(once.verdicts.at(-1)).toMatchObject({ ok: false, reason: 'invalid', detail: expect.stringContaining('nested') });
    expect(once.server.getXmlFragment('default').length).toBe(0);

    // Level by level, each update one more quote inside what the server already holds.
    const steps = session();
    const { top, innermost } = nest(MAX_DEPTH - 1);
    steps.frag.insert(0, [top]);
    expect(steps.verdicts.at(-1)).toEqual({ ok: true });
    const deeper = new Y.XmlElement('blockquote'); // at MAX_DEPTH itself: its paragraph one past
    deeper.insert(0, [new Y.XmlElement('paragraph')]);
    innermost.insert(0, [deeper]);
    expect(steps.verdicts.at(-1)).toMatchObject({ ok: false, reason: 'invalid', detail: expect.stringContaining('nested') });
  });

  it('more attributes on one element than any block has; a megabyte in a text attribute or a link mark', () => {
    const many = base();
    const el = many.frag.get(0) as Y.XmlElement;
    many.client.transact(() => { for (let i = 0; i < 50; i++) el.setAttribute(`a${i}`, 'x'); });
    expect(many.verdicts.at(-1)).toEqual({ ok: true });
    many.client.transact(() => { for (let i = 50; i < 50 + MAX_ATTRIBUTES; i++) el.setAttribute(`a${i}`, 'x'); });
    expect(many.verdicts.at(-1)).toMatchObject({ ok: false, reason: 'invalid', detail: expect.stringContaining('attributes') });

    const text = base();
    const t = ((text.frag.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    t.setAttribute('hidden', { blob: 'x'.repeat(1 << 20) } as never);
    expect(text.verdicts.at(-1)).toMatchObject({ ok: false, reason: 'invalid' });

    const link = base();
    const lt = ((link.frag.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    lt.format(0, 1, { link: { href: 'https://example.com', target: '_blank' } });
    expect(link.verdicts.at(-1)).toEqual({ ok: true });
    lt.format(0, 1, { link: { href: 'javascript:alert(1)', extra: 'x'.repeat(2 << 20) } });
    expect(link.verdicts.at(-1)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('items whose neighbours lead back to each other are refused at once (the walk to their place never ended: the process died)', () => {
    // Two characters of client 5, each placed after the other: [client, clock, origin clock, text].
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 5);
    encoding.writeVarUint(e, 0);
    for (const [origin, text] of [[1, 'a'], [0, 'b']] as const) {
      encoding.writeUint8(e, 4 | 0x80); // a string, placed by its left neighbour
      encoding.writeVarUint(e, 5);
      encoding.writeVarUint(e, origin);
      encoding.writeVarString(e, text);
    }
    encoding.writeVarUint(e, 0); // no deletes
    expect(checkUpdate(new Y.Doc(), encoding.toUint8Array(e), reportShape())).toMatchObject({ ok: false, reason: 'invalid', detail: expect.stringContaining('lead back') });
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
