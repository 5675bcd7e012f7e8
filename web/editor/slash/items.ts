import type { Editor, JSONContent, Range } from '@tiptap/core';
import { newBlockId } from '../../../shared/blocks/attrs.js';

/** One entry of the `/` menu. `keywords` let people find it in English, Chinese or by the sample's words. */
export interface SlashItem {
  id: string;
  title: string;
  hint: string;
  icon: string;
  group: 'Blocks' | 'Text';
  keywords: string[];
  run: (editor: Editor, range: Range) => void;
}

/**
 * Replace the `/query` with `content` and put the caret where typing continues: the first text position of the
 * first inserted block, or — for a block whose first field is an input (KPI table) — that input.
 */
function insertBlock(editor: Editor, range: Range, content: JSONContent | JSONContent[], focusSelector?: string) {
  editor.chain().focus().deleteRange(range).run();
  const { $from } = editor.state.selection;
  const emptyLine = $from.parent.isTextblock && $from.parent.content.size === 0 && $from.depth > 0;
  // Structured blocks are not nested in OKR items or incidents (the index reads them at section level):
  // typed inside one, the new block goes right after it, and the empty line the `/` was typed on goes away.
  for (let d = $from.depth; d >= 1; d--) {
    if (!leafItems.has($from.node(d).type.name)) continue;
    const after = $from.after(d);
    const dropLine = emptyLine && $from.index(d) > 0;
    const chain = editor.chain().insertContentAt(after, content);
    if (dropLine) chain.deleteRange({ from: $from.before(), to: $from.after() });
    chain.run();
    placeCaret(editor, content, focusSelector);
    return;
  }
  // on an otherwise empty line the block takes the line's place; else it goes right after the current textblock
  const at = emptyLine ? { from: $from.before(), to: $from.after() } : $from.after();
  editor.chain().insertContentAt(at, content).run();
  placeCaret(editor, content, focusSelector);
}

const leafItems = new Set(['okrItem', 'incident']);

/** The caret into the first textblock of the inserted block, or focus its first field (KPI name, project title). */
function placeCaret(editor: Editor, content: JSONContent | JSONContent[], focusSelector?: string) {
  const first = Array.isArray(content) ? content[0] : content;
  const id = first.attrs?.blockId as string | undefined;
  if (id) {
    // caret into the block's first textblock, if it has one
    let placed = false;
    editor.state.doc.descendants((node, pos) => {
      if (placed) return false;
      if (node.attrs.blockId === id) {
        node.descendants((child, childPos) => {
          if (placed) return false;
          if (child.isTextblock) {
            editor.commands.setTextSelection(pos + 1 + childPos + 1);
            placed = true;
          }
          return true;
        });
        return false;
      }
      return true;
    });
    if (focusSelector) {
      // the node view is usually rendered by now; if not, on the next frame
      const focusField = () => {
        const el = editor.view.dom.querySelector<HTMLElement>(`[data-block-id="${id}"] ${focusSelector}`);
        el?.focus();
        return !!el;
      };
      if (!focusField()) requestAnimationFrame(() => { focusField(); });
    }
  }
}

const block = (type: string, attrs: Record<string, unknown> = {}, content?: JSONContent[]): JSONContent =>
  ({ type, attrs: { blockId: newBlockId(), ...attrs }, ...(content ? { content } : {}) });
const para = (): JSONContent => ({ type: 'paragraph' });

export const slashItems: SlashItem[] = [
  {
    id: 'okrItem', title: 'OKR item', hint: 'Project, progress, go-live, status, owner', icon: '◎', group: 'Blocks',
    keywords: ['okr', 'item', 'kr', 'progress', '进度', '目标', '事项'],
    run: (e, r) => insertBlock(e, r, block('okrItem', {}, [para()])),
  },
  {
    id: 'kpiTable', title: 'KPI table', hint: 'Metrics with targets and last week', icon: '▦', group: 'Blocks',
    keywords: ['kpi', 'table', 'metric', '指标', '数据', '系统运行数据'],
    run: (e, r) => insertBlock(e, r, [block('kpiTable', {}, [block('kpiRow')]), para()], '.cb-kpi-name'),
  },
  {
    id: 'incident', title: 'Incident', hint: 'Start, recovery, severity, review', icon: '⚠', group: 'Blocks',
    keywords: ['incident', 'outage', '生产事件', '事件', '故障'],
    run: (e, r) => insertBlock(e, r, block('incident', {}, [para()])),
  },
  {
    id: 'keyProject', title: 'Key project', hint: '【Project】 section with nested content', icon: '【】', group: 'Blocks',
    keywords: ['key', 'project', 'section', '重点', '项目', '重点工作'],
    run: (e, r) => insertBlock(e, r, block('keyProject', {}, [para()]), '.cb-project-title'),
  },
  {
    id: 'objective', title: 'Objective section', hint: 'O1 业务服务 … OKR items below belong to it', icon: 'O', group: 'Blocks',
    keywords: ['objective', 'section', 'okr', 'o1', 'o2', 'o3', 'o4', '目标'],
    run: (e, r) => insertBlock(e, r, [block('objective', { code: 'O1', title: '业务服务' }), para()]),
  },
  {
    id: 'heading1', title: 'Heading 1', hint: 'Big section heading', icon: 'H1', group: 'Text', keywords: ['heading', 'title', 'h1', '标题'],
    run: (e, r) => e.chain().focus().deleteRange(r).setNode('heading', { level: 1 }).run(),
  },
  {
    id: 'heading2', title: 'Heading 2', hint: 'Medium section heading', icon: 'H2', group: 'Text', keywords: ['heading', 'subtitle', 'h2', '标题'],
    run: (e, r) => e.chain().focus().deleteRange(r).setNode('heading', { level: 2 }).run(),
  },
  {
    id: 'heading3', title: 'Heading 3', hint: 'Small heading', icon: 'H3', group: 'Text', keywords: ['heading', 'h3', '标题'],
    run: (e, r) => e.chain().focus().deleteRange(r).setNode('heading', { level: 3 }).run(),
  },
  {
    id: 'bulletList', title: 'Bullet list', hint: 'A simple list', icon: '•', group: 'Text', keywords: ['bullet', 'list', 'ul', '列表'],
    run: (e, r) => e.chain().focus().deleteRange(r).toggleBulletList().run(),
  },
  {
    id: 'orderedList', title: 'Numbered list', hint: '1. 2. 3.', icon: '1.', group: 'Text', keywords: ['numbered', 'ordered', 'list', 'ol', '编号'],
    run: (e, r) => e.chain().focus().deleteRange(r).toggleOrderedList().run(),
  },
  {
    id: 'taskList', title: 'To-do list', hint: 'Checklist with checkboxes', icon: '☑', group: 'Text', keywords: ['todo', 'task', 'check', 'checklist', '待办'],
    run: (e, r) => e.chain().focus().deleteRange(r).toggleTaskList().run(),
  },
  {
    id: 'blockquote', title: 'Quote', hint: 'Quoted text', icon: '❝', group: 'Text', keywords: ['quote', 'blockquote', '引用'],
    run: (e, r) => e.chain().focus().deleteRange(r).toggleBlockquote().run(),
  },
  {
    id: 'divider', title: 'Divider', hint: 'A horizontal line', icon: '—', group: 'Text', keywords: ['divider', 'hr', 'line', '分割线'],
    run: (e, r) => e.chain().focus().deleteRange(r).setHorizontalRule().run(),
  },
];

/** Items matching what was typed after `/`: every word must appear in the title, id or a keyword; title-prefix matches first. */
export function filterSlashItems(query: string, items: SlashItem[] = slashItems): SlashItem[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  const hay = (i: SlashItem) => [i.title, i.id, ...i.keywords].join(' ').toLowerCase();
  return items
    .filter((i) => words.every((w) => hay(i).includes(w)))
    .sort((a, b) => Number(!a.title.toLowerCase().startsWith(words[0])) - Number(!b.title.toLowerCase().startsWith(words[0])));
}
