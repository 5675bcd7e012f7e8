import { Node, mergeAttributes } from '@tiptap/core';
import { attr } from './attrs.js';
import { str } from './text.js';
import type { DocNode } from './types.js';

/**
 * Objective section heading (`## 【O1 业务服务】`): OKR items after it, up to the next objective or
 * heading, belong to it. A heading rather than a container, so items move freely between sections.
 */
export const objective = {
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
  extract(node: DocNode): { blockId: string; code: string; title: string } {
    return { blockId: str(node.attrs?.blockId), code: str(node.attrs?.code).trim(), title: str(node.attrs?.title).trim() };
  },
};
