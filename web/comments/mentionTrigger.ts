/**
 * Where `@` starts a mention, in the comment box and in the report alike: at the start, or after any character
 * that is not a letter or digit of a Latin word — a space, CJK text (`好的@`), full-width punctuation (`请确认，@`).
 * After a Latin letter or digit it is part of a word or an address (`bob@example.com`) and suggests nothing.
 */
const LATIN_WORD = /[\p{Script=Latin}0-9_]/u;

/** Whether a mention may start right after `before` (the character before the `@`; '' at the start). */
export const mentionMayFollow = (before: string) => before === '' || !LATIN_WORD.test(before);

/** The mention being typed at the end of `text` (what follows its `@`, up to 30 characters), or null. */
export function mentionQuery(text: string): string | null {
  const m = /@([^\s@]{0,30})$/.exec(text);
  if (!m) return null;
  return mentionMayFollow(text.slice(Math.max(0, m.index - 1), m.index)) ? m[1] : null;
}
