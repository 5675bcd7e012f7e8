import { Extension, type Editor } from '@tiptap/core';
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

export const BlockFieldKeys = Extension.create({
  name: 'blockFieldKeys',
  priority: 50, // after the list keymaps, so Tab in a list item still indents
  addKeyboardShortcuts() {
    return { Tab: () => focusBlockField(this.editor) };
  },
});

/**
 * For a node view's field area: when Enter or Escape has left a field (it blurs itself when its value is valid),
 * the caret returns to the text, so the keyboard never gets stranded.
 */
export const backToText = (editor: Editor) => (e: KeyboardEvent<HTMLElement>) => {
  if ((e.key === 'Enter' || e.key === 'Escape') && document.activeElement !== e.target) editor.commands.focus();
};
