import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { Anchor } from './api.js';

/** What the editor shows of the comments: open-thread counts per block, open text ranges, the thread in focus. */
export interface CommentMarksState {
  counts: Record<string, number>;
  ranges: { threadId: string; anchor: Anchor }[];
  activeBlock: string | null;
  activeThread: string | null;
}
const empty: CommentMarksState = { counts: {}, ranges: [], activeBlock: null, activeThread: null };
export const commentMarksKey = new PluginKey<{ marks: CommentMarksState; deco: DecorationSet }>('commentMarks');

const b64 = {
  encode: (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)),
  decode: (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0)),
};

/** The y-prosemirror binding of the collaborative editor (absent until it is set up). */
function binding(state: EditorState) {
  const ystate = ySyncPluginKey.getState(state) as { binding?: { mapping: Map<any, any>; type: Y.XmlFragment; doc: Y.Doc } } | undefined;
  return ystate?.binding ?? null;
}

/** A document range → an anchor that follows edits around it (Yjs relative positions, base64). */
export function rangeToAnchor(state: EditorState, from: number, to: number): Anchor | null {
  const b = binding(state);
  if (!b) return null;
  // y-tiptap ties positions to the character on their left (right for a caret). A range's start must tie to the
  // character on its right instead, so text typed just before the range does not join it.
  const rel = (pos: number, side: 'start' | 'end') => {
    const r = absolutePositionToRelativePosition(pos, b.type, b.mapping);
    if (side === 'end') return r;
    const abs = Y.createAbsolutePositionFromRelativePosition(r, b.doc);
    return abs ? Y.createRelativePositionFromTypeIndex(abs.type, abs.index, 0) : r;
  };
  const enc = (r: Y.RelativePosition) => b64.encode(Y.encodeRelativePosition(r));
  return { from: enc(rel(from, 'start')), to: enc(rel(to, 'end')), quote: state.doc.textBetween(from, to, ' ').slice(0, 300) };
}

/** An anchor → the range it covers now, or null when its text is gone. */
export function anchorToRange(state: EditorState, anchor: Anchor): { from: number; to: number } | null {
  const b = binding(state);
  if (!b) return null;
  try {
    const abs = (s: string) => relativePositionToAbsolutePosition(b.doc, b.type, Y.decodeRelativePosition(b64.decode(s)), b.mapping);
    const from = abs(anchor.from);
    const to = abs(anchor.to);
    return from !== null && to !== null && to > from ? { from, to } : null;
  } catch {
    return null;
  }
}

/** Position and node of the block with this blockId. */
export function findBlock(doc: PMNode, blockId: string): { pos: number; node: PMNode } | null {
  let found: { pos: number; node: PMNode } | null = null;
  doc.descendants((node, pos) => {
    if (found) return false;
    if (node.attrs.blockId === blockId) found = { pos, node };
    return true;
  });
  return found;
}

function decorations(state: EditorState, marks: CommentMarksState): DecorationSet {
  const decos: Decoration[] = [];
  state.doc.descendants((node, pos) => {
    const id = node.attrs.blockId as string | undefined;
    const n = id ? marks.counts[id] : 0;
    if (id && n) {
      decos.push(Decoration.node(pos, pos + node.nodeSize, {
        'data-comment-count': String(n),
        'data-comment-block': id,
        class: `has-comments${id === marks.activeBlock ? ' comment-active-block' : ''}`,
      }));
    }
    return true;
  });
  for (const r of marks.ranges) {
    const range = anchorToRange(state, r.anchor);
    if (range) {
      decos.push(Decoration.inline(range.from, range.to, {
        class: `comment-range${marks.activeThread === r.threadId ? ' comment-range-active' : ''}`,
        'data-thread-id': r.threadId,
      }));
    }
  }
  return DecorationSet.create(state.doc, decos);
}

/**
 * Shows comments in the editor: a count badge on each block with open threads and a highlight on commented
 * text. Clicking either calls `onOpen` with the block or thread. The page sets what to show with
 * `editor.view.dispatch(tr.setMeta(commentMarksKey, marks))` (see setCommentMarks).
 */
export const CommentMarks = Extension.create<{ onOpen: (target: { blockId?: string; threadId?: string }) => void }>({
  name: 'commentMarks',
  addOptions: () => ({ onOpen: () => {} }),
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin({
        key: commentMarksKey,
        state: {
          init: (_, state) => ({ marks: empty, deco: decorations(state, empty) }),
          apply(tr, prev, _old, state) {
            const next = tr.getMeta(commentMarksKey) as CommentMarksState | undefined;
            // Ranges resolve through Yjs. A change from Yjs (a remote edit, the first sync) has Yjs and the editor in
            // step: recompute. A local edit reaches Yjs only after this transaction: map the decorations instead.
            const fromYjs = !!(tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
            if (next || (fromYjs && tr.docChanged)) return { marks: next ?? prev.marks, deco: decorations(state, next ?? prev.marks) };
            if (!tr.docChanged) return prev;
            return { marks: prev.marks, deco: prev.deco.map(tr.mapping, tr.doc) };
          },
        },
        props: {
          decorations: (state) => commentMarksKey.getState(state)?.deco,
          handleDOMEvents: {
            click(_view, event) {
              const target = event.target as HTMLElement | null;
              const range = target?.closest?.('[data-thread-id]') as HTMLElement | null;
              if (range) {
                options.onOpen({ threadId: range.dataset.threadId });
                return false;
              }
              // The badge is drawn at the block's top-right corner (CSS ::after): a click there opens its threads.
              const block = target?.closest?.('[data-comment-count]') as HTMLElement | null;
              if (!block) return false;
              const box = block.getBoundingClientRect();
              if (event.clientX >= box.right - 30 && event.clientY <= box.top + 22) {
                const id = block.getAttribute('data-comment-block');
                if (id) options.onOpen({ blockId: id });
              }
              return false;
            },
          },
        },
      }),
    ];
  },
});

/** Tells the editor which comments to show. */
export function setCommentMarks(view: { state: EditorState; dispatch: (tr: any) => void }, marks: CommentMarksState) {
  view.dispatch(view.state.tr.setMeta(commentMarksKey, marks).setMeta('addToHistory', false));
}
