import { Extension, type Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import type { KeyboardEvent } from 'react';

/** Where Tab goes from the text of a block: the first field after the text. */
const firstField: Record<string, string> = {
  okrItem: '.cb-progress-input',
  incident: 'input[aria-label="Start"]',
};

/** Tab in the text of an OKR item or incident focuses its fields (progress, start time); lists still indent first. */
export function focusBlockField(editor: Editor): boolean {
  const { $from } = editor.state.selection;
  for (let d = $from.depth; d >= 1; d--) {
    const selector = firstField[$from.node(d).type.name];
    if (!selector) continue;
    const dom = editor.view.nodeDOM($from.before(d)) as HTMLElement | null;
    const field = dom?.querySelector<HTMLElement>(selector);
    if (!field || (field as HTMLInputElement).disabled) return false;
    field.focus();
    return true;
  }
  return false;
}

const exitable = new Set(['okrItem', 'incident', 'keyProject']);

/**
 * Enter on an empty last line of an OKR item, incident or key project leaves the block: the empty line moves out,
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
