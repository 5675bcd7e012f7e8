import type { DocNode } from './types.js';

const BLOCK_SEPARATED = new Set(['paragraph', 'heading', 'listItem', 'taskItem', 'codeBlock', 'blockquote']);

/** Plain text of a node: inline text joined, blocks on their own lines. */
export function nodeText(node: DocNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  // A mention reads as the name it shows (`联调找 @李四 确认`), in item text, search and rollups alike.
  if (node.type === 'mention') return `@${str(node.attrs?.label ?? node.attrs?.id)}`;
  const parts = (node.content ?? []).map(nodeText);
  const joined = (node.content ?? []).some((c) => BLOCK_SEPARATED.has(c.type) || c.content?.some((g) => BLOCK_SEPARATED.has(g.type)))
    ? parts.filter((p) => p.length > 0).join('\n')
    : parts.join('');
  return joined;
}

/** First line of a node's text. */
export const firstLine = (node: DocNode) => nodeText(node).split('\n')[0] ?? '';

export const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
export const strOrNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
/** Numbers arrive as numbers or strings (attributes set by hand, imports); anything else is null. */
export function numOrNull(v: unknown): number | null {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/[,，\s]/g, ''));
  return Number.isFinite(n) ? n : null;
}
export const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | null => (allowed.includes(v as T) ? (v as T) : null);
