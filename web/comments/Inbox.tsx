import { AtSign, Bell, CheckCheck, CornerDownRight, Target } from 'lucide-react';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { Popover } from '../components/Popover.js';
import { formatUpdated } from '../lib/time.js';
import { toast } from '../lib/toast.js';
import type { Notification } from './api.js';
import { useInbox } from './useInbox.js';
import './comments.css';

const what: Record<Notification['kind'], { text: string; Icon: typeof AtSign }> = {
  mention: { text: 'mentioned you', Icon: AtSign },
  doc_mention: { text: 'mentioned you in the report', Icon: AtSign },
  owner: { text: 'commented on your OKR item', Icon: Target },
  reply: { text: 'replied to your thread', Icon: CornerDownRight },
};

/** Sidebar entry "Inbox" with the unread count; opens the list of notifications, newest first. */
export function InboxButton() {
  const { items, unread, markRead } = useInbox();
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const close = useCallback(() => setOpen(false), []);
  const go = (n: Notification) => {
    setOpen(false);
    if (!n.read) markRead({ ids: [n.id] }).catch(toast.error);
    navigate(`/r/${n.reportId}${n.commentId ? `?thread=${n.commentId}` : n.blockId ? `?block=${n.blockId}` : ''}`);
  };
  return (
    <div className="inbox">
      <button className="side-link inbox-btn" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <Bell size={16} /> Inbox
        <span className="grow" />
        {unread > 0 && <span className="unread-badge" aria-label={`${unread} unread`}>{unread > 99 ? '99+' : unread}</span>}
      </button>
      {open && (
        <Popover onClose={close} className="inbox-popover">
          <div className="inbox-head">
            <strong>Inbox</strong>
            <span className="grow" />
            <button className="btn btn-ghost btn-sm" disabled={unread === 0} onClick={() => markRead({ all: true }).catch(toast.error)}><CheckCheck size={14} /> Mark all read</button>
          </div>
          <div className="inbox-list">
            {items.length === 0 && <p className="muted small pad">Nothing yet. Mentions and comments on your OKR items show up here.</p>}
            {items.map((n) => {
              const { text, Icon } = what[n.kind] ?? what.mention;
              return (
                <button key={n.id} className={`inbox-item${n.read ? '' : ' is-unread'}`} onClick={() => go(n)}>
                  <Icon size={15} className="inbox-icon" />
                  <span className="inbox-text">
                    <span><strong>{n.actor.name}</strong> {text}{n.week ? <span className="muted"> · {n.week}</span> : null}</span>
                    <span className="inbox-excerpt">{n.excerpt}</span>
                    <span className="muted small">{formatUpdated(n.createdAt)}</span>
                  </span>
                  {!n.read && <span className="unread-dot" aria-label="unread" />}
                </button>
              );
            })}
          </div>
        </Popover>
      )}
    </div>
  );
}
