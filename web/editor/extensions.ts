import type { AnyExtension } from '@tiptap/core';
import { blockTypes, headlessExtensions } from '../../shared/blocks/index.js';
import { viewedNodes } from './blocks/index.js';
import { MoveBlock } from './moveBlock.js';
import { SlashCommand } from './slash/slashCommand.js';

/**
 * The editor's extensions without collaboration: the shared headless schema with React node views swapped in for
 * the structured blocks, the `/` menu and Alt+↑/↓ block moves. ReportEditor adds Collaboration and the caret.
 */
export function editorExtensions(): AnyExtension[] {
  const views = viewedNodes as Record<string, AnyExtension>;
  const swapped = headlessExtensions().map((ext) => (blockTypes.includes(ext.name as never) && views[ext.name] ? views[ext.name] : ext));
  return [...swapped, SlashCommand, MoveBlock];
}
