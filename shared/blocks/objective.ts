import { Node, mergeAttributes } from '@tiptap/core';
import { attr, newBlockId } from './attrs.js';
import { defineBlock } from './def.js';
import { okrSectionReader } from './okrItem.js';
import { str } from './text.js';
import type { DocNode } from './types.js';

/** How an objective heading is written: `【O1 业务服务】`. */
export const objectiveHeading = (code: string, title: string) => `【${[code, title].filter(Boolean).join(' ')}】`;

const OBJECTIVE = /^[【\[]?\s*([Oo]\d{1,2})(?![\dA-Za-z])\s*[：:.、·\-—]?\s*(.*?)\s*[】\]]?\s*$/;

function objectiveOf(node: DocNode): { blockId: string; code: string; title: string } {
  return { blockId: str(node.attrs?.blockId), code: str(node.attrs?.code).trim(), title: str(node.attrs?.title).trim() };
}

/**
 * Objective section heading (`## 【O1 业务服务】`): OKR items after it, up to the next objective or
 * heading, belong to it. A heading rather than a container, so items move freely between sections.
 */
export const objective = defineBlock({
  name: 'objective',
  node: Node.create({
    name: 'objective',
    group: 'block',
    atom: true,
    draggable: true,
    selectable: true,
    addAttributes: () => ({ ...attr('blockId'), ...attr('code', 'O1'), ...attr('title', '') }),
    parseHTML: () => [{ tag: 'h2[data-type="objective"]' }],
    renderHTML: ({ HTMLAttributes, node }) => ['h2', mergeAttributes(HTMLAttributes, { 'data-type': 'objective' }), `【${node.attrs.code} ${node.attrs.title}】`],
  }),
  extract: objectiveOf,
  enters: (node) => ({ objective: objectiveOf(node).code || null }),
  slash: {
    title: 'Objective section', hint: 'O1 业务服务 … OKR items below belong to it', icon: 'O',
    keywords: ['objective', 'section', 'okr', 'o1', 'o2', 'o3', 'o4', '目标'],
    content: () => [{ type: 'objective', attrs: { blockId: newBlockId(), code: 'O1', title: '业务服务' } }, { type: 'paragraph' }],
  },
  markdown: {
    section: {
      match(text) {
        const o = OBJECTIVE.exec(text.trim());
        return o ? { code: o[1].toUpperCase(), title: o[2].trim() } : null;
      },
      asBlock: true,
      // Each top-level list item of the section is one OKR item.
      reader: okrSectionReader,
    },
    export: (node) => [{ text: `## ${objectiveHeading(String(node.attrs?.code ?? ''), String(node.attrs?.title ?? ''))}` }],
    shownText: (node) => objectiveHeading(String(node.attrs?.code ?? ''), String(node.attrs?.title ?? '')),
  },
  carry: (copy) => copy,
  label: (a) => `${a.code} ${a.title}`,
});
