/** A stable, readable colour per user, derived from their id (same person, same colour everywhere). */
// Twelve hues far enough apart to tell two carets apart at a glance.
const PALETTE = [
  '#e5484d', '#f76b15', '#b88a00', '#30a46c', '#12a594', '#0797b9',
  '#0070f3', '#3e49c9', '#8e4ec6', '#d6409f', '#a0673d', '#5f6b7a',
];

/** FNV-1a plus a finaliser: similar ids land on unrelated colours. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // FNV's low bits mix poorly; murmur3's finaliser spreads them before the modulo.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const userColor = (userId: string): string => PALETTE[hash(userId) % PALETTE.length];

export const initials = (name: string) => {
  const t = name.trim();
  if (!t) return '?';
  // CJK names: the last character reads best (王小明 -> 明); Latin: first letters of two words.
  if (/[\u4e00-\u9fff]/.test(t)) return t.slice(-1);
  return t.split(/\s+/).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
};
