import type { DocNode } from '../blocks/types.js';

/**
 * Fields written into a block's text on export where the text alone would not give them back, in a form that reads
 * naturally in the team's reports and that import reads back (issue 12): a trailing
 * `（负责人：张三 · 状态：进行中）` at the end of a paragraph. Import takes such a group off the text and into the
 * block's fields, so that import → export → import gives the same text and the same fields.
 */

const SEP = ' · ';

/**
 * Text on one line: each run of white space holding a line break becomes one space, other runs stay (run by run:
 * `\s*\n\s*` was quadratic in a long run of spaces).
 */
export const oneLine = (s: string) => s.replace(/\s+/g, (w) => (w.includes('\n') ? ' ' : w));

/** `（label：value · label：value）`; empty values are left out, null when there is nothing to write. */
export function fieldsText(fields: [label: string, value: string | null | undefined][]): string | null {
  const parts = fields.filter(([, v]) => v !== null && v !== undefined && String(v).trim() !== '').map(([l, v]) => `${l}：${oneLine(String(v)).trim()}`);
  return parts.length ? `（${parts.join(SEP)}）` : null;
}

/**
 * A trailing fields group of a text, when it is one: every part `label：value` with a label of `labels`. Returns the
 * text before it (trailing spaces dropped) and the values by label; null when the text ends otherwise.
 */
export function readFields(text: string, labels: readonly string[]): { rest: string; fields: Record<string, string> } | null {
  const end = text.trimEnd();
  if (!end.endsWith('）')) return null;
  // The group's opening bracket, brackets inside values (`原因：网关（杭州）超时`) counted.
  let depth = 0;
  let open = -1;
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] === '）') depth++;
    else if (end[i] === '（' && --depth === 0) { open = i; break; }
  }
  if (open < 0) return null;
  const fields: Record<string, string> = {};
  for (const part of end.slice(open + 1, -1).split(SEP)) {
    // Trimmed first, the value taken whole: `\s*…\s*$` around a lazy value was quadratic in a long run of spaces.
    const m = /^([^：:]{1,8}?)\s*[：:]([\s\S]*)$/.exec(part.trim());
    const value = m?.[2].trim() ?? '';
    if (!m || !labels.includes(m[1]) || value === '' || m[1] in fields) return null;
    fields[m[1]] = value;
  }
  return { rest: end.slice(0, open).trimEnd(), fields };
}

/** Appends a fields group at the end of a paragraph's inline content (a copy). */
export function withFields(p: DocNode, group: string | null): DocNode {
  if (!group) return p;
  return { ...p, content: [...(p.content ?? []), { type: 'text', text: group }] };
}

/**
 * Takes a trailing fields group off a paragraph (in place): its inline text must end with it, in plain text nodes.
 * Returns the values read, or null (and the paragraph unchanged) when it has none.
 */
export function takeFields(p: DocNode | undefined, labels: readonly string[]): Record<string, string> | null {
  if (p?.type !== 'paragraph' || !p.content?.length) return null;
  // The group may span several text nodes of one paragraph (import splits at marks): read the plain text tail.
  let tail = '';
  let from = p.content.length;
  while (from > 0 && p.content[from - 1].type === 'text' && !p.content[from - 1].marks?.some((m) => m.type === 'code')) {
    from--;
    tail = (p.content[from].text ?? '') + tail;
    if (tail.includes('（')) {
      const read = readFields(tail, labels);
      if (read) {
        // Drop the group (and the spaces before it) from the end, node by node: what stays keeps its marks.
        let cut = tail.length - read.rest.length;
        const content = [...p.content];
        while (cut > 0 && content.length) {
          const last = content[content.length - 1];
          const t = last.text ?? '';
          if (t.length <= cut) { content.pop(); cut -= t.length; } else { content[content.length - 1] = { ...last, text: t.slice(0, t.length - cut) }; cut = 0; }
        }
        if (content.length) p.content = content;
        else delete p.content;
        return read.fields;
      }
    }
  }
  return null;
}
