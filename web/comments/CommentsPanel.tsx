import type { Editor } from '@tiptap/core';
import { NodeSelection, TextSelection } from '@tiptap/pm/state';
import { MessageSquare, X } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { errorText } from '../i18n/errors.js';
import i18n from '../i18n/index.js';
import { toast } from '../lib/toast.js';
import { commentsApi, commentsChanged, type Thread } from './api.js';
import { anchorToRange, findBlock } from './commentMarks.js';
import { MentionTextarea, type Mentionable } from './MentionTextarea.js';
import { blockLabel, targetFromSelection, type CommentTarget } from './target.js';
import { ThreadCard } from './ThreadCard.js';
import type { useComments } from './useComments.js';
import './comments.css';
import { sendKeys } from '../lib/keyboard.js';

/** `reply`: opened from a notification, to answer the thread. */
export interface CommentFocus { blockId?: string; threadId?: string; reply?: boolean; seq: number }

/** Re-renders on every editor transaction that changes the document or the selection. */
function useEditorTick(editor: Editor | null) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!editor) return;
    const bump = () => setTick((t) => t + 1);
    editor.on('update', bump);
    editor.on('selectionUpdate', bump);
    return () => { editor.off('update', bump); editor.off('selectionUpdate', bump); };
  }, [editor]);
  return tick;
}

/**
 * The report's comment side panel: a composer for the block or text selected in the editor, and the threads
 * (open / resolved), each jumping to its anchor. It also tells the editor which blocks carry open threads.
 */
export function CommentsPanel({ reportId, comments, editor, me, canComment, members, focus, onClose, active, setActive, onlyBlock, setOnlyBlock, composeSeq = 0 }: {
  reportId: string; comments: ReturnType<typeof useComments>; editor: Editor | null; me: { id: string; name: string };
  canComment: boolean; members: Mentionable[]; focus: CommentFocus | null; onClose: () => void;
  /** The thread in focus and the block the list is narrowed to (kept by the page: the editor shows them too). */
  active: string | null; setActive: (id: string | null) => void; onlyBlock: string | null; setOnlyBlock: (id: string | null) => void;
  /** Bumped to start a comment: the box takes the keyboard (CommentButtons, Ctrl/Cmd+Alt+M). */
  composeSeq?: number;
}) {
  const { t } = useTranslation();
  const keys = sendKeys();
  const { threads, loading, error } = comments;
  const tick = useEditorTick(editor);
  const [tab, setTab] = useState<'open' | 'resolved'>('open');
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [replyTo, setReplyTo] = useState<{ id: string; seq: number } | null>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const composerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (composeSeq) composerRef.current?.querySelector('textarea')?.focus();
  }, [composeSeq]);

  // The live document decides what is detached once it has content; until then, the server's word.
  const docReady = !!editor && !editor.isDestroyed && editor.state.doc.textContent.length > 0;
  const view = useMemo(() => {
    const doc = docReady ? editor!.state.doc : null;
    return threads.map((t) => {
      const block = doc && t.root.blockId ? findBlock(doc, t.root.blockId) : null;
      const range = doc && t.root.anchor ? anchorToRange(editor!.state, t.root.anchor) : null;
      const detached = doc ? (t.root.blockId ? !block : t.root.anchor ? !range : false) : !!t.root.detached;
      const label = t.root.blockId ? (block ? blockLabel(block.node) : i18n.t('comments.deletedBlock')) : i18n.t('comments.text');
      return { thread: t, detached, label, pos: block?.pos ?? range?.from ?? Number.MAX_SAFE_INTEGER };
    }).sort((a, b) => a.pos - b.pos);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [threads, tick, docReady, i18n.language]);

  const target: CommentTarget | null = editor && !editor.isDestroyed ? targetFromSelection(editor.state) : null;
  const open = view.filter((v) => !v.thread.root.resolved);
  const resolved = view.filter((v) => v.thread.root.resolved);
  const shown = (tab === 'open' ? open : resolved).filter((v) => !onlyBlock || v.thread.root.blockId === onlyBlock);

  // Opened from a badge, a highlight or a notification.
  useEffect(() => {
    if (!focus) return;
    if (focus.blockId) { setOnlyBlock(focus.blockId); setTab('open'); setActive(null); }
    if (focus.threadId) {
      const t = threads.find((x) => x.root.id === focus.threadId || x.replies.some((r) => r.id === focus.threadId));
      // Opened from a notification: typing answers the thread (the box at the top was taken for a reply and started
      // a new thread on whatever the caret was in).
      if (t) { setOnlyBlock(null); setTab(t.root.resolved ? 'resolved' : 'open'); setActive(t.root.id); if (focus.reply) setReplyTo({ id: t.root.id, seq: focus.seq }); }
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.seq, threads.length > 0]);
  useEffect(() => {
    if (active) listRef.current?.querySelector(`[data-thread-id="${active}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [active, tab]);

  const jump = (th: Thread) => {
    setActive(th.root.id);
    if (!editor || editor.isDestroyed) return;
    const { state, view: pm } = editor;
    const range = th.root.anchor ? anchorToRange(state, th.root.anchor) : null;
    const block = th.root.blockId ? findBlock(state.doc, th.root.blockId) : null;
    if (!range && !block) return toast.info(t('comments.blockGone'));
    const sel = range ? TextSelection.create(state.doc, range.from, range.to)
      : block!.node.isAtom ? NodeSelection.create(state.doc, block!.pos) : TextSelection.near(state.doc.resolve(block!.pos + 1));
    pm.dispatch(state.tr.setSelection(sel));
    const dom = block ? pm.nodeDOM(block.pos) : pm.domAtPos(range!.from).node;
    (dom instanceof HTMLElement ? dom : dom?.parentElement)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  };

  const submit = async () => {
    if (!target || !draft.trim() || busy) return;
    setBusy(true);
    try {
      const c = await commentsApi.add(reportId, { blockId: target.blockId, anchor: target.anchor, body: draft });
      setDraft('');
      setTab('open');
      setActive(c.id);
      void commentsChanged(reportId);
    } catch (e) { toast.error(e); } finally { setBusy(false); }
  };

  return (
    <aside className="side-panel comments-panel" aria-label={t('comments.title')}
      onKeyDown={(e) => {
        // Escape closes the panel (on a phone it covers the page) and gives the caret back to the report.
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onClose();
        if (editor && !editor.isDestroyed) editor.commands.focus();
      }}>
      <header className="side-panel-head">
        <MessageSquare size={16} aria-hidden />
        <h2>{t('comments.title')}</h2>
        <span className="grow" />
        <button className="icon-btn" aria-label={t('comments.close')} onClick={onClose}><X size={16} /></button>
      </header>
      {canComment && (
        <div className="composer" ref={composerRef}>
          <div className={`composer-target${target ? '' : ' is-empty'}`}>
            {target ? <Trans i18nKey="comments.on" values={{ label: target.label }} components={{ strong: <strong /> }} /> : t('comments.noTarget')}
          </div>
          <MentionTextarea label={t('comments.new')} placeholder={keys ? t('comments.placeholder', { keys }) : t('comments.placeholderTouch')}
            value={draft} onChange={setDraft} onSubmit={submit} members={members} />
          <div className="comment-actions">
            <button className="btn btn-sm btn-primary" disabled={!target || !draft.trim() || busy} onClick={submit}>{t('comments.send')}</button>
          </div>
        </div>
      )}
      <div className="panel-tabs" role="tablist">
        <button role="tab" aria-selected={tab === 'open'} className={`panel-tab${tab === 'open' ? ' is-on' : ''}`} onClick={() => setTab('open')}>{t('comments.open')} <span className="count">{open.length}</span></button>
        <button role="tab" aria-selected={tab === 'resolved'} className={`panel-tab${tab === 'resolved' ? ' is-on' : ''}`} onClick={() => setTab('resolved')}>{t('comments.resolved')} <span className="count">{resolved.length}</span></button>
      </div>
      {onlyBlock && (
        <div className="panel-filter">
          <Trans i18nKey="comments.filterOn" components={{ strong: <strong /> }}
            values={{ label: docReady && findBlock(editor!.state.doc, onlyBlock) ? blockLabel(findBlock(editor!.state.doc, onlyBlock)!.node) : t('comments.thisBlock') }} />
          <button className="btn btn-ghost btn-sm" onClick={() => setOnlyBlock(null)}>{t('comments.showAll')}</button>
        </div>
      )}
      <div className="thread-list" ref={listRef}>
        {loading && <p className="muted small pad">{t('comments.loading')}</p>}
        {error && <p className="form-error">{errorText(error)}</p>}
        {!loading && shown.length === 0 && <p className="muted small pad">{tab === 'open' ? t('comments.noOpen') : t('comments.noResolved')}</p>}
        {shown.map((v) => (
          <ThreadCard key={v.thread.root.id} thread={v.thread} label={v.label} detached={v.detached} active={active === v.thread.root.id}
            me={me.id} members={members} canComment={canComment} onJump={() => jump(v.thread)} replyNow={replyTo?.id === v.thread.root.id ? replyTo.seq : 0} />
        ))}
      </div>
    </aside>
  );
}
