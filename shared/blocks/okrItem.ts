import { Node, mergeAttributes } from '@tiptap/core';
import type { ListItem } from 'mdast';
import { block, paragraph, paragraphFirst } from '../markdown/mdastToDoc.js';
import { withFirstParagraph } from '../markdown/write.js';
import { dueFrom, progressFigures, progressFrom, projectName } from '../parse/okrText.js';
import { attr, newBlockId } from './attrs.js';
import { defineBlock, type ReadContext } from './def.js';
import { nodeText, numOrNull, oneOf, str, strOrNull } from './text.js';
import { okrStatuses, type DocNode, type ExtractContext, type OkrItem } from './types.js';

/**
 * What the editor suggests for fields left empty, read from the text (`进度95%`, `计划3/28上线`), in the report's year:
 * the item's overall progress when the text states one, else each sub-part's figure to pick from (`parts`).
 * Suggestions are never items' values: only what is in the block's fields counts (extract).
 */
function suggest(text: string, year: number) {
  const progress = progressFrom(text);
  const figures = progressFigures(text);
  return {
    project: projectName(text),
    progress,
    due: dueFrom(text, year),
    parts: progress === null && figures.length > 1 ? figures.map(({ value, label }) => ({ value, label })) : [],
  };
}

/** The item as its fields say: progress and go-live only when set (a suggestion nobody accepted is not a value). */
function extract(node: DocNode, ctx: ExtractContext): OkrItem {
  const a = node.attrs ?? {};
  const text = nodeText(node);
  const progress = numOrNull(a.progress);
  const due = strOrNull(a.due);
  return {
    blockId: str(a.blockId),
    objective: ctx.objective,
    // The name is the item's identity, not a figure: the text's first words when the field is empty.
    project: str(a.project).trim() || projectName(text),
    text,
    progress: progress === null ? null : Math.max(0, Math.min(100, progress)),
    due: due && /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null,
    status: oneOf(a.status, okrStatuses),
    owner: strOrNull(a.owner),
    fromId: strOrNull(a.fromId),
    projectKey: strOrNull(a.projectKey),
  };
}

/** One top-level item of an objective section → one OKR item, nested lines inside it, fields read from its text. */
export function okrItemFromMarkdown(item: ListItem, ctx: ReadContext): DocNode {
  const blocks = item.children.flatMap((c) => block(c, ctx.source));
  // An item's text is its first paragraph, even when Markdown read it as a heading (`1. ## …`, a stray `-` under it).
  if (blocks[0]?.type === 'heading') blocks[0] = paragraph(blocks[0].content ?? []);
  const content = paragraphFirst(blocks);
  const node: DocNode = { type: 'okrItem', attrs: {}, content };
  const text = nodeText(node);
  node.attrs = {
    blockId: newBlockId(),
    project: projectName(text),
    progress: progressFrom(text),
    due: dueFrom(text, ctx.year, ctx.month),
    status: null,
    owner: null,
    fromId: null,
  };
  return node;
}

/** OKR item content, with project / progress / due written into the text when the text alone would not give them. */
function okrContent(node: DocNode, year: number, month: number): DocNode[] {
  const a = node.attrs ?? {};
  let content = node.content ?? [];
  const text = () => nodeText({ type: 'okrItem', content });
  const project = String(a.project ?? '').trim();
  if (project && projectName(text()) !== project) {
    content = withFirstParagraph(content, (inl) => [{ type: 'text', text: `${project}：` }, ...inl]);
  }
  const raw = numOrNull(a.progress);
  const progress = raw === null ? null : Math.max(0, Math.min(100, raw)); // as extract() reads it
  if (progress !== null && progressFrom(text()) !== progress) {
    content = withFirstParagraph(content, (inl) => [...inl, { type: 'text', text: `，整体进度${progress}%` }]);
  }
  const due = typeof a.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(a.due) ? a.due : null;
  if (due && dueFrom(text(), year, month) !== due) {
    const [y, m, d] = due.split('-').map(Number);
    const sameYear = dueFrom(`${m}/${d}上线`, year, month) === due;
    content = withFirstParagraph(content, (inl) => [...inl, { type: 'text', text: `，计划${sameYear ? '' : `${y}/`}${m}/${d}上线` }]);
  }
  return content;
}

/** OKR item: project, rich text, progress 0–100, planned go-live date, status, owner. */
export const okrItem = Object.assign(defineBlock({
  name: 'okrItem',
  node: Node.create({
    name: 'okrItem',
    group: 'block',
    content: 'paragraph block*',
    defining: true,
    draggable: true,
    addAttributes: () => ({
      ...attr('blockId'),
      ...attr('project', ''),
      ...attr('progress', null, 'number'),
      ...attr('due'),
      ...attr('status'),
      ...attr('owner'),
      ...attr('fromId'),
      ...attr('projectKey'),
    }),
    parseHTML: () => [{ tag: 'div[data-type="okrItem"]' }],
    renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'okrItem' }), 0],
  }),
  extract,
  items: {
    key: 'okrs',
    kind: 'okr',
    label: 'OKR',
    row: (o) => ({ text: o.text, objective: o.objective, project: o.project || null, progress: o.progress, due: o.due, status: o.status, owner: o.owner, fromId: o.fromId, projectKey: o.projectKey }),
    search: (o) => ({ project: o.project || null, progress: o.progress, text: o.text }),
  },
  projectAttr: 'projectKey',
  editor: { leaf: true, fields: '.cb-okr-project, select, .cb-progress-input, .cb-date-input', firstField: '.cb-progress-input', exitAtEnd: true, exitOnEmptyLine: true },
  slash: {
    title: 'OKR item', hint: 'Project, progress, go-live, status, owner', icon: '◎',
    keywords: ['okr', 'item', 'kr', 'progress', '进度', '目标', '事项'],
    content: () => [{ type: 'okrItem', attrs: { blockId: newBlockId() }, content: [{ type: 'paragraph' }] }],
  },
  markdown: {
    // Read in objective sections (objective.ts); numbered within its run of items.
    export: (node, w) => [{ text: w.item(`${w.run + 1}. `, okrContent(node, w.year, w.month)), list: true }],
    nested: (node, w) => w.item('- ', node.content ?? []),
  },
  /** Next week's item continues this one's timeline. */
  carry: (copy, original) => ({ ...copy, attrs: { ...copy.attrs, fromId: original.attrs?.blockId ?? null } }),
  ownerId: (a) => strOrNull(a.owner),
  label: (a, text) => `OKR · ${a.project || text || 'item'}`,
}), { suggest });
