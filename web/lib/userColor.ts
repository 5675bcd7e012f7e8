/** A stable, readable colour per user, derived from their id (same person, same colour everywhere). */
const PALETTE = ['#e5484d', '#f76b15', '#d6a000', '#30a46c', '#12a594', '#0090ff', '#3e63dd', '#8e4ec6', '#d6409f', '#ad7f58'];

export function userColor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

export const initials = (name: string) => {
  const t = name.trim();
  if (!t) return '?';
  // CJK names: the last character reads best (王小明 -> 明); Latin: first letters of two words.
  if (/[\u4e00-\u9fff]/.test(t)) return t.slice(-1);
  return t.split(/\s+/).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('');
};
