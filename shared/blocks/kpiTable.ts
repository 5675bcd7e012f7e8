import { Node, mergeAttributes } from '@tiptap/core';
import { attr } from './attrs.js';
import { numOrNull, str } from './text.js';
import type { DocNode, KpiItem } from './types.js';

/** One KPI row: metric name, value, unit, target. Each cell is its own attribute, so two people can edit two cells at once. */
export const kpiRow = {
  name: 'kpiRow',
  node: Node.create({
    name: 'kpiRow',
    content: '',
    atom: true,
    selectable: false,
    addAttributes: () => ({ ...attr('blockId'), ...attr('name', ''), ...attr('value', null, 'number'), ...attr('unit', ''), ...attr('target', null, 'number') }),
    parseHTML: () => [{ tag: 'tr[data-type="kpiRow"]' }],
    renderHTML: ({ HTMLAttributes, node }) => ['tr', mergeAttributes(HTMLAttributes, { 'data-type': 'kpiRow' }),
      ['td', node.attrs.name], ['td', `${node.attrs.value ?? ''}${node.attrs.unit ?? ''}`], ['td', `${node.attrs.target ?? ''}`]],
  }),
  extract(node: DocNode): KpiItem {
    const a = node.attrs ?? {};
    return { blockId: str(a.blockId), name: str(a.name).trim(), value: numOrNull(a.value), unit: str(a.unit).trim(), target: numOrNull(a.target) };
  },
};

/** KPI table (`## 【系统运行数据】`): rows of metrics; lines that are not metrics stay as text around it. */
export const kpiTable = {
  name: 'kpiTable',
  node: Node.create({
    name: 'kpiTable',
    group: 'block',
    content: 'kpiRow+',
    draggable: true,
    isolating: true,
    addAttributes: () => ({ ...attr('blockId'), ...attr('title', '') }),
    parseHTML: () => [{ tag: 'table[data-type="kpiTable"]' }],
    renderHTML: ({ HTMLAttributes }) => ['table', mergeAttributes(HTMLAttributes, { 'data-type': 'kpiTable' }), ['tbody', 0]],
  }),
  extract(node: DocNode): KpiItem[] {
    return (node.content ?? []).filter((r) => r.type === 'kpiRow').map(kpiRow.extract).filter((k) => k.name !== '');
  },
};
