/** The line scan that refuses Markdown too costly to parse (shared/markdown/nesting.ts), on square brackets. */
import { describe, expect, it } from 'vitest';
import { BRACKETS_MAX, NESTING_MAX, tooDeeplyNested } from '../../shared/markdown/nesting.js';
import { readSample } from '../helpers/samples.js';

const nested = (n: number) => `${'['.repeat(n)}x${']'.repeat(n)}`;

describe('square brackets', () => {
  it('passes the samples, and links nested as deep as NESTING_MAX', () => {
    for (const name of ['2024-W12', '2024-W25', '2024-W34']) expect(tooDeeplyNested(readSample(name))).toBeNull();
    expect(tooDeeplyNested(`text ${nested(NESTING_MAX)}\n`)).toBeNull();
  });

  it('refuses a `]` closing past NESTING_MAX open `[`, on its line', () => {
    expect(tooDeeplyNested(`# t\n\n${nested(NESTING_MAX + 1)}\n`)).toEqual({ line: 3, depth: NESTING_MAX + 1 });
    // Opened on many lines of one paragraph, closed at the end.
    expect(tooDeeplyNested(`${'[a\n'.repeat(50)}]\n`)).toEqual({ line: 51, depth: 50 });
    // Never closed: not deep (micromark looks back only from a `]`), though past the paragraph's count.
    expect(tooDeeplyNested(`${'[a '.repeat(BRACKETS_MAX)}\n`)).toBeNull();
    expect(tooDeeplyNested(`${'[a '.repeat(BRACKETS_MAX + 1)}\n`)).toEqual({ line: 1, brackets: BRACKETS_MAX + 1 });
  });

  it('counts brackets per paragraph: a blank line, a heading or a list item starts over', () => {
    const line = '[INFO] job\n';
    expect(tooDeeplyNested(line.repeat(BRACKETS_MAX / 2))).toBeNull();
    expect(tooDeeplyNested(line.repeat(BRACKETS_MAX / 2 + 1))).toEqual({ line: BRACKETS_MAX / 2 + 1, brackets: BRACKETS_MAX + 2 });
    for (const between of ['\n', '## 【O2】\n', '- item\n']) expect(tooDeeplyNested(`${line.repeat(400)}${between}${line.repeat(400)}`)).toBeNull();
  });

  it('does not count escaped brackets, nor those in fenced code', () => {
    expect(tooDeeplyNested(`${'\\['.repeat(5000)}x${'\\]'.repeat(5000)}\n`)).toBeNull();
    expect(tooDeeplyNested(`\`\`\`\n${'[INFO] job\n'.repeat(5000)}\`\`\`\n`)).toBeNull();
    // An escaped backslash does not escape the bracket after it.
    expect(tooDeeplyNested(`${'\\\\['.repeat(NESTING_MAX + 1)}x${']'.repeat(NESTING_MAX + 1)}\n`)?.depth).toBe(NESTING_MAX + 1);
  });
});
