import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { AdoptingWebSocket } from './earlySocket.js';
import { NoEchoWebsocketProvider, syncUrl } from './provider.js';

/** One report's live document: the Yjs doc, its IndexedDB copy and its socket to the server. */
export interface CollabSession { doc: Y.Doc; provider: NoEchoWebsocketProvider; local: IndexeddbPersistence }

function open(reportId: string): CollabSession {
  const doc = new Y.Doc();
  const local = new IndexeddbPersistence(reportId, doc);
  const provider = new NoEchoWebsocketProvider(syncUrl(), reportId, doc, { maxBackoffTime: 5000, WebSocketPolyfill: AdoptingWebSocket });
  return { doc, local, provider };
}

const close = (s: CollabSession) => { s.provider.destroy(); void s.local.destroy(); s.doc.destroy(); };

/** Opened ahead of the report page (issue 13, first load): waiting to be taken by useCollab, closed if it never is. */
let early: { reportId: string; session: CollabSession; timer: ReturnType<typeof setTimeout> } | null = null;
/** The reports whose page holds a session now (none is opened early for them). */
const held = new Set<string>();

/**
 * Starts a report's socket and local copy while the editor's code is still loading (routes.tsx calls it once the
 * report is known to be readable), so the document is on its way when the editor comes up.
 */
export function openEarly(reportId: string) {
  if (early?.reportId === reportId || held.has(reportId)) return;
  if (early) { clearTimeout(early.timer); close(early.session); }
  const session = open(reportId);
  early = { reportId, session, timer: setTimeout(() => { if (early?.session === session) { close(session); early = null; } }, 20_000) };
}

/** The report's session: the one opened early when there is one, else a new one. The caller closes it. */
export function takeSession(reportId: string): CollabSession {
  held.add(reportId);
  if (early?.reportId === reportId) {
    const { session, timer } = early;
    clearTimeout(timer);
    early = null;
    return session;
  }
  return open(reportId);
}

/** The page let its session go (it closed it). */
export const releaseSession = (reportId: string) => { held.delete(reportId); };
