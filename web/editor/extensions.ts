import type { AnyExtension } from '@tiptap/core';
import { TaskItem } from '@tiptap/extension-list';
import { headlessExtensions } from '../../shared/blocks/index.js';
import i18n from '../i18n/index.js';
import { viewedNodes } from './blocks/index.js';
import { BlockExitKeys, BlockFieldKeys } from './blocks/fieldKeys.js';
import { MoveBlock } from './blocks/moveBlock.js';
import { SlashCommand } from './slash/slashCommand.js';
import { Landing } from './landing.js';
import { RemoteCaret } from './remoteCaret.js';
import { RemoteNotAutolinked } from './remoteNotAutolinked.js';
import { UndoSteps } from './undo.js';
import { ValidCaret } from './validCaret.js';

/**
 * The editor's extensions without collaboration: the shared headless schema with React node views swapped in for
 * the structured blocks, the `/` menu, Alt+↑/↓ block moves, the keyboard inside blocks (Tab between a block's
 * fields, Enter to commit a field or leave a block; blocks/fieldKeys.ts), undo steps (undo.ts) and no autolinking of
 * others' text (remoteNotAutolinked.ts), the caret kept with the text others type in its line (remoteCaret.ts), a caret always where text can go (validCaret.ts). ReportEditor adds Collaboration and the caret.
 */
export function editorExtensions(): AnyExtension[] {
  const swapped = headlessExtensions().map((ext) => viewedNodes[ext.name] ?? (ext.name === TaskItem.name ? taskItem(ext) : ext));
  return [...swapped, SlashCommand, MoveBlock, BlockFieldKeys, BlockExitKeys, UndoSteps, Landing, RemoteNotAutolinked, RemoteCaret, ValidCaret];
}

/** A checklist item's checkbox is named from the catalogue (TipTap's own label is English: "Task item checkbox for …"). */
const taskItem = (ext: AnyExtension) => (ext as typeof TaskItem).configure({
  a11y: { checkboxLabel: (node) => i18n.t('editor.taskCheckbox', { text: node.textContent || i18n.t('editor.taskEmpty') }) },
});
