import type { Editor, JSONContent, Range } from '@tiptap/core';
import { blocks } from '../../../shared/blocks/index.js';
import { slashTitle, slashWords } from '../../i18n/blocks.js';
import { oneStep } from '../undo.js';

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

/** Blocks that hold text only (`editor.leaf`): other blocks are not nested in them. */
const leafItems = new Set<string>(blocks.filter((b) => b.editor?.leaf).map((b) => b.name));

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

/** Each block's `/` entry (its registry `slash`), in registry order, then the plain text blocks. */
const blockItems: SlashItem[] = blocks.flatMap((b) => (b.slash ? [{
  id: b.name, title: b.slash.title, hint: b.slash.hint, icon: b.slash.icon, group: 'Blocks' as const, keywords: b.slash.keywords,
  // inserting a block is one undo step, apart from the typing before and after it
  run: (e: Editor, r: Range) => oneStep(e, () => insertBlock(e, r, b.slash!.content(), b.slash!.focus)),
}] : []));

export const slashItems: SlashItem[] = [
  ...blockItems,
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

/** Items matching what was typed after `/`: every word must appear in the title, id, a keyword or a search word; best first. */
export function filterSlashItems(query: string, items: SlashItem[] = slashItems): SlashItem[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return items;
  // The title in the interface's language and its search words (pinyin in Chinese) are searched too (web/i18n/blocks.ts).
  const hay = (i: SlashItem) => [i.title, slashTitle(i.id), slashWords(i.id), i.id, ...i.keywords].join(' ').toLowerCase();
  // First the entries whose title starts with the first word, then those with a word that does (`/bt`: the headings'
  // `bt` before `wxlb`'s), then the rest; the menu's order within each.
  const rank = (i: SlashItem) => {
    const w = words[0];
    if (i.title.toLowerCase().startsWith(w) || slashTitle(i.id).toLowerCase().startsWith(w)) return 0;
    return hay(i).split(/\s+/).some((x) => x.startsWith(w)) ? 1 : 2;
  };
  return items.filter((i) => words.every((w) => hay(i).includes(w))).sort((a, b) => rank(a) - rank(b));
}
