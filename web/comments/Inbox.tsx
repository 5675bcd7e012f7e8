import { AlarmClock, AtSign, Bell, BellRing, CheckCheck, CornerDownRight, Target } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Popover } from '../components/Popover.js';
import { formatUpdated } from '../lib/time.js';
import { toast } from '../lib/toast.js';
import type { Notification } from './api.js';
import { useInbox } from './useInbox.js';
import './comments.css';

/** Each kind's icon; its words are `inbox.kind.<kind>`. */
const icons: Record<Notification['kind'], typeof AtSign> = { mention: AtSign, doc_mention: AtSign, owner: Target, reply: CornerDownRight, reminder: BellRing, deadline: AlarmClock };

/** Sidebar entry "Inbox" with the unread count; opens the list of notifications, newest first. */
export function InboxButton() {
  const { t } = useTranslation();
  const { items, unread, markRead } = useInbox();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const close = useCallback(() => setOpen(false), []);
  const go = (n: Notification) => {
    setOpen(false);
    if (!n.read) markRead({ ids: [n.id] }).catch(toast.error);
    // The thread opens in the panel and the report lands on the block it is about (it stayed at the top, the item far below).
    const at = new URLSearchParams();
    if (n.commentId) at.set('thread', n.commentId);
    if (n.blockId) at.set('block', n.blockId);
    navigate(`/r/${n.reportId}${at.size ? `?${at}` : ''}`);
  };
  return (
    <div className="inbox">
      <button className="side-link inbox-btn" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <Bell size={16} aria-hidden /> {t('inbox.title')}
        <span className="grow" />
        {unread > 0 && <span className="unread-badge" title={t('inbox.unread', { count: unread })}>{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <Popover onClose={close} className="inbox-popover" role="dialog" label={t('inbox.title')}>
          <div className="inbox-head">
            <strong>{t('inbox.title')}</strong>
            <span className="grow" />
            <button className="btn btn-ghost btn-sm" disabled={unread === 0} onClick={() => markRead({ all: true }).catch(toast.error)}><CheckCheck size={14} aria-hidden /> {t('inbox.markAllRead')}</button>
          </div>
          <div className="inbox-list">
            {items.length === 0 && <p className="muted small pad">{t('inbox.empty')}</p>}
            {items.map((n) => {
              const Icon = icons[n.kind] ?? AtSign;
              return (
                <button key={n.id} className={`inbox-item${n.read ? '' : ' is-unread'}`} onClick={() => go(n)}>
                  <Icon size={15} className="inbox-icon" aria-hidden />
                  <span className="inbox-text">
                    {/* The weekly rhythm's reminders (issue 15) are one sentence of their own. */}
                    {n.kind === 'reminder' ? <span>{t('inbox.reminderText', { actor: n.actor.name, week: n.week ?? '' })}</span>
                      : n.kind === 'deadline' ? <span>{t('inbox.deadlineText', { week: n.week ?? '' })}</span>
                      : <span><strong>{n.actor.name}</strong> {t(`inbox.kind.${n.kind}`)}{n.week ? <span className="muted"> · {n.week}</span> : null}</span>}
                    <span className="inbox-excerpt">{n.excerpt}</span>
                    <span className="muted small">{formatUpdated(n.createdAt)}</span>
                  </span>
                  {!n.read && <span className="unread-dot" title={t('inbox.unreadDot')} />}
                </button>
              );
            })}
          </div>
        </Popover>
      )}
    </div>
  );
}
