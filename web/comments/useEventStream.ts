import { useEffect } from 'react';
import { keys } from '../lib/data.js';
import { queryClient } from '../lib/queryClient.js';

/**
 * One Server-Sent Events connection per page (browsers allow only a few per origin): the user's notifications
 * and, while a report is open, that report's events (`/api/notifications/events?report=<id>`). Events change
 * nothing on screen by themselves: each marks the queries it affects stale (invalidateQueries), and the query
 * layer refetches those that are shown. On every (re)connect, whatever may have been missed is marked stale too.
 */
const watchers = new Map<symbol, string | null>();
let source: EventSource | null = null;
let url = '';
let scheduled = false;

type Data = { reportId?: string; comment?: { reportId?: string } };
const reportOf = (d: Data) => d.comment?.reportId ?? d.reportId ?? null;
const stale = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey });

/** Which queries each event type makes stale. */
const affects: Record<string, (d: Data) => void> = {
  comment: (d) => { const r = reportOf(d); if (r) stale(keys.comments(r)); },
  // A restore changes the document: threads may attach or detach, and the history has a new version.
  restored: (d) => { const r = reportOf(d); if (r) { stale(keys.comments(r)); stale(keys.history(r)); } },
  notification: () => stale(keys.notifications()),
  // Added to a space, removed from one, or given another role there: the space list (sidebar, home) is read again.
  spaces: () => stale(keys.spaces()),
  read: () => stale(keys.notifications()),
};

/** What an event says, for those who show it besides refetching (the restore notice names who restored which version). */
const listeners = new Map<string, Set<(d: Data & Record<string, unknown>) => void>>();

/** Calls `listener` with each event of `type` while subscribed; returns the unsubscribe. */
export function onStreamEvent(type: keyof typeof affects, listener: (d: Data & Record<string, unknown>) => void): () => void {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type)!.add(listener);
  return () => { listeners.get(type)?.delete(listener); };
}

function watchedReport() {
  return [...watchers.values()].filter(Boolean).pop() ?? null;
}

/** (Re)connects when what is watched changed; batched, so switching reports reconnects once. */
function sync() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    if (watchers.size === 0 || typeof EventSource === 'undefined') {
      source?.close();
      source = null;
      url = '';
      return;
    }
    const report = watchedReport();
    const want = `/api/notifications/events${report ? `?report=${encodeURIComponent(report)}` : ''}`;
    if (source && want === url) return;
    source?.close();
    url = want;
    source = new EventSource(want, { withCredentials: true });
    for (const [type, mark] of Object.entries(affects)) {
      source.addEventListener(type, (e) => {
        let data: Data;
        try { data = JSON.parse((e as MessageEvent).data); } catch { return; }
        mark(data ?? {});
        listeners.get(type)?.forEach((l) => l(data ?? {}));
      });
    }
    source.addEventListener('ready', () => {
      stale(keys.notifications());
      if (report) { stale(keys.comments(report)); stale(keys.history(report)); }
    });
  }, 0);
}

/** Keeps the event stream open while mounted; `report` adds that report's events (comments, restores). */
export function useEventStream(report: string | null) {
  useEffect(() => {
    const id = Symbol('watcher');
    watchers.set(id, report);
    sync();
    return () => {
      watchers.delete(id);
      sync();
    };
  }, [report]);
}
