import type { DocNode } from '../blocks/types.js';

/**
 * A document's top-level blocks ending in an empty paragraph when the last block is something else (a list, an OKR
 * item, an incident). The editor keeps such a paragraph (TipTap's trailing node, so there is a line to click into
 * after the last block) and added it the moment a report the server wrote was first opened: a write by whoever
 * opened it, so the report showed as just updated, and two people opening it together left two empty lines.
 * Reports the server writes (import, next week) end in one already.
 */
export function withTrailingParagraph(content: DocNode[]): DocNode[] {
  return content.at(-1)?.type === 'paragraph' ? content : [...content, { type: 'paragraph' }];
}
