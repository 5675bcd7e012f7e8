import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection, type EditorState } from '@tiptap/pm/state';
import i18n from '../i18n/index.js';
import { blockLabelText } from '../i18n/blocks.js';
import type { Anchor } from './api.js';
import { rangeToAnchor } from './commentMarks.js';

/** What a new thread will hang on: a structured block, a text range (inside a block or not), or both. */
export interface CommentTarget { blockId: string | null; anchor: Anchor | null; label: string }

const clip = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A short human name for a block: "OKR · 物保三期", "KPI · 入金有效成功率", "O1 业务服务". */
export function blockLabel(node: PMNode | null): string {
  if (!node) return i18n.t('comments.deletedBlock');
  return blockLabelText(node.type.name, node.attrs, node.textContent.trim());
}

/**
 * From the editor's selection: the nearest enclosing structured block (or the selected one), and, when text is
 * selected, an anchor for exactly that text. Null when neither exists (plain text with nothing selected).
 */
export function targetFromSelection(state: EditorState): CommentTarget | null {
  const sel = state.selection;
  let block: PMNode | null = null;
  if (sel instanceof NodeSelection && sel.node.attrs.blockId) block = sel.node;
  for (let d = sel.$from.depth; !block && d > 0; d--) {
    const n = sel.$from.node(d);
    if (n.attrs.blockId) block = n;
  }
  const hasText = !sel.empty && !(sel instanceof NodeSelection) && state.doc.textBetween(sel.from, sel.to, ' ').trim() !== '';
  const anchor = hasText ? rangeToAnchor(state, sel.from, sel.to) : null;
  if (!block && !anchor) return null;
  const blockId = (block?.attrs.blockId as string | undefined) ?? null;
  const quote = clip(anchor?.quote ?? '', 50);
  const label = anchor ? (block ? i18n.t('comments.quoteIn', { quote, block: blockLabel(block) }) : i18n.t('comments.quote', { quote })) : blockLabel(block);
  return { blockId, anchor, label };
}
