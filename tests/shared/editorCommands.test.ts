// Editor commands that are pure ProseMirror over the shared schema (no DOM): block moves and the `/` menu filter.
import { describe, expect, it } from 'vitest';
import { EditorState, NodeSelection, TextSelection } from '@tiptap/pm/state';
import { reportSchema } from '../../shared/blocks/index.js';
import type { DocNode } from '../../shared/blocks/types.js';
import { moveBlock } from '../../web/editor/blocks/moveBlock.js';
import { filterSlashItems, slashItems } from '../../web/editor/slash/items.js';
import i18n from '../../web/i18n/index.js';

const p = (t: string): DocNode => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });
const okr = (id: string, t: string): DocNode => ({ type: 'okrItem', attrs: { blockId: id, progress: 50 }, content: [p(t)] });
const obj = (code: string): DocNode => ({ type: 'objective', attrs: { blockId: `o${code}`, code, title: code } });

function stateWith(content: DocNode[], caretIn: string) {
  const doc = reportSchema().nodeFromJSON({ type: 'doc', content });
  let at = -1;
  doc.descendants((n, pos) => { if (at < 0 && n.isText && n.text!.includes(caretIn)) at = pos + 1; return at < 0; });
  return EditorState.create({ doc, selection: TextSelection.create(doc, at) });
}
const order = (s: EditorState) => s.doc.content.content.map((n) => n.attrs.blockId ?? n.textContent);

describe('moveBlock', () => {
  it('moves the whole OKR item the caret is in, keeping attributes and the caret inside it', () => {
    const s = stateWith([p('intro'), okr('a', 'alpha'), okr('b', 'beta')], 'beta');
    const up = s.apply(moveBlock(s, -1)!);
    expect(order(up)).toEqual(['intro', 'b', 'a']);
    expect(up.doc.child(1).attrs).toMatchObject({ blockId: 'b', progress: 50 });
    expect(up.selection.$from.parent.textContent).toBe('beta');
    const again = up.apply(moveBlock(up, -1)!);
    expect(order(again)).toEqual(['b', 'intro', 'a']);
    expect(moveBlock(again, -1)).toBeNull(); // already first
    const down = again.apply(moveBlock(again, 1)!);
    expect(order(down)).toEqual(['intro', 'b', 'a']);
  });

  it('moves a plain paragraph, and a selected objective heading (an atom)', () => {
    const s = stateWith([p('one'), p('two'), obj('O1')], 'one');
    expect(order(s.apply(moveBlock(s, 1)!))).toEqual(['two', 'one', 'oO1']);
    const sel = EditorState.create({ doc: s.doc, selection: NodeSelection.create(s.doc, s.doc.child(0).nodeSize + s.doc.child(1).nodeSize) });
    const moved = sel.apply(moveBlock(sel, -1)!);
    expect(order(moved)).toEqual(['one', 'oO1', 'two']);
    expect((moved.selection as NodeSelection).node.attrs.blockId).toBe('oO1');
  });
});

describe('slash menu items', () => {
  it('lists every structured block and the basic text blocks', () => {
    const ids = slashItems.map((i) => i.id);
    for (const id of ['okrItem', 'kpiTable', 'incident', 'keyProject', 'objective', 'heading1', 'bulletList', 'taskList', 'blockquote']) expect(ids).toContain(id);
  });
  it('filters by title, keyword (Chinese too), best title match first', () => {
    expect(filterSlashItems('okr')[0].id).toBe('okrItem');
    expect(filterSlashItems('事件').map((i) => i.id)).toEqual(['incident']);
    expect(filterSlashItems('kpi').map((i) => i.id)).toEqual(['kpiTable']);
    expect(filterSlashItems('todo').map((i) => i.id)).toEqual(['taskList']);
    expect(filterSlashItems('zzz')).toEqual([]);
    expect(filterSlashItems('')).toHaveLength(slashItems.length);
  });
  it('in Chinese, finds an entry by its title\'s pinyin, whole or by initials (walkthrough: `/zdxm` found nothing)', async () => {
    const before = i18n.language;
    await i18n.changeLanguage('zh-CN');
    try {
      expect(filterSlashItems('zdxm').map((i) => i.id)).toEqual(['keyProject']);
      expect(filterSlashItems('zhongdian').map((i) => i.id)).toEqual(['keyProject']);
      expect(filterSlashItems('bt').slice(0, 3).map((i) => i.id)).toEqual(['heading1', 'heading2', 'heading3']);
      expect(filterSlashItems('fengxian').map((i) => i.id)).toEqual(['risk']);
      expect(filterSlashItems('zb').map((i) => i.id)).toEqual(['kpiTable']);
      expect(filterSlashItems('scsj').map((i) => i.id)).toEqual(['incident']);
      expect(filterSlashItems('重点').map((i) => i.id)).toEqual(['keyProject']);
    } finally {
      await i18n.changeLanguage(before);
    }
  });
});
