import type { AnyExtension } from '@tiptap/core';
import { headlessExtensions } from '../../shared/blocks/index.js';
import { viewedNodes } from './blocks/index.js';
import { BlockExitKeys, BlockFieldKeys } from './blocks/fieldKeys.js';
import { MoveBlock } from './blocks/moveBlock.js';
import { SlashCommand } from './slash/slashCommand.js';
import { Landing } from './landing.js';
import { UndoSteps } from './undo.js';

/**
 * The editor's extensions without collaboration: the shared headless schema with React node views swapped in for
 * the structured blocks, the `/` menu, Alt+↑/↓ block moves, the keyboard inside blocks (Tab between a block's
 * fields, Enter to commit a field or leave a block; blocks/fieldKeys.ts) and undo steps (undo.ts). ReportEditor adds Collaboration and the caret.
 */
export function editorExtensions(): AnyExtension[] {
  const swapped = headlessExtensions().map((ext) => viewedNodes[ext.name] ?? ext);
  return [...swapped, SlashCommand, MoveBlock, BlockFieldKeys, BlockExitKeys, UndoSteps, Landing];
}
