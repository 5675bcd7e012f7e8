import * as Y from 'yjs';
import { prosemirrorJSONToYDoc, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../shared/blocks/index.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { CACHED_FROM, docJson, docJsonInTurns } from '../../server/domain/docJson.js';
import { h, keyProject, objective, okr, p } from '../search/docs.js';

/** A long report: `blocks` top-level blocks, structured ones with nested paragraphs among them. */
function longDoc(blocks: number): Y.Doc {
  const content: DocNode[] = [];
  for (let i = 0; content.length < blocks; i++) {
    content.push(h(2, `【O${i}】`), objective(`o${i}`, `O${i}`, `目标${i}`), okr(`k${i}`, `项目${i} 进度 ${i % 100}%`, { project: `项目${i}` }), keyProject(`p${i}`, `贝易转${i}`, `备注 ${i}`), p(`第 ${i} 段`));
  }
  return prosemirrorJSONToYDoc(reportSchema(), { type: 'doc', content: content.slice(0, blocks) }, 'default');
}
/** What y-tiptap converts the document to, whole: the kept JSON must always equal it. */
const whole = (doc: Y.Doc) => yXmlFragmentToProsemirrorJSON(doc.getXmlFragment('default'));
const fragment = (doc: Y.Doc) => doc.getXmlFragment('default');
const textIn = (el: Y.XmlElement): Y.XmlText => {
  const found = el.createTreeWalker((n) => n instanceof Y.XmlText).next();
  if (found.done) throw new Error('no text');
  return found.value as Y.XmlText;
};
/** The text of the first block from `at` on that has any. */
const textFrom = (doc: Y.Doc, at: number): Y.XmlText => {
  const blocks = fragment(doc).toArray() as Y.XmlElement[];
  for (let i = at; i < blocks.length; i++) {
    const found = blocks[i].createTreeWalker((n) => n instanceof Y.XmlText).next();
    if (!found.done) return found.value as Y.XmlText;
  }
  throw new Error('no text');
};

describe('a long report keeps its blocks as JSON until they change', () => {
  it('returns the same JSON as a whole conversion after every kind of change', () => {
    const doc = longDoc(CACHED_FROM + 100);
    expect(docJson(doc)).toEqual(whole(doc));
    const blocks = () => fragment(doc).toArray() as Y.XmlElement[];
    const changes: ((d: Y.Doc) => void)[] = [
      () => textIn(blocks()[2]).insert(0, '改 '), // text inside a nested paragraph
      () => blocks()[2].setAttribute('progress', 70 as never), // an attribute of a structured block
      () => textIn(blocks()[3]).format(0, 2, { bold: true }), // a mark
      () => fragment(doc).insert(1, [new Y.XmlElement('paragraph')]), // a block added
      () => fragment(doc).delete(5, 3), // blocks removed
      () => { const t = textIn(blocks()[4]); t.delete(0, t.length); }, // text emptied
    ];
    for (const change of changes) {
      doc.transact(() => change(doc));
      expect(docJson(doc)).toEqual(whole(doc));
    }
  });

  it('keeps an unchanged block as one frozen object, and converts a changed one again', () => {
    const doc = longDoc(CACHED_FROM);
    const before = docJson(doc).content!;
    textIn(fragment(doc).get(2) as Y.XmlElement).insert(0, 'x');
    const after = docJson(doc).content!;
    expect(after[1]).toBe(before[1]); // not converted again
    expect(after[2]).not.toBe(before[2]);
    expect(Object.isFrozen(after[1]) && Object.isFrozen(after[1].attrs)).toBe(true);
    expect(() => { (after[1].attrs as Record<string, unknown>).code = 'changed'; }).toThrow(TypeError);
  });

  it('keeps nothing for a short report', () => {
    const doc = longDoc(CACHED_FROM - 1);
    expect(docJson(doc).content![0]).not.toBe(docJson(doc).content![0]);
    expect(Object.isFrozen(docJson(doc).content![0])).toBe(false);
  });

  it('converts a long report in turns, and returns one state of it when it changes between them', async () => {
    const doc = longDoc(4 * CACHED_FROM);
    let turns = 0;
    const json = await docJsonInTurns(doc, async () => {
      turns++;
      // Someone edits while the conversion waits: blocks already converted and blocks not yet.
      doc.transact(() => {
        textFrom(doc, 0).insert(0, `${turns}`);
        textFrom(doc, 1000).insert(0, `${turns}`);
        fragment(doc).delete(fragment(doc).length - 1, 1);
        fragment(doc).insert(0, [new Y.XmlElement('paragraph')]);
      });
    });
    expect(turns).toBeGreaterThanOrEqual(3);
    expect(json).toEqual(whole(doc));
  });
});
