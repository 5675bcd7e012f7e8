/** A stable, readable colour per user, derived from their id (same person, same colour everywhere). */
const PALETTE = [
  '#e5484d', '#f76b15', '#c28b00', '#46a758', '#12a594', '#0090ff', '#3e63dd', '#8e4ec6',
  '#d6409f', '#ad7f58', '#00a2c7', '#e54666', '#6e56cf', '#299764', '#cc4e00', '#5b5bd6',
];

/** FNV-1a: spreads similar ids (same prefix, different tail) over the palette. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export const userColor = (userId: string): string => PALETTE[hash(userId) % PALETTE.length];

export const initials = (name: string) => {
  const t = name.trim();
  if (!t) return '?';
  // CJK names: the last character reads best (王小明 -> 明); Latin: first letters of two words.
  if (/[\u4e00-\u9fff]/.test(t)) return t.slice(-1);
  return t.split(/\s+/).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
};
