import type { AnyExtension, Editor } from '@tiptap/core';
import { History, MessageSquare } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Role } from '../api.js';
import { useMembers, type ReportSummary } from '../lib/data.js';
import { HistoryPanel } from '../history/HistoryPanel.js';
import { NextWeekButton } from '../history/NextWeekButton.js';
import { RestoreNotice } from '../history/RestoreNotice.js';
import { canComment as mayComment, canEdit as mayEdit } from '../../shared/roles.js';
import { addWeek } from '../../shared/week.js';
import { landOn } from '../editor/landing.js';
import { CommentButtons, CommentShortcut } from './CommentButtons.js';
import { CommentMarks, setCommentMarks } from './commentMarks.js';
import { MentionSuggest } from './mentionSuggest.js';
import { CommentsPanel, type CommentFocus } from './CommentsPanel.js';
import { useComments } from './useComments.js';

export interface ReportExtras {
  /** Editor extensions to add (comment badges and highlights). Stable for the page's life. */
  extensions: AnyExtension[];
  /** Give the editor instance once it exists (null when it goes). */
  onEditor: (editor: Editor | null) => void;
  /** Buttons for the report bar: start next week, comments (with the open-thread count), history. */
  toolbar: ReactNode;
  /** The open side panel, if any. */
  panel: ReactNode;
}

/**
 * Everything the report page gets from comments and history, in one hook so the page needs only a few lines:
 * the side panels, their toggles, the editor extension for badges, and the next-week button.
 */
export function useReportExtras({ reportId, spaceId, week, role, me, reports }: {
  reportId: string; spaceId: string; week: string; role: Role; me: { id: string; name: string }; reports: ReportSummary[];
}): ReportExtras {
  const { t } = useTranslation();
  const [editor, setEditor] = useState<Editor | null>(null);
  const [panel, setPanel] = useState<'comments' | 'history' | null>(null);
  const [focus, setFocus] = useState<CommentFocus | null>(null);
  const [composeSeq, setComposeSeq] = useState(0);
  const [params, setParams] = useSearchParams();
  const comments = useComments(reportId);
  const members = useMembers(spaceId || undefined).data ?? [];
  const seq = useRef(0);
  const [active, setActive] = useState<string | null>(null);
  const [onlyBlock, setOnlyBlock] = useState<string | null>(null);

  // The editor always shows open threads (badge per block, highlighted text); the focused one while the panel is open.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const open = comments.threads.filter((t) => !t.root.resolved).map((t) => t.root);
    const counts: Record<string, number> = {};
    for (const c of open) if (c.blockId) counts[c.blockId] = (counts[c.blockId] ?? 0) + 1;
    const ranges = open.filter((c) => c.anchor).map((c) => ({ threadId: c.id, anchor: c.anchor! }));
    const focused = panel === 'comments' ? open.find((c) => c.id === active) ?? null : null;
    setCommentMarks(editor.view, {
      counts, ranges,
      activeBlock: panel === 'comments' ? focused?.blockId ?? onlyBlock : null,
      activeThread: focused?.id ?? null,
    });
  }, [editor, comments.threads, active, onlyBlock, panel]);

  const openComments = useCallback((target: { blockId?: string; threadId?: string; reply?: boolean }) => {
    setPanel('comments');
    setFocus({ ...target, seq: ++seq.current });
  }, []);
  const onOpenRef = useRef(openComments);
  onOpenRef.current = openComments;
  // A comment started from a block's button, a selection's button or Ctrl/Cmd+Alt+M: the panel opens, its box focused,
  // on what the editor has selected.
  const compose = useCallback(() => { setPanel('comments'); setComposeSeq((n) => n + 1); }, []);
  const composeRef = useRef(compose);
  composeRef.current = compose;
  const membersRef = useRef(members);
  membersRef.current = members;
  const meRef = useRef(me.id);
  meRef.current = me.id;
  const extensions = useMemo(() => [
    CommentMarks.configure({ onOpen: (t) => onOpenRef.current(t) }),
    MentionSuggest.configure({ members: () => membersRef.current, me: () => meRef.current }),
    CommentShortcut.configure({ onCompose: () => composeRef.current() }),
  ], []);

  // Arriving from a notification: /r/:id?thread=<commentId>.
  const thread = params.get('thread');
  useEffect(() => {
    if (!thread) return;
    openComments({ threadId: thread, reply: true });
    params.delete('thread');
    setParams(params, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [thread]);

  // Arriving from a search hit, the dashboard or a mention: /r/:id?block=<blockId>[&text=<snippet>] lands on that block
  // or line (web/editor/landing.ts) at once when the report is loaded, else as soon as its document arrives.
  const block = params.get('block');
  const text = params.get('text');
  useEffect(() => {
    if ((!block && !text) || !editor) return;
    const land = () => {
      if (!landOn(editor, { blockId: block, text })) return false;
      params.delete('block');
      params.delete('text');
      setParams(params, { replace: true });
      return true;
    };
    if (land()) return;
    const onUpdate = () => { if (land()) editor.off('update', onUpdate); };
    editor.on('update', onUpdate);
    return () => { editor.off('update', onUpdate); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [block, text, editor]);

  const openCount = comments.threads.filter((t) => !t.root.resolved).length;
  const canComment = mayComment(role);
  const canEdit = mayEdit(role);
  const nextExists = !week || reports.some((r) => r.week === addWeek(week, 1));

  return {
    extensions,
    onEditor: setEditor,
    toolbar: (
      <>
        {canEdit && <NextWeekButton reportId={reportId} spaceId={spaceId} week={week} nextExists={nextExists} />}
        <button className={`btn btn-ghost btn-sm${panel === 'comments' ? ' is-on' : ''}`} aria-pressed={panel === 'comments'}
          onClick={() => setPanel(panel === 'comments' ? null : 'comments')} title={t('comments.toggle')}>
          <MessageSquare size={15} aria-hidden /> {t('comments.toggle')}{openCount > 0 && <span className="count-badge">{openCount}</span>}
        </button>
        <button className={`btn btn-ghost btn-sm${panel === 'history' ? ' is-on' : ''}`} aria-pressed={panel === 'history'}
          onClick={() => setPanel(panel === 'history' ? null : 'history')} title={t('history.panel')}>
          <History size={15} aria-hidden /> {t('history.toggle')}
        </button>
        <RestoreNotice reportId={reportId} me={me.id} />
        {canComment && <CommentButtons editor={editor} onCompose={compose} />}
      </>
    ),
    panel: panel === 'comments'
      ? <CommentsPanel reportId={reportId} comments={comments} editor={editor} me={me} canComment={canComment} members={members} focus={focus} onClose={() => setPanel(null)}
          composeSeq={composeSeq}
          active={active} setActive={setActive} onlyBlock={onlyBlock} setOnlyBlock={setOnlyBlock} />
      : panel === 'history'
        ? <HistoryPanel reportId={reportId} canEdit={canEdit} onClose={() => setPanel(null)} />
        : null,
  };
}
