import { Node, mergeAttributes } from '@tiptap/core';
import { dueFrom, progressFrom, projectName } from '../parse/okrText.js';
import { attr } from './attrs.js';
import { nodeText, numOrNull, oneOf, str, strOrNull } from './text.js';
import { okrStatuses, type DocNode, type ExtractContext, type OkrItem } from './types.js';

/** OKR item: project, rich text, progress 0–100, planned go-live date, status, owner. */
export const okrItem = {
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
    }),
    parseHTML: () => [{ tag: 'div[data-type="okrItem"]' }],
    renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'okrItem' }), 0],
  }),
  /** Fields left empty are suggested from the text (`进度95%`, `计划3/28上线`), in the report's year. */
  suggest(text: string, year: number) {
    return { project: projectName(text), progress: progressFrom(text), due: dueFrom(text, year) };
  },
  extract(node: DocNode, ctx: ExtractContext): OkrItem {
    const a = node.attrs ?? {};
    const text = nodeText(node);
    const suggested = okrItem.suggest(text, ctx.year);
    const progress = numOrNull(a.progress);
    const due = strOrNull(a.due);
    return {
      blockId: str(a.blockId),
      objective: ctx.objective,
      project: str(a.project).trim() || suggested.project,
      text,
      progress: progress === null ? suggested.progress : Math.max(0, Math.min(100, progress)),
      due: due && /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : suggested.due,
      status: oneOf(a.status, okrStatuses),
      owner: strOrNull(a.owner),
      fromId: strOrNull(a.fromId),
    };
  },
};
