import { Extension, type Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { NodeSelection, Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ReplaceAroundStep, ReplaceStep, type Step } from '@tiptap/pm/transform';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { KeyboardEvent } from 'react';
import type { EditorTraits } from '../../../shared/blocks/def.js';
import { blocks } from '../../../shared/blocks/index.js';
import { newBlockId } from '../../../shared/blocks/attrs.js';
import { oneStep } from '../undo.js';

/**
 * The keyboard inside structured blocks, from each block's editor traits (`shared/blocks/<name>.ts`, `editor`):
 *
 * - Tab / Shift+Tab move between the fields of the block that holds the caret (`fields`, in page order) and its
 *   text, round and round, never out of the block. From text outside any block they indent a list item or do
 *   nothing (the browser's own Tab would jump to some field further down the report).
 *   Escape then Tab (or Shift+Tab) leaves the editor for the rest of the page, so the keyboard is never stuck.
 * - Enter in a field commits it and stays in the block: back to the block's text, or, in a KPI table
 *   (`enterInField: 'nextRow'`), the same field of the next row, or on a filled last row a new row's first field.
 *   Escape goes back to the text too.
 * - Enter at the end of a one-line item's text (`exitAtEnd`), or on an empty last line (`exitOnEmptyLine`), leaves
 *   the block; Enter on an empty line anywhere else in a block adds a line and never splits the block in two.
 * - No keystroke duplicates a block: a local edit that would leave two blocks with one blockId (a split) is refused;
 *   pasting a copy stays possible (BlockIds gives the copy its own id).
 */

const traits = new Map<string, EditorTraits>(blocks.flatMap((b) => (b.editor ? [[b.name, b.editor] as const] : [])));
const LIST_ITEMS = new Set(['listItem', 'taskItem']);
const FIELD_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** The fields of a block in page order: its `fields` selector, minus fields of blocks nested in it, minus disabled or hidden ones. */
export function fieldsOf(view: EditorView, pos: number, node: PMNode): HTMLElement[] {
  const selector = traits.get(node.type.name)?.fields;
  const dom = view.nodeDOM(pos) as HTMLElement | null;
  if (!selector || !dom?.querySelectorAll) return [];
  const nested: HTMLElement[] = [];
  node.descendants((child, p) => {
    if (!traits.get(child.type.name)?.fields) return true;
    const d = view.nodeDOM(pos + 1 + p) as HTMLElement | null;
    if (d) nested.push(d);
    return false;
  });
  return [...dom.querySelectorAll<HTMLElement>(selector)].filter((el) =>
    !nested.some((n) => n.contains(el)) && !(el as HTMLInputElement).disabled && el.getClientRects().length > 0);
}

/**
 * The fields in the order Tab goes round them, from the block's text: its `firstField` first (an OKR item's progress,
 * the field most often typed), then on in page order, round to the fields before it, then back to the text. A cycle
 * that started at `firstField` and went back to the text at the last field never reached the fields before it
 * (an OKR item's project, status and owners; an incident's severity and review status).
 */
function tabCycle(view: EditorView, pos: number, node: PMNode): HTMLElement[] {
  const fields = fieldsOf(view, pos, node);
  const first = traits.get(node.type.name)?.firstField;
  const start = first ? Math.max(0, fields.findIndex((f) => f.matches(first))) : 0;
  return [...fields.slice(start), ...fields.slice(0, start)];
}

function focusField(el: HTMLElement | undefined) {
  if (!el) return;
  el.focus();
  if (el instanceof HTMLInputElement) el.select();
}

/** Puts the caret back into the block's text: where it was when it is inside the block, else at the end of its text. */
function toText(view: EditorView, pos: number, node: PMNode): boolean {
  const { selection } = view.state;
  const inside = selection instanceof TextSelection && selection.from > pos && selection.to < pos + node.nodeSize;
  if (!inside) {
    let end = -1;
    node.descendants((child, p) => {
      if (child.isTextblock) end = pos + 1 + p + child.nodeSize - 1;
      return !child.isTextblock;
    });
    if (end < 0) {
      // a block without text (a KPI table): select it as a whole
      view.dispatch(view.state.tr.setSelection(NodeSelection.create(view.state.doc, pos)));
      view.focus();
      return false;
    }
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, end)));
  }
  view.focus();
  return true;
}

/** The structured block (with fields) that a field element belongs to. */
function blockOfField(view: EditorView, field: HTMLElement): { pos: number; node: PMNode } | null {
  for (let el = field.closest<HTMLElement>('[data-block-id]'); el && view.dom.contains(el); el = el.parentElement?.closest<HTMLElement>('[data-block-id]') ?? null) {
    const id = el.getAttribute('data-block-id');
    let found: { pos: number; node: PMNode } | null = null;
    view.state.doc.descendants((node, pos) => {
      if (found) return false;
      if (node.attrs.blockId === id) found = { pos, node };
      return true;
    });
    if (found && traits.get((found as { node: PMNode }).node.type.name)?.fields) return found;
  }
  return null;
}

/**
 * A new row of the same kind right after the row holding `field` (one undo step), its first field focused once it is
 * drawn; false when that row is still empty (its first field, the metric's name, has nothing).
 */
function addRowAfter(view: EditorView, field: HTMLElement): boolean {
  const rowEl = field.closest<HTMLElement>('[data-block-id]');
  const first = rowEl?.querySelector<HTMLInputElement>('input, textarea');
  if (!rowEl || !first?.value.trim()) return false;
  const rowId = rowEl.getAttribute('data-block-id');
  let row: { pos: number; node: PMNode } | null = null;
  view.state.doc.descendants((node, pos) => {
    if (row) return false;
    if (node.attrs.blockId === rowId) row = { pos, node };
    return true;
  });
  if (!row) return false;
  const { pos, node } = row as { pos: number; node: PMNode };
  const blockId = newBlockId();
  view.dispatch(view.state.tr.insert(pos + node.nodeSize, node.type.create({ blockId })).scrollIntoView());
  let tries = 0;
  const focusNew = () => {
    const el = view.dom.querySelector<HTMLElement>(`[data-block-id="${blockId}"] input, [data-block-id="${blockId}"] textarea`);
    if (el) focusField(el);
    else if (++tries < 30) requestAnimationFrame(focusNew);
  };
  focusNew();
  return true;
}

/** Tab, Shift+Tab, Enter and Escape in a field of a block (a DOM listener: ProseMirror leaves node views' inputs alone). */
export function onFieldKey(view: EditorView, e: globalThis.KeyboardEvent) {
  if (e.defaultPrevented || e.isComposing || e.keyCode === 229) return;
  if (e.key !== 'Tab' && e.key !== 'Enter' && e.key !== 'Escape') return;
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey)) return;
  const field = e.target as HTMLElement;
  if (!FIELD_TAGS.has(field.tagName)) return;
  const block = blockOfField(view, field);
  if (!block) return;
  const t = traits.get(block.node.type.name)!;
  const fields = fieldsOf(view, block.pos, block.node);
  const i = fields.indexOf(field);
  if (i < 0) return;
  if (e.key === 'Tab') {
    e.preventDefault();
    const cycle = tabCycle(view, block.pos, block.node);
    const next = cycle.indexOf(field) + (e.shiftKey ? -1 : 1);
    if (next >= 0 && next < cycle.length) focusField(cycle[next]);
    else if (!toText(view, block.pos, block.node)) focusField(next < 0 ? cycle.at(-1) : cycle[0]);
    return;
  }
  if (e.key === 'Enter') {
    if (field.getAttribute('aria-invalid') === 'true') return; // the field says what is wrong; Enter does not leave it
    e.preventDefault();
    if (t.enterInField === 'nextRow') {
      // A field of the table itself (its title) is not a row: Enter goes on to the first row's first field. It added
      // a copy of the table with no rows, which the schema does not allow, and every key typed in it was lost.
      if (field.closest('[data-block-id]')?.getAttribute('data-block-id') === block.node.attrs.blockId) {
        const next = fields[i + 1];
        if (next) focusField(next);
        else if (!toText(view, block.pos, block.node)) focusField(field);
        return;
      }
      const label = field.getAttribute('aria-label');
      const column = fields.filter((f) => f.getAttribute('aria-label') === label);
      const below = column[column.indexOf(field) + 1];
      if (below) focusField(below);
      // The last row: a new row below it, as in a sheet (typing on went into the wrong fields), once this one has
      // something in it; an empty last row keeps the caret where it is.
      else if (!addRowAfter(view, field)) focusField(field);
      return;
    }
    if (!toText(view, block.pos, block.node)) focusField(field);
    return;
  }
  e.preventDefault();
  toText(view, block.pos, block.node);
}

/**
 * Escape, then Tab or Shift+Tab, leaves the editor for the page around it (the editor keeps Tab for itself
 * otherwise, so the keyboard is never stuck in it): focus goes to what can take it after (before) the editor.
 */
let escaped = false;
function leaveEditor(view: EditorView, dir: 1 | -1): boolean {
  const all = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]')]
    .filter((el) => !view.dom.contains(el) && !(el as HTMLInputElement).disabled && el.tabIndex >= 0 && el.getClientRects().length > 0);
  const after = (el: HTMLElement) => (view.dom.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  // the next after it (before it), or round to the page's first (last), as the browser's own Tab goes round
  const next = dir === 1 ? all.find(after) ?? all[0] : all.filter((el) => !after(el)).at(-1) ?? all.at(-1);
  next?.focus();
  return !!next;
}

/** Tab (dir 1) or Shift+Tab (-1) in the text: into the fields of the block holding the caret; in a list or plain text, nothing more. */
export function tabFromText(editor: Editor, dir: 1 | -1): boolean {
  if (escaped) {
    escaped = false;
    return leaveEditor(editor.view, dir);
  }
  const { $from } = editor.state.selection;
  for (let d = $from.depth; d >= 1; d--) {
    const node = $from.node(d);
    if (LIST_ITEMS.has(node.type.name)) return true; // the list's own Tab ran first (indent when it can)
    const t = traits.get(node.type.name);
    if (!t?.fields) continue;
    const cycle = tabCycle(editor.view, $from.before(d), node);
    focusField(dir === 1 ? cycle[0] : cycle.at(-1));
    return true;
  }
  return true;
}

/** Leaves the block at depth `d` of the caret: the caret goes to an empty line right after it (the one there, or a new one). */
function leave(state: EditorState, d: number, dropLine: boolean): Transaction | null {
  const { $from } = state.selection;
  const after = $from.after(d);
  const $after = state.doc.resolve(after);
  const paragraph = state.schema.nodes.paragraph;
  const next = $after.nodeAfter;
  const reuse = !!next && next.type === paragraph && next.content.size === 0;
  if (!reuse && !$after.parent.canReplaceWith($after.index(), $after.index(), paragraph)) return null;
  const tr = state.tr;
  if (!reuse) tr.insert(after, paragraph.create());
  const line = $from.parent.nodeSize;
  if (dropLine) tr.delete($from.before(), $from.after());
  return tr.setSelection(TextSelection.create(tr.doc, after + 1 - (dropLine ? line : 0))).scrollIntoView();
}

/** What Enter does in the text of a structured block (pure: a transaction, or null for the editor's default). */
export function enterInBlock(state: EditorState): Transaction | null {
  const sel = state.selection;
  if (!(sel instanceof TextSelection) || !sel.empty) return null;
  const { $from } = sel;
  const line = $from.parent;
  if (!line.isTextblock || line.type.spec.code) return null;
  const d = $from.depth - 1;
  if (d < 1) return null;
  const block = $from.node(d);
  const t = traits.get(block.type.name);
  if (!t) return null; // a list item, a quote…: the defaults
  const last = $from.index(d) === block.childCount - 1;
  const atEnd = $from.parentOffset === line.content.size;
  const empty = line.content.size === 0;
  if (last && atEnd && (t.exitAtEnd || (t.exitOnEmptyLine && empty))) return leave(state, d, empty && block.childCount > 1);
  // ProseMirror's default would lift an empty line out of the block, which splits the block in two: add a line instead.
  if (empty) {
    const tr = state.tr.split($from.pos);
    return tr.setSelection(TextSelection.create(tr.doc, $from.pos + 2)).scrollIntoView();
  }
  return null;
}

/** Enter on an empty last line (kept for callers of the old name): see enterInBlock. */
export const exitBlockOnEmptyLine = (editor: Editor) => {
  const tr = enterInBlock(editor.state);
  if (!tr) return false;
  editor.view.dispatch(tr);
  return true;
};

/** Whether a step may bring a copy of a block (its slice holds a node with a blockId). */
const copiesBlocks = (step: Step) => {
  if (!(step instanceof ReplaceStep || step instanceof ReplaceAroundStep)) return false;
  let found = false;
  step.slice.content.descendants((n) => {
    if (n.attrs.blockId) found = true;
    return !found;
  });
  return found;
};

const blockIdCounts = (doc: PMNode) => {
  const counts = new Map<string, number>();
  doc.descendants((n) => {
    const id = n.attrs.blockId as string | null | undefined;
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
    return true;
  });
  return counts;
};

/** True when a transaction leaves more blocks sharing one blockId than there were: a block was split or duplicated. */
export function duplicatesBlock(tr: Transaction, before: PMNode): boolean {
  if (!tr.docChanged || !tr.steps.some(copiesBlocks)) return false;
  const now = blockIdCounts(tr.doc);
  let old: Map<string, number> | null = null;
  for (const [id, n] of now) {
    if (n < 2) continue;
    old ??= blockIdCounts(before);
    if (n > (old.get(id) ?? 0)) return true;
  }
  return false;
}

export const BlockFieldKeys = Extension.create({
  name: 'blockFieldKeys',
  priority: 50, // after the list keymaps, so Tab in a list item still indents
  addKeyboardShortcuts() {
    return { Tab: () => tabFromText(this.editor, 1), 'Shift-Tab': () => tabFromText(this.editor, -1) };
  },
  addProseMirrorPlugins() {
    return [new Plugin({
      key: new PluginKey('blockFieldKeys'),
      view: (view) => {
        const onKey = (e: globalThis.KeyboardEvent) => onFieldKey(view, e);
        // Escape in the text (no menu open) arms "leave the editor" for the next Tab; any other key disarms it.
        // Seen before ProseMirror's own handling (capture), which may take Escape for itself.
        const onKeyFirst = (e: globalThis.KeyboardEvent) => {
          if (e.target !== view.dom || e.key === 'Tab' || e.key === 'Shift') return;
          escaped = e.key === 'Escape' && !document.querySelector('.slash-menu-root, .mention-popup');
        };
        view.dom.addEventListener('keydown', onKey);
        view.dom.addEventListener('keydown', onKeyFirst, true);
        return { destroy: () => { view.dom.removeEventListener('keydown', onKey); view.dom.removeEventListener('keydown', onKeyFirst, true); } };
      },
      // A keystroke never duplicates a block; others' changes, undo, paste and drop are not keystrokes.
      filterTransaction: (tr, state) => {
        if (tr.getMeta(ySyncPluginKey) || tr.getMeta('appendedTransaction')) return true;
        const ui = tr.getMeta('uiEvent');
        if (ui === 'paste' || ui === 'drop') return true;
        return !duplicatesBlock(tr, state.doc);
      },
    })];
  },
});

/** Before the default Enter (which would add a line inside the block, or split it); list items are left alone. */
export const BlockExitKeys = Extension.create({
  name: 'blockExitKeys',
  priority: 110,
  addKeyboardShortcuts() {
    return {
      Enter: () => {
        const tr = enterInBlock(this.editor.state);
        if (!tr) return false;
        // leaving a block is a structural action: one undo step of its own
        oneStep(this.editor, () => this.editor.view.dispatch(tr));
        return true;
      },
    };
  },
});

/**
 * For a node view's field area (kept for views that still pass it): fields are handled by the editor's own
 * listener (onFieldKey), which runs first; this only catches an Enter or Escape on something else in the area.
 */
export const backToText = (editor: Editor) => (e: KeyboardEvent<HTMLElement>) => {
  if (e.isDefaultPrevented() || FIELD_TAGS.has((e.target as HTMLElement).tagName)) return;
  if ((e.key === 'Enter' || e.key === 'Escape') && document.activeElement !== e.target) {
    e.preventDefault();
    editor.view.focus();
  }
};
