// Where `@` starts a mention (comment box and report): after a space, CJK text or full-width punctuation, never inside
// a Latin word or an address.
import { describe, expect, it } from 'vitest';
import { mentionMayFollow, mentionQuery } from '../../web/comments/mentionTrigger.js';

describe('mentionQuery', () => {
  it.each([
    ['@', ''], ['@李', '李'], ['好的@', ''], ['好的@李', '李'], ['请确认，@', ''], ['请确认，@李四', '李四'], ['（@Bo', 'Bo'],
    ['hi @bo', 'bo'], ['line\n@a', 'a'], ['「@王', '王'], ['…@x', 'x'],
  ])('%j → %j', (text, query) => expect(mentionQuery(text)).toBe(query));

  it.each(['bob@', 'bob@example', 'x1@', 'café@', 'a_b@', '@李 后面', 'no at sign'])('%j → none', (text) => expect(mentionQuery(text)).toBeNull());

  it('follows anything but a Latin letter or digit', () => {
    for (const c of ['', ' ', '好', '，', '。', '、', '）', '\u3000', '\ufffc']) expect(mentionMayFollow(c), JSON.stringify(c)).toBe(true);
    for (const c of ['a', 'Z', '0', '9', 'é', '_']) expect(mentionMayFollow(c), c).toBe(false);
  });
});
