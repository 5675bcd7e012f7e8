/** A UTF-16 surrogate without its other half: no character, and each database stores it differently (or not at all). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a database would not keep a text as sent, or null: a NUL (PostgreSQL's text cannot hold one; checked unless
 * `nul` is false) or a lone surrogate (SQLite and PostgreSQL each read it back differently).
 */
export function unstorableText(s: string, nul = true): string | null {
  if (nul && s.includes('\u0000')) return 'must not hold a NUL character';
  if (LONE_SURROGATE.test(s)) return 'must not hold a lone surrogate (half of a UTF-16 pair)';
  return null;
}
