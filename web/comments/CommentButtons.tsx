import { Extension, type Editor } from '@tiptap/core';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { MessageSquarePlus } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { findBlock } from './commentMarks.js';

/**
 * Ways to start a comment without looking for them: a button on the block under the mouse, a button over selected
 * text, and Ctrl/Cmd+Alt+M (on whatever the caret is in or the text selected). Each puts the editor's selection on
 * what the comment is about and opens the composer (the comments panel's target is the editor's selection).
 */

/** Ctrl/Cmd+Alt+M: comment on the selection or the block holding the caret. */
export const CommentShortcut = Extension.create<{ onCompose: () => void }>({
  name: 'commentShortcut',
  addOptions: () => ({ onCompose: () => {} }),
  addKeyboardShortcuts() {
    return { 'Mod-Alt-m': () => { this.options.onCompose(); return true; } };
  },
});

/** Puts the editor's selection on a block (its text, or the block itself when it has none), as a comment target. */
export function selectBlock(editor: Editor, blockId: string): boolean {
  const found = findBlock(editor.state.doc, blockId);
  if (!found) return false;
  let text = -1;
  found.node.descendants((child, p) => {
    if (text < 0 && child.isTextblock) text = found.pos + 1 + p + 1;
    return text < 0;
  });
  const sel = text >= 0 ? TextSelection.create(editor.state.doc, text) : NodeSelection.create(editor.state.doc, found.pos);
  editor.view.dispatch(editor.state.tr.setSelection(sel));
  return true;
}

type Spot = { left: number; top: number };

/** The block under the mouse (the innermost with a blockId: a KPI row inside its table), kept a moment after it leaves. */
function useHoveredBlock(editor: Editor | null) {
  const [hover, setHover] = useState<{ id: string; el: HTMLElement } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // leaving the block: a moment to reach the button beside it
  const release = () => { clearTimeout(timer.current); timer.current = setTimeout(() => setHover(null), 400); };
  const hold = () => clearTimeout(timer.current);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const dom = editor.view.dom;
    const over = (e: MouseEvent) => {
      const el = (e.target as HTMLElement).closest?.<HTMLElement>('[data-block-id]');
      if (!el || !dom.contains(el)) { release(); return; }
      hold();
      setHover((h) => (h?.el === el ? h : { id: el.getAttribute('data-block-id')!, el }));
    };
    dom.addEventListener('mouseover', over);
    dom.addEventListener('mouseleave', release);
    return () => { clearTimeout(timer.current); dom.removeEventListener('mouseover', over); dom.removeEventListener('mouseleave', release); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);
  return { hover, hold, release, clear: () => setHover(null) };
}

/** Re-renders while the page scrolls or resizes, so fixed buttons follow what they point at. */
function useViewportTick() {
  const [, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((t) => t + 1);
    window.addEventListener('scroll', bump, true);
    window.addEventListener('resize', bump);
    return () => { window.removeEventListener('scroll', bump, true); window.removeEventListener('resize', bump); };
  }, []);
}

/** Non-empty text selected in the editor: where its end is on screen. */
function useSelectionSpot(editor: Editor | null): Spot | null {
  const [spot, setSpot] = useState<Spot | null>(null);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const read = () => {
      const { state, view } = editor;
      const sel = state.selection;
      if (sel.empty || sel instanceof NodeSelection || !view.hasFocus() || !state.doc.textBetween(sel.from, sel.to, ' ').trim()) { setSpot(null); return; }
      const a = view.coordsAtPos(sel.from);
      const b = view.coordsAtPos(sel.to);
      setSpot({ left: Math.max(8, Math.min(window.innerWidth - 120, (a.left + b.right) / 2 - 44)), top: Math.max(8, Math.min(a.top, b.top) - 38) });
    };
    const hide = () => setSpot(null); // its button keeps the editor's focus (mousedown), so a blur is somewhere else
    editor.on('selectionUpdate', read);
    editor.on('focus', read);
    editor.on('blur', hide);
    return () => { editor.off('selectionUpdate', read); editor.off('focus', read); editor.off('blur', hide); };
  }, [editor]);
  return spot;
}

/** The hover button on blocks and the button over selected text (for people who may comment). */
export function CommentButtons({ editor, onCompose }: { editor: Editor | null; onCompose: () => void }) {
  const { t } = useTranslation();
  useViewportTick();
  const { hover, hold, release, clear } = useHoveredBlock(editor);
  const spot = useSelectionSpot(editor);
  const keepSelection = (e: { preventDefault: () => void }) => e.preventDefault();
  if (!editor || editor.isDestroyed) return null;
  let blockSpot: Spot | null = null;
  if (hover && hover.el.isConnected) {
    const r = hover.el.getBoundingClientRect();
    const outside = r.right + 40 < window.innerWidth;
    blockSpot = { left: outside ? r.right + 6 : r.right - 34, top: r.top + 2 };
  }
  return createPortal(
    <>
      {blockSpot && hover && (
        <button type="button" className="comment-float comment-on-block" style={blockSpot} data-block={hover.id}
          aria-label={t('comments.commentOnBlock')} title={`${t('comments.commentOnBlock')} (${t('comments.shortcut')})`}
          onMouseDown={keepSelection} onMouseEnter={hold} onMouseLeave={release}
          onClick={() => { if (selectBlock(editor, hover.id)) { clear(); onCompose(); } }}>
          <MessageSquarePlus size={15} aria-hidden />
        </button>
      )}
      {spot && (
        <button type="button" className="comment-float comment-on-selection" style={spot} title={t('comments.shortcut')} aria-label={t('comments.commentOnSelectionLabel')}
          onMouseDown={keepSelection} onClick={onCompose}>
          <MessageSquarePlus size={14} aria-hidden /> {t('comments.commentOnSelection')}
        </button>
      )}
    </>,
    document.body,
  );
}
