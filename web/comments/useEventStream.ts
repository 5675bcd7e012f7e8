import { useEffect, useRef } from 'react';

/**
 * One Server-Sent Events connection per page, shared by everything that listens: the user's notifications
 * and, while a report is open, that report's events (`/api/notifications/events?report=<id>`). Browsers
 * allow only a few connections per origin, so features never open their own.
 */
type Subscriber = { report: string | null; handlers: () => Record<string, (data: any) => void>; onOpen?: () => void };
const subscribers = new Set<Subscriber>();
const TYPES = ['notification', 'read', 'comment', 'restored'];
let source: EventSource | null = null;
let url = '';
let scheduled = false;

function wantedUrl() {
  const report = [...subscribers].map((s) => s.report).filter(Boolean).pop();
  return `/api/notifications/events${report ? `?report=${encodeURIComponent(report)}` : ''}`;
}

/** (Re)connects when what is listened to changed; batched, so switching reports reconnects once. */
function sync() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    if (subscribers.size === 0 || typeof EventSource === 'undefined') {
      source?.close();
      source = null;
      url = '';
      return;
    }
    const want = wantedUrl();
    if (source && want === url) return;
    source?.close();
    url = want;
    source = new EventSource(want, { withCredentials: true });
    for (const type of TYPES) {
      source.addEventListener(type, (e) => {
        let data: unknown;
        try { data = JSON.parse((e as MessageEvent).data); } catch { return; }
        for (const s of subscribers) s.handlers()[type]?.(data);
      });
    }
    // On every (re)connect: listeners refetch what they may have missed while disconnected.
    source.addEventListener('ready', () => { for (const s of subscribers) s.onOpen?.(); });
  }, 0);
}

/** Listens to event types (`comment`, `restored`, `notification`, `read`) while mounted; `report` adds that report's events. */
export function useEvents(report: string | null, handlers: Record<string, (data: any) => void>, onOpen?: () => void) {
  const ref = useRef({ handlers, onOpen });
  ref.current = { handlers, onOpen };
  useEffect(() => {
    const sub: Subscriber = { report, handlers: () => ref.current.handlers, onOpen: () => ref.current.onOpen?.() };
    subscribers.add(sub);
    sync();
    return () => {
      subscribers.delete(sub);
      sync();
    };
  }, [report]);
}
