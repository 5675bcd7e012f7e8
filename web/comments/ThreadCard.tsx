import { Check, CornerDownRight, Pencil, RotateCcw, Unlink } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../components/Avatar.js';
import { formatFull, formatUpdated } from '../lib/time.js';
import { toast } from '../lib/toast.js';
import { commentsApi, commentsChanged, type Comment, type Thread } from './api.js';
import { MentionTextarea, type Mentionable } from './MentionTextarea.js';
import { sendKeys } from '../lib/keyboard.js';

/** Mentions of members shown as chips inside a comment's text. */
function Body({ text, members }: { text: string; members: Mentionable[] }) {
  const names = members.map((m) => m.name).filter(Boolean).sort((a, b) => b.length - a.length);
  if (names.length === 0) return <p className="comment-body">{text}</p>;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(@(?:${escaped.join('|')}))`, 'gi'));
  return <p className="comment-body">{parts.map((p, i) => (i % 2 === 1 ? <span key={i} className="mention">{p}</span> : p))}</p>;
}

function CommentRow({ c, me, members, canEdit }: { c: Comment; me: string; members: Mentionable[]; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(c.body);
  const save = async () => {
    if (!draft.trim()) return;
    try { await commentsApi.edit(c.id, draft); setEditing(false); void commentsChanged(c.reportId); } catch (e) { toast.error(e); }
  };
  return (
    <div className="comment" data-comment-id={c.id}>
      <Avatar id={c.author.id} name={c.author.name} size={24} />
      <div className="comment-main">
        <div className="comment-meta">
          <span className="comment-author">{c.author.name}</span>
          <span className="muted small" title={formatFull(c.createdAt)}>{formatUpdated(c.createdAt)}</span>
          {c.author.id === me && canEdit && !editing && (
            <button className="icon-btn comment-edit" aria-label={t('comments.edit')} title={t('comments.editShort')} onClick={(e) => { e.stopPropagation(); setDraft(c.body); setEditing(true); }}><Pencil size={13} /></button>
          )}
        </div>
        {editing ? (
          <div className="comment-editing" onClick={(e) => e.stopPropagation()}>
            <MentionTextarea label={t('comments.edit')} value={draft} onChange={setDraft} onSubmit={save} members={members} autoFocus />
            <div className="comment-actions">
              <button className="btn btn-sm btn-primary" disabled={!draft.trim()} onClick={save}>{t('common.save')}</button>
              <button className="btn btn-sm btn-ghost" onClick={() => setEditing(false)}>{t('common.cancel')}</button>
            </div>
          </div>
        ) : <Body text={c.body} members={members} />}
      </div>
    </div>
  );
}

/** One thread: where it hangs, its comments, reply / resolve / reopen. Clicking it jumps to its anchor. */
export function ThreadCard({ thread, label, detached, active, me, members, canComment, onJump, replyNow = 0 }: {
  thread: Thread; label: string; detached: boolean; active: boolean; me: string; members: Mentionable[]; canComment: boolean; onJump: () => void;
  /** Changes when the thread was opened to be answered (from a notification): its reply box opens, focused. */
  replyNow?: number;
}) {
  const { t } = useTranslation();
  const keys = sendKeys();
  const { root, replies } = thread;
  const [reply, setReply] = useState('');
  const [replying, setReplying] = useState(false);
  useEffect(() => { if (replyNow && canComment && !root.resolved) setReplying(true); }, [replyNow, canComment, root.resolved]);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!reply.trim() || busy) return;
    setBusy(true);
    try { await commentsApi.add(root.reportId, { body: reply, parentId: root.id }); setReply(''); setReplying(false); void commentsChanged(root.reportId); } catch (e) { toast.error(e); } finally { setBusy(false); }
  };
  const resolve = async (resolved: boolean) => {
    try { await commentsApi.setResolved(root.id, resolved); void commentsChanged(root.reportId); } catch (e) { toast.error(e); }
  };
  return (
    <article className={`thread${active ? ' is-active' : ''}${root.resolved ? ' is-resolved' : ''}`} data-thread-id={root.id} aria-label={t('comments.threadOn', { label })}>
      {/* The whole header jumps to the anchor on a click; its first control does the same from the keyboard. */}
      <header className="thread-head" onClick={onJump}>
        <button type="button" className="thread-target" onClick={(e) => { e.stopPropagation(); onJump(); }} title={detached ? t('comments.detachedHint') : t('comments.showInReport')}>{label}</button>
        {detached && <span className="chip chip-warn" title={t('comments.detachedTitle')}><Unlink size={11} aria-hidden /> {t('comments.detached')}</span>}
        {root.resolved && <span className="chip chip-ok"><Check size={11} aria-hidden /> {t('comments.resolved')}</span>}
        <span className="grow" />
        {canComment && (root.resolved
          ? <button className="btn btn-ghost btn-sm" onClick={(e) => { e.stopPropagation(); resolve(false); }}><RotateCcw size={13} aria-hidden /> {t('comments.reopen')}</button>
          : <button className="btn btn-ghost btn-sm" onClick={(e) => { e.stopPropagation(); resolve(true); }}><Check size={13} aria-hidden /> {t('comments.resolve')}</button>)}
      </header>
      {root.anchor?.quote && <blockquote className="thread-quote">{root.anchor.quote}</blockquote>}
      <CommentRow c={root} me={me} members={members} canEdit={canComment} />
      {replies.map((c) => <CommentRow key={c.id} c={c} me={me} members={members} canEdit={canComment} />)}
      {canComment && (replying ? (
        <div className="thread-reply">
          <MentionTextarea label={t('comments.reply')} placeholder={keys ? t('comments.replyPlaceholder', { keys }) : t('comments.replyPlaceholderTouch')} value={reply} onChange={setReply} onSubmit={send} members={members} autoFocus />
          <div className="comment-actions">
            <button className="btn btn-sm btn-primary" disabled={!reply.trim() || busy} onClick={send}>{t('comments.reply')}</button>
            <button className="btn btn-sm btn-ghost" onClick={() => setReplying(false)}>{t('common.cancel')}</button>
          </div>
        </div>
      ) : (
        <button className="thread-reply-btn" onClick={() => setReplying(true)}><CornerDownRight size={13} aria-hidden /> {t('comments.reply')}</button>
      ))}
    </article>
  );
}
