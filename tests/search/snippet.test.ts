import { describe, expect, it } from 'vitest';
import { joinLines, snippetOf } from '../../server/search/snippet.js';

describe('search snippets', () => {
  it('joinLines is the old `\\s*\\n\\s*` → ` · ` replacement, on random text of spaces, tabs, full-width spaces, line breaks and letters', () => {
    const alphabet = [' ', '\t', '\u3000', '\n', '\r', 'a', '好', '店'];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 3000; k++) {
      const text = Array.from({ length: rand(24) }, () => alphabet[rand(alphabet.length)]).join('');
      expect(joinLines(text), JSON.stringify(text)).toBe(text.replace(/\s*\n\s*/g, ' · '));
    }
  });

  it('a long run of spaces in a hit does not stall the search (the old pattern took minutes on 200,000 spaces)', () => {
    const text = `物保三期${' '.repeat(200_000)}x\n进度95%`;
    expect(snippetOf(text, ['物保']).snippet.startsWith('物保三期')).toBe(true);
  }, 5_000);
  it('marks the hit itself after a character whose lower case is longer (`İ` put the mark one character late)', () => {
    expect(snippetOf('İstanbul 收银台改版联调', ['收银台']).highlight).toBe('İstanbul <mark>收银台</mark>改版联调');
    expect(snippetOf('İİİ Payment 网关', ['payment']).highlight).toBe('İİİ <mark>Payment</mark> 网关');
    expect(snippetOf('KİLO 对账', ['对账']).snippet).toBe('KİLO 对账');
  });
});
