// Real files vary: the samples, mangled at random (lines dropped, moved in or out, odd Markdown added, CRLF),
// must still import into a valid document that keeps every line, and export → import must give the same items.
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../shared/blocks/index.js';
import { extractItems } from '../../shared/extract.js';
import { exportMarkdown } from '../../shared/markdown/export.js';
import { lostLines } from '../../shared/markdown/lostLines.js';
import { parseReport } from '../../shared/markdown/parse.js';
import { comparable, readSample, sampleNames } from '../helpers/samples.js';

/** A seeded generator, so a failure names a case that can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const ODD_LINES = [
  '| 指标 | 值 |', '|---|---|', '| 成功率 | 99.9% |', '<aside>', '💡 提示', '</aside>', '```', 'code 1', '> 引用', '* 星号列表',
  '1) 括号编号', '- ', '\t- tab 缩进', '### 【新项目】', '![图](http://x/y.png)', '[链接](http://a "title")', 'Setext', '===', '---',
  '***粗斜体***', '3/25 09:00 新事件，09:30 恢复', '## O5 新目标', '- 指标：12.50 次', '&amp; 实体', '<!-- 注释 -->', '\\* 转义',
  '1. 1. 双重编号', '    缩进的行',
];

function mangle(source: string, r: () => number): string {
  const lines = source.split('\n');
  const edits = 1 + Math.floor(r() * 12);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(r() * lines.length);
    const op = r();
    if (op < 0.3) lines.splice(at, 1);
    else if (op < 0.6) lines.splice(at, 0, ODD_LINES[Math.floor(r() * ODD_LINES.length)]);
    else if (op < 0.8) lines[at] = '    ' + lines[at];
    else lines[at] = lines[at].replace(/^\s+/, '');
  }
  return lines.join(r() < 0.2 ? '\r\n' : '\n');
}

describe('import tolerance', () => {
  it('120 mangled samples: valid documents, no line lost, identical items after export → import', () => {
    const r = random(20240322);
    const samples = sampleNames.map(readSample);
    for (let i = 0; i < 120; i++) {
      const source = mangle(samples[i % samples.length], r);
      const first = parseReport(source);
      expect(() => reportSchema().nodeFromJSON(first.doc).check(), `case ${i}`).not.toThrow();
      expect(lostLines(source, first.doc, first.fieldGroups), `case ${i}`).toEqual([]);
      const markdown = exportMarkdown(first.doc, { week: first.week ?? '2024-W01' });
      const again = parseReport(markdown);
      // Export writes a field its text would not give back as a trailing group (`（项目：…）`), which import takes off.
      expect(lostLines(markdown, again.doc, again.fieldGroups), `case ${i}`).toEqual([]);
      expect(comparable(extractItems(again.doc, again.year)), `case ${i}`).toEqual(comparable(extractItems(first.doc, first.year)));
    }
  });
});
