/**
 * Owners of a block (issue 15): space members, by user id. Kept in one plain node attribute, `owners`, as ids joined
 * by commas ("u1,u2") — attribute values are plain strings (shared/doc/shape.ts refuses anything else). OKR items
 * also keep their older single `owner`, read as one more owner.
 */
import { attr } from './attrs.js';

export const ownersAttr = () => attr('owners');

/** Ids in the `owners` attribute (and `owner`, when the block has one), each once, in order. */
export function ownersOf(attrs: Record<string, unknown> | undefined): string[] {
  const a = attrs ?? {};
  const ids = [typeof a.owner === 'string' ? a.owner : '', ...(typeof a.owners === 'string' ? a.owners.split(',') : [])]
    .map((s) => s.trim()).filter(Boolean);
  return [...new Set(ids)];
}

/** The attribute value for a list of ids (null when empty). */
export const ownersValue = (ids: readonly string[]): string | null => (ids.length ? [...new Set(ids)].join(',') : null);

/** Names as people write several owners: `张三、李四`, `张三,李四`, `张三/李四`, `张三 和 李四`. */
export function splitNames(text: string): string[] {
  return text.split(/\s*(?:[、,，/;；&＆]|\s和\s)\s*/).map((s) => s.replace(/^@/, '').trim()).filter(Boolean);
}
