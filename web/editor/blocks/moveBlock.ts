import { Extension } from '@tiptap/core';
import { Fragment, type Node as PMNode, type ResolvedPos } from '@tiptap/pm/model';
import { NodeSelection, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { blockTypes } from '../../../shared/blocks/index.js';
import { oneStep } from '../undo.js';

const structured = new Set<string>(blockTypes);
const listLike = new Set(['listItem', 'taskItem']);

/** Depths of the nodes around the selection that a move could apply to, preferred first. */
function candidateDepths($from: ResolvedPos): number[] {
  const depths: number[] = [];
  for (let d = $from.depth; d >= 1; d--) if (structured.has($from.node(d).type.name)) depths.push(d);
  for (let d = $from.depth; d >= 1; d--) if (listLike.has($from.node(d).type.name)) depths.push(d);
  for (let d = $from.depth; d >= 1; d--) depths.push(d);
  return [...new Set(depths)];
}

/** Swap child `index` of `parent` (content starting at `parentStart`) with its neighbour; null when the schema forbids it. */
function swap(state: EditorState, parent: PMNode, parentStart: number, index: number, dir: -1 | 1) {
  const other = index + dir;
  if (other < 0 || other >= parent.childCount) return null;
  const children: PMNode[] = [];
  parent.forEach((c) => children.push(c));
  [children[index], children[other]] = [children[other], children[index]];
  if (!parent.type.validContent(Fragment.from(children))) return null;
  const first = Math.min(index, other);
  let from = parentStart;
  for (let i = 0; i < first; i++) from += parent.child(i).nodeSize;
  const a = parent.child(first);
  const b = parent.child(first + 1);
  const tr = state.tr.replaceWith(from, from + a.nodeSize + b.nodeSize, Fragment.from([b, a]));
  // where the moved node starts now
  const movedStart = dir === -1 ? from : from + b.nodeSize;
  return { tr, movedStart };
}

/**
 * Swap the block around the selection with its previous (dir -1) or next (dir +1) sibling, as one ProseMirror
 * transaction, keeping the caret in the moved block. Structured blocks move as a whole (not the paragraph in them);
 * a swap that the parent's content rules forbid is skipped in favour of the next enclosing block.
 */
export function moveBlock(state: EditorState, dir: -1 | 1): Transaction | null {
  const sel = state.selection;
  if (sel instanceof NodeSelection) {
    const $pos = state.doc.resolve(sel.from);
    const done = swap(state, $pos.parent, $pos.start(), $pos.index(), dir);
    if (!done) return null;
    return done.tr.setSelection(NodeSelection.create(done.tr.doc, done.movedStart)).scrollIntoView();
  }
  const $from = sel.$from;
  for (const d of candidateDepths($from)) {
    const done = swap(state, $from.node(d - 1), $from.start(d - 1), $from.index(d - 1), dir);
    if (!done) continue;
    const offset = sel.from - $from.before(d);
    const target = done.movedStart + Math.min(offset, $from.node(d).nodeSize - 1);
    return done.tr.setSelection(TextSelection.near(done.tr.doc.resolve(target))).scrollIntoView();
  }
  return null;
}

/** Alt+↑ / Alt+↓ move the current block up or down (Notion's Mod+Shift+↑/↓ also works). */
export const MoveBlock = Extension.create({
  name: 'moveBlock',
  addKeyboardShortcuts() {
    const run = (dir: -1 | 1) => () => {
      const tr = moveBlock(this.editor.state, dir);
      if (!tr) return false;
      oneStep(this.editor, () => this.editor.view.dispatch(tr)); // one undo step
      return true;
    };
    return { 'Alt-ArrowUp': run(-1), 'Alt-ArrowDown': run(1), 'Mod-Shift-ArrowUp': run(-1), 'Mod-Shift-ArrowDown': run(1) };
  },
});
