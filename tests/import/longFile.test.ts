import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { markdownTree } from '../../shared/markdown/tree.js';
import { parseReport } from '../../shared/markdown/parse.js';
import { bigMarkdown } from '../../bench/importDoc.js';

/** Issue 17: long files are parsed in pieces (micromark is quadratic in list items); the tree must be the same. */
const whole = (s: string) => fromMarkdown(s, { extensions: [gfm({ singleTilde: false })], mdastExtensions: [gfmFromMarkdown()] });
const json = (t: ReturnType<typeof whole>) => JSON.stringify(t.children);

describe('long Markdown files', () => {
  it('parse in pieces to the same tree, positions included, as one parse', () => {
    const fenced = '\n```sh\n# a shell comment, not a heading\n```\n\n~~~\n## nor this\n~~~\n# A heading after fences\n- item\n';
    const src = bigMarkdown(160_000) + fenced + bigMarkdown(90_000, '2024-W25');
    expect(src.length).toBeGreaterThan(64 * 1024);
    const a = whole(src);
    const b = markdownTree(src);
    expect(b.children.length).toBe(a.children.length);
    expect(json(b)).toBe(json(a));
  });

  it('parses whole when something could reach across headings (reference definitions, an open fence)', () => {
    const refs = bigMarkdown(200_000) + '\n[docs]: https://example.com/docs\n\nsee [the docs][docs]\n';
    expect(json(markdownTree(refs))).toBe(json(whole(refs)));
    const open = bigMarkdown(200_000) + '\n```\n# inside a fence that never closes\n';
    expect(json(markdownTree(open))).toBe(json(whole(open)));
  });

  it('a 2 MB report imports as blocks with nothing lost', () => {
    const md = bigMarkdown(2 * 1024 * 1024);
    const parsed = parseReport(md, { week: '2024-W12' });
    expect(parsed.doc.content!.length).toBeGreaterThan(10_000);
    expect(parsed.warnings).toEqual([]);
  });
});
