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

/**
 * The one member a written name stands for (or a member's id, as an export without names writes it), else null:
 * import reads `负责人：张三` so, and the editor when an owner's name is typed.
 */
export function personIdOf(name: string, people: readonly { id: string; name: string }[]): string | null {
  const n = name.trim();
  const named = people.filter((p) => p.name.trim() === n);
  return named.length === 1 ? named[0].id : (people.find((p) => p.id === n)?.id ?? null);
}

/** Names as people write several owners: `张三、李四`, `张三,李四`, `张三/李四`, `张三 和 李四`. */
export function splitNames(text: string): string[] {
  // Split at the separators alone and trim the pieces: `\s*` around them made a long run of spaces quadratic (an import
  // with 40 000 spaces in a 负责人 field held the server for seconds, a 2 MB one for far longer).
  return text.split(/[、,，/;；&＆]|\s和\s/).map((s) => s.trim().replace(/^@/, '').trim()).filter(Boolean);
}

/**
 * Whether a member's name, written as an owner (`负责人：张三`), reads back as that member: one name (no separator of
 * several, nor of a fields group or a bracket), of the length a risk's owner is read with, and no other member's.
 * Export writes the member's id otherwise (`personIdOf` reads ids too): names are the members' own to choose
 * (`甲 · 状态：已完成` turned an exported item's status to done on import).
 */
export function nameReadsBack(id: string, people: ReadonlyMap<string, string>): boolean {
  const name = people.get(id)?.trim();
  if (!name || name.length > 30 || /[（）()【】：:\n]| · /.test(name)) return false;
  const pieces = splitNames(name);
  if (pieces.length !== 1 || pieces[0] !== name) return false;
  for (const [other, n] of people) if (other !== id && n.trim() === name) return false;
  return true;
}
