import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';

/**
 * The weekly rhythm in the editor (issue 15): blocks that changed since the previous report are highlighted in
 * place, with what changed (`进度 40% → 60%`), while the page's "Highlight changes" toggle is on; items stuck for
 * several reports carry a flag ("stuck for 4 reports since 2024-W20") all the time.
 *
 * A node decoration on the block's view: a class (`rh-new`, `rh-changed`, `rh-stuck`) and the words in
 * `data-rh-note`, drawn above the block by CSS (web/editor/changeMarks.css). The page gives the marks with
 * setChangeMarks; they are drawn again after every change of the document, so they follow their blocks.
 */
export interface ChangeMark {
  /** `new` or `changed` while highlighting; null for a stuck flag alone. */
  change: 'new' | 'changed' | null;
  stuck: boolean;
  /** What is written above the block. */
  note: string;
}
export type ChangeMarks = ReadonlyMap<string, ChangeMark>;

const none: ChangeMarks = new Map();
export const changeMarksKey = new PluginKey<{ marks: ChangeMarks; deco: DecorationSet }>('changeMarks');

function decorations(doc: PMNode, marks: ChangeMarks): DecorationSet {
  if (marks.size === 0) return DecorationSet.empty;
  const decos: Decoration[] = [];
  doc.descendants((node, pos) => {
    const id = node.attrs.blockId as string | undefined;
    const mark = id ? marks.get(id) : undefined;
    if (mark) {
      const cls = ['rh-mark', mark.change ? `rh-${mark.change}` : '', mark.stuck ? 'rh-stuck' : ''].filter(Boolean).join(' ');
      decos.push(Decoration.node(pos, pos + node.nodeSize, { class: cls, 'data-rh-note': mark.note, 'data-rh-block': id! }));
    }
    return true;
  });
  return DecorationSet.create(doc, decos);
}

export const ChangeMarksExtension = Extension.create({
  name: 'changeMarks',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: changeMarksKey,
        state: {
          init: () => ({ marks: none, deco: DecorationSet.empty }),
          apply(tr, prev, _old, state: EditorState) {
            const next = tr.getMeta(changeMarksKey) as ChangeMarks | undefined;
            if (next) return { marks: next, deco: decorations(state.doc, next) };
            if (!tr.docChanged || prev.marks.size === 0) return prev;
            // Drawn again (a few hundred blocks at most): a block that arrives from someone else, or comes back, is found.
            return { marks: prev.marks, deco: decorations(state.doc, prev.marks) };
          },
        },
        props: { decorations: (state) => changeMarksKey.getState(state)?.deco },
      }),
    ];
  },
});

/** Shows these marks in the editor (replacing what it showed). */
export function setChangeMarks(view: EditorView, marks: ChangeMarks) {
  if (view.isDestroyed) return;
  view.dispatch(view.state.tr.setMeta(changeMarksKey, marks).setMeta('addToHistory', false));
}
