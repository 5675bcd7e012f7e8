import { useCallback, useEffect, useState } from 'react';
import { notificationsApi, type Notification } from './api.js';
import { useEvents } from './useEventStream.js';

/** The signed-in user's notifications and unread count, kept live by their event stream. */
export function useInbox() {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const reload = useCallback(() => {
    notificationsApi.list().then((r) => { setItems(r.items); setUnread(r.unread); }, () => {});
  }, []);
  useEffect(reload, [reload]);
  useEvents(null, {
    notification: (d: { notification: Notification; unread: number }) => {
      setItems((xs) => [d.notification, ...xs.filter((x) => x.id !== d.notification.id)]);
      setUnread(d.unread);
    },
    read: reload,
  }, reload);
  const markRead = useCallback(async (which: { ids: string[] } | { all: true }) => {
    const r = await notificationsApi.read(which);
    setUnread(r.unread);
    setItems((xs) => xs.map((x) => ('all' in which || which.ids.includes(x.id) ? { ...x, read: true } : x)));
  }, []);
  return { items, unread, markRead };
}
