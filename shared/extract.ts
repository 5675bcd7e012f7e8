import { blockOf, emptyItems, type ReportItems } from './blocks/index.js';
import type { DocNode, ExtractContext } from './blocks/types.js';

/**
 * Document JSON → the report's typed items (pure; the server indexer and tests call it), by the registry: each
 * block's `extract` gives its items, listed under its `items.key`. A block may set context for the blocks after it
 * (an objective heading: the section of the OKR items below it) up to the next ordinary heading of level 1–2
 * (a new section such as 【系统运行数据】).
 */
export function extractItems(doc: DocNode, year: number): ReportItems {
  const items = emptyItems();
  const lists = items as unknown as Record<string, unknown[]>;
  const base: ExtractContext = { year, objective: null };
  let ctx: ExtractContext = { ...base };
  const walk = (nodes: DocNode[]) => {
    for (const node of nodes) {
      const block = blockOf(node.type);
      if (block) {
        if (block.enters) ctx = { ...ctx, ...block.enters(node) };
        if (block.items) {
          const got = block.extract(node, ctx);
          lists[block.items.key].push(...(Array.isArray(got) ? got : [got]));
        }
        if (block.container) walk(node.content ?? []);
      } else if (node.type === 'heading') {
        if (Number(node.attrs?.level ?? 1) <= 2) ctx = { ...base };
      } else if (node.content) walk(node.content);
    }
  };
  walk(doc.content ?? []);
  return items;
}
