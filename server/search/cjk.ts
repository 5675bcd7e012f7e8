/** Chinese, Japanese and Korean characters: written without spaces, so words are found by character n-grams. */
export const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{2,}/gu;

export const isCjk = (s: string) => [...s].every((ch) => CJK.test(ch));

/** Space-separated character bigrams of every CJK run: `好店活动` → `好店 店活 活动`. */
export function cjkBigrams(text: string): string {
  const out: string[] = [];
  for (const run of text.match(CJK_RUN) ?? []) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out.join(' ');
}
