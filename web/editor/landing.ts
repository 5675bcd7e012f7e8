import { Extension, type Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/**
 * Landing on a place in the report (a search hit, a dashboard link, a mention in the inbox): `?block=<blockId>` is a
 * structured block; `&text=<snippet>` is a line of text, found after that block (text hits point at the nearest
 * block above them) by the snippet the search returned. The place is scrolled to the middle of the screen at once
 * and highlighted (a node decoration: ProseMirror keeps it through re-renders) until the person edits or clicks.
 */

export interface LandingTarget { blockId: string | null; text: string | null }

const key = new PluginKey<DecorationSet>('landing');
const CLEAR = 'landingClear';
const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);

/** The longest run of a search snippet that is the document's own text (the server cuts it with … and joins lines with ·). */
export function needleOf(snippet: string): string {
  return snippet.split(/…| · /).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0] ?? '';
}

/** The lines text hits are made of, in order: top-level textblocks and the items of top-level lists (server/search/searchRows.ts). */
function textPieces(doc: PMNode): { pos: number; node: PMNode }[] {
  const out: { pos: number; node: PMNode }[] = [];
  doc.forEach((node, offset) => {
    if (LISTS.has(node.type.name)) node.forEach((item, o) => out.push({ pos: offset + 1 + o, node: item }));
    else out.push({ pos: offset, node });
  });
  return out;
}

const flat = (node: PMNode) => node.textBetween(0, node.content.size, ' · ', ' ').replace(/\s*\n\s*/g, ' · ');

/** Where a target is in the document now, or null (not there yet: the document may still be loading). */
export function findTarget(doc: PMNode, target: LandingTarget): { pos: number; node: PMNode } | null {
  let block: { pos: number; node: PMNode } | null = null;
  if (target.blockId) {
    doc.descendants((node, pos) => {
      if (block) return false;
      if (node.attrs.blockId === target.blockId) block = { pos, node };
      return true;
    });
  }
  const needle = target.text ? needleOf(target.text) : '';
  if (!needle) return block;
  const pieces = textPieces(doc);
  const after = block ? (block as { pos: number }).pos : -1;
  return pieces.find((p) => p.pos > after && flat(p.node).includes(needle))
    ?? pieces.find((p) => flat(p.node).includes(needle))
    ?? block;
}

/** Scrolls to a target and highlights it; false when it is not in the document (yet). */
export function landOn(editor: Editor, target: LandingTarget): boolean {
  if (editor.isDestroyed) return false;
  const found = findTarget(editor.state.doc, target);
  if (!found) return false;
  const { view } = editor;
  view.dispatch(view.state.tr.setMeta(key, { from: found.pos, to: found.pos + found.node.nodeSize }).setMeta('addToHistory', false));
  const center = () => {
    const at = findTarget(view.state.doc, target);
    const dom = at ? view.nodeDOM(at.pos) : null;
    (dom instanceof HTMLElement ? dom : dom?.parentElement)?.scrollIntoView({ block: 'center', behavior: 'instant' });
  };
  center();
  keepInView(view.dom, center);
  return true;
}

/**
 * For a moment after landing the page may still grow above the place (block views rendering, last week's KPIs
 * arriving): it is centred again on every such change, until the person scrolls, clicks or types.
 */
function keepInView(root: HTMLElement, center: () => void, ms = 2500) {
  if (typeof ResizeObserver === 'undefined') return;
  const events = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
  const observer = new ResizeObserver(() => center());
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
    for (const e of events) window.removeEventListener(e, stop, true);
  };
  const timer = setTimeout(stop, ms);
  for (const e of events) window.addEventListener(e, stop, true);
  observer.observe(root);
}

/** Holds the highlight of the place landed on. */
export const Landing = Extension.create({
  name: 'landing',
  addProseMirrorPlugins() {
    return [new Plugin<DecorationSet>({
      key,
      state: {
        init: () => DecorationSet.empty,
        apply(tr, set, _old, state) {
          const at = tr.getMeta(key) as { from: number; to: number } | undefined;
          if (at) return DecorationSet.create(state.doc, [Decoration.node(at.from, at.to, { class: 'search-flash search-hit', 'data-search-hit': '' })]);
          if (set === DecorationSet.empty) return set;
          // the person edits or moves the caret: the highlight has done its job
          const remote = !!(tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
          if (tr.getMeta(CLEAR) || (tr.docChanged && !remote)) return DecorationSet.empty;
          return set.map(tr.mapping, tr.doc);
        },
      },
      props: {
        decorations: (state) => key.getState(state),
        handleClick: (view) => {
          if (key.getState(view.state) !== DecorationSet.empty) view.dispatch(view.state.tr.setMeta(CLEAR, true));
          return false;
        },
      },
    })];
  },
});
