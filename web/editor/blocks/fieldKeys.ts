import { Extension, type Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type { KeyboardEvent } from 'react';
import { blocks } from '../../../shared/blocks/index.js';

/** Where Tab goes from the text of a block: its first field (each block's `editor.firstField`). */
const firstField = new Map<string, string>(blocks.flatMap((b) => (b.editor?.firstField ? [[b.name, b.editor.firstField] as const] : [])));

/** Tab in the text of a block with fields focuses its first field (an OKR item's progress, an incident's start); lists still indent first. */
export function focusBlockField(editor: Editor): boolean {
  const { $from } = editor.state.selection;
  for (let d = $from.depth; d >= 1; d--) {
    const selector = firstField.get($from.node(d).type.name);
    if (!selector) continue;
    const dom = editor.view.nodeDOM($from.before(d)) as HTMLElement | null;
    const field = dom?.querySelector<HTMLElement>(selector);
    if (!field || (field as HTMLInputElement).disabled) return false;
    field.focus();
    return true;
  }
  return false;
}

const exitable = new Set<string>(blocks.filter((b) => b.editor?.exitOnEmptyLine).map((b) => b.name));

/**
 * Enter on an empty last line of a block that allows it (`editor.exitOnEmptyLine`: OKR item, incident, key project, risk) leaves the block: the empty line moves out,
 * just after it (as in Notion's toggles and callouts), so typing goes on in the report.
 */
export function exitBlockOnEmptyLine(editor: Editor): boolean {
  const { $from, empty } = editor.state.selection;
  if (!empty || $from.parent.type.name !== 'paragraph' || $from.parent.content.size > 0) return false;
  const d = $from.depth - 1;
  if (d < 1 || !exitable.has($from.node(d).type.name)) return false;
  const block = $from.node(d);
  if ($from.index(d) !== block.childCount - 1 || block.childCount < 2) return false;
  const after = $from.after(d);
  const tr = editor.state.tr.insert(after, editor.schema.nodes.paragraph.create()).delete($from.before(), $from.after());
  const line = after - $from.parent.nodeSize + 1; // inside the new paragraph, once the old line is gone
  editor.view.dispatch(tr.setSelection(TextSelection.near(tr.doc.resolve(line))).scrollIntoView());
  return true;
}

export const BlockFieldKeys = Extension.create({
  name: 'blockFieldKeys',
  priority: 50, // after the list keymaps, so Tab in a list item still indents
  addKeyboardShortcuts() {
    return { Tab: () => focusBlockField(this.editor) };
  },
});

/** Before the default Enter (which would add another empty line inside the block); list items are left alone. */
export const BlockExitKeys = Extension.create({
  name: 'blockExitKeys',
  priority: 110,
  addKeyboardShortcuts() {
    return { Enter: () => exitBlockOnEmptyLine(this.editor) };
  },
});

/**
 * For a node view's field area: when Enter or Escape has left a field (it blurs itself when its value is valid),
 * the caret returns to the text, so the keyboard never gets stranded.
 */
export const backToText = (editor: Editor) => (e: KeyboardEvent<HTMLElement>) => {
  if ((e.key === 'Enter' || e.key === 'Escape') && document.activeElement !== e.target) {
    // the Enter must not reach the editor (it would split the line); focus at once, not a frame later
    // (commands.focus() waits a frame, and keys typed meanwhile would be lost)
    e.preventDefault();
    editor.view.focus();
  }
};
