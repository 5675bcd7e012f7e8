import { Node, mergeAttributes } from '@tiptap/core';
import { attr } from './attrs.js';
import { nodeText, str } from './text.js';
import type { DocNode, ProjectItem } from './types.js';

/** Key project: a titled section (`- 【贝易转】` at the top of a report) holding rich content. */
export const keyProject = {
  name: 'keyProject',
  node: Node.create({
    name: 'keyProject',
    group: 'block',
    content: 'block+',
    defining: true,
    draggable: true,
    addAttributes: () => ({ ...attr('blockId'), ...attr('project', '') }),
    parseHTML: () => [{ tag: 'section[data-type="keyProject"]' }],
    renderHTML: ({ HTMLAttributes }) => ['section', mergeAttributes(HTMLAttributes, { 'data-type': 'keyProject' }), 0],
  }),
  extract(node: DocNode): ProjectItem {
    return { blockId: str(node.attrs?.blockId), project: str(node.attrs?.project).trim(), text: nodeText(node) };
  },
};
