// Enter inside structured blocks, as pure ProseMirror over the shared schema (no DOM): it leaves a one-line item at
// the end of its text, leaves a key project on an empty last line, adds a line on an empty line elsewhere, and no
// keystroke splits a block into two with the same blockId (the split ProseMirror's default Enter makes is caught).
import { describe, expect, it } from 'vitest';
import { liftEmptyBlock } from '@tiptap/pm/commands';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { reportSchema } from '../../shared/blocks/index.js';
import { blocks } from '../../shared/blocks/index.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { duplicatesBlock, enterInBlock } from '../../web/editor/blocks/fieldKeys.js';

const p = (t = ''): DocNode => (t ? { type: 'paragraph', content: [{ type: 'text', text: t }] } : { type: 'paragraph' });
const project = (id: string, name: string, ...content: DocNode[]): DocNode => ({ type: 'keyProject', attrs: { blockId: id, project: name }, content });
const okr = (id: string, ...content: DocNode[]): DocNode => ({ type: 'okrItem', attrs: { blockId: id }, content });

/** A state with the caret at `offset` in the `n`th textblock (document order). */
function caretIn(content: DocNode[], n: number, offset: number | 'end' = 'end') {
  const doc = reportSchema().nodeFromJSON({ type: 'doc', content });
  let i = 0;
  let at = -1;
  doc.descendants((node, pos) => {
    if (at >= 0) return false;
    if (node.isTextblock && i++ === n) at = pos + 1 + (offset === 'end' ? node.content.size : offset);
    return true;
  });
  return EditorState.create({ doc, selection: TextSelection.create(doc, at) });
}
const shape = (s: EditorState) => s.doc.toJSON().content.map((n: DocNode) =>
  n.type === 'paragraph' ? `p:${(n.content ?? []).map((c) => c.text).join('')}` : `${n.type}(${(n.content ?? []).map((c) => (c.content ?? []).map((x) => x.text).join('')).join('|')})`);
const caretLine = (s: EditorState) => ({ parent: s.selection.$from.parent.type.name, in: s.selection.$from.node(s.selection.$from.depth - 1).type.name });

describe('Enter in a block', () => {
  it('inside a key project, Enter on an empty line in the middle adds a line: never two projects of one name', () => {
    const s = caretIn([project('k1', '贝易转', p('line one'), p(), p('line two'))], 1);
    // ProseMirror's default (liftEmptyBlock) splits the project in two, both named 贝易转: the reported bug.
    let split: Transaction | null = null;
    liftEmptyBlock(s, (tr) => { split = tr; });
    expect(split).not.toBeNull();
    expect(s.apply(split!).doc.childCount).toBe(2);
    expect(duplicatesBlock(split!, s.doc)).toBe(true); // and the guard refuses it

    const tr = enterInBlock(s)!;
    const next = s.apply(tr);
    expect(shape(next)).toEqual(['keyProject(line one|||line two)']);
    expect(caretLine(next)).toEqual({ parent: 'paragraph', in: 'keyProject' });
    expect(duplicatesBlock(tr, s.doc)).toBe(false);
  });

  it('double Enter at the end of a key project’s text leaves it; a line with text is split as usual', () => {
    const s = caretIn([project('k1', '贝易转', p('联调完成'))], 0);
    expect(enterInBlock(s)).toBeNull(); // a new line inside (the default splitBlock)
    const withLine = caretIn([project('k1', '贝易转', p('联调完成'), p())], 1);
    const out = withLine.apply(enterInBlock(withLine)!);
    expect(shape(out)).toEqual(['keyProject(联调完成)', 'p:']);
    expect(caretLine(out)).toEqual({ parent: 'paragraph', in: 'doc' });
  });

  it('Enter at the end of an OKR item’s text leaves the item (into the empty line after it, or a new one)', () => {
    const s = caretIn([okr('o1', p('物保三期进度95%'))], 0);
    const out = s.apply(enterInBlock(s)!);
    expect(shape(out)).toEqual(['okrItem(物保三期进度95%)', 'p:']);
    expect(caretLine(out)).toEqual({ parent: 'paragraph', in: 'doc' });
    const before = caretIn([okr('o1', p('物保三期')), p(), p('after')], 0);
    const reused = before.apply(enterInBlock(before)!);
    expect(shape(reused)).toEqual(['okrItem(物保三期)', 'p:', 'p:after']); // no second empty line
    expect(reused.selection.from).toBe(before.doc.child(0).nodeSize + 1);
    // in the middle of its text Enter splits the line inside the item
    expect(enterInBlock(caretIn([okr('o1', p('物保三期'))], 0, 2))).toBeNull();
  });

  it('an OKR item inside a key project leaves into the project', () => {
    const s = caretIn([project('k1', 'POS', p('intro'), okr('o1', p('押金进度40%')))], 1);
    const out = s.apply(enterInBlock(s)!);
    expect(out.doc.child(0).type.name).toBe('keyProject');
    expect(out.doc.child(0).childCount).toBe(3);
    expect(caretLine(out)).toEqual({ parent: 'paragraph', in: 'keyProject' });
  });
});

describe('duplicatesBlock', () => {
  it('passes moves and edits, catches a copy of a block made by a keystroke', () => {
    const s = caretIn([okr('a', p('alpha')), okr('b', p('beta'))], 0);
    expect(duplicatesBlock(s.tr.insertText('x'), s.doc)).toBe(false);
    const copy = s.tr.insert(s.doc.content.size, s.doc.child(0));
    expect(duplicatesBlock(copy, s.doc)).toBe(true);
    const a = s.doc.child(0);
    const b = s.doc.child(1);
    expect(duplicatesBlock(s.tr.replaceWith(0, a.nodeSize + b.nodeSize, [b, a]), s.doc)).toBe(false);
  });
});

describe('editor traits', () => {
  it('every block with fields declares them; one-line items leave at the end of their text', () => {
    const withFields = blocks.filter((b) => b.editor?.fields).map((b) => b.name);
    expect(withFields).toEqual(['keyProject', 'okrItem', 'kpiTable', 'incident', 'risk']);
    expect(blocks.filter((b) => b.editor?.exitAtEnd).map((b) => b.name)).toEqual(['okrItem', 'incident', 'risk']);
    expect(blocks.find((b) => b.name === 'kpiTable')?.editor?.enterInField).toBe('nextRow');
  });
});
