import type { AnyExtension } from '@tiptap/core';
import { headlessExtensions } from '../../shared/blocks/index.js';

/**
 * The editor's extensions without collaboration: the shared headless schema, plus (as they land)
 * React node views for structured blocks and the `/` menu. ReportEditor adds Collaboration and the caret.
 */
export function editorExtensions(): AnyExtension[] {
  return headlessExtensions();
}
